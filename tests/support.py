"""Helpers the Kafka tests share: produce contract models, read them back, wait on a condition."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TypeVar

from hub.kafka.producer import EventProducer
from hub.kafka.reader import read_topic
from hub.settings import Settings, subprocess_environment
from schemas import Need, Offer, Review, StatusUpdate, model_from_kafka, to_kafka
from schemas._base import EventModel

T = TypeVar("T")
CANONICAL_TOPIC = {Need: "needs", Offer: "offers", StatusUpdate: "status", Review: "reviews"}


def canonical_record(settings: Settings, model: EventModel) -> tuple[str, bytes, bytes, list]:
    """Topic, value, key and headers of a canonical model, as the connectors and the gateway write it."""
    record = to_kafka(model)
    return settings.topic_name(CANONICAL_TOPIC[type(model)]), record.value, record.key, record.headers


async def produce_models(settings: Settings, models: Iterable[EventModel]) -> None:
    """Produce canonical models to their topics as the connectors and the gateway do."""
    async with EventProducer(settings.bootstrap_servers) as producer:
        for model in models:
            topic, value, key, headers = canonical_record(settings, model)
            await producer.send(topic, value, key=key, headers=headers)


async def read_models(settings: Settings, suffix: str) -> list[EventModel]:
    records = await read_topic(settings.bootstrap_servers, settings.topic_name(suffix))
    return [model_from_kafka(r.value, r.headers) for r in records]


async def wait_until(probe: Callable[[], Awaitable[T | None]], timeout_s: float = 60.0,
                     what: str | Callable[[], str] = "the condition", interval_s: float = 0.25) -> T:
    """Poll `probe` until it returns something truthy; fail with `what` (or what it returns) after the timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = await probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what() if callable(what) else what}")
        await asyncio.sleep(interval_s)


def koordinate_executable() -> str:
    return str(Path(sys.executable).parent / "koordinate")


def hub_environment(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment for a hub subprocess that talks to the test's broker and topics."""
    return subprocess_environment(settings, KOORDINATE_LOG_LEVEL="info", **extra)


class HubProcess:
    """A `koordinate ...` subprocess with its output in a log file; killable like a real crash."""

    def __init__(self, args: list[str], env: dict[str, str], log_file: Path) -> None:
        self.args = args
        self.env = env
        self.log_file = log_file
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> HubProcess:
        log = open(self.log_file, "ab")
        self.process = subprocess.Popen([koordinate_executable(), *self.args], env=self.env, stdout=log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no final commit — a crash."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self, timeout_s: float = 30.0) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_file.exists():
            return ""
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
