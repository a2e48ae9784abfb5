"""Helpers the Kafka tests share: produce contract models, read them back, wait on a condition, run
`koordinate` processes, a broker's settings and a test's topics."""

from __future__ import annotations

import asyncio
import inspect
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TypeVar

from hub.kafka.cluster import admin_client
from hub.kafka.producer import EventProducer
from hub.kafka.reader import read_topic
from hub.settings import BrokerSettings, Settings, subprocess_environment
from hub.topics.spec import topic_of_event_type
from schemas import model_from_kafka, to_kafka
from schemas._base import EventModel

T = TypeVar("T")


def canonical_record(settings: Settings, model: EventModel) -> tuple[str, bytes, bytes, list]:
    """Topic, value, key and headers of a model, as the connectors, the gateway and the worker write it."""
    record = to_kafka(model)
    return settings.topic_name(topic_of_event_type(model.event_type).suffix), record.value, record.key, record.headers


async def produce_models(settings: Settings, models: Iterable[EventModel]) -> None:
    """Produce models to the topics of their event types (the topic spec), as the connectors, the gateway
    and the worker do."""
    async with EventProducer(settings.bootstrap_servers) as producer:
        for model in models:
            topic, value, key, headers = canonical_record(settings, model)
            await producer.send(topic, value, key=key, headers=headers)


async def read_models(settings: Settings, suffix: str) -> list[EventModel]:
    records = await read_topic(settings.bootstrap_servers, settings.topic_name(suffix))
    return [model_from_kafka(r.value, r.headers) for r in records]


async def wait_until(condition: Callable[[], T | None | Awaitable[T | None]], timeout_s: float = 60.0,
                     describe: str | Callable[[], str] = "the condition", *,
                     processes: Iterable[HubProcess] = (), interval_s: float = 0.25) -> T:
    """Poll `condition` (a function or a coroutine function) until it returns something truthy; return that.

    Fails after `timeout_s` with `describe` (or what it returns: the state last seen), and at once when
    one of the `processes` the condition waits on has exited; either way with their log tails.
    """
    deadline = time.monotonic() + timeout_s
    watched = list(processes)
    while True:
        result = condition()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        exited = [p for p in watched if p.exit_code() is not None]
        if exited or time.monotonic() > deadline:
            what = describe() if callable(describe) else describe
            why = (f"{', '.join(f'{p.name} exited with code {p.exit_code()}' for p in exited)} while waiting for"
                   if exited else f"timed out after {timeout_s:.0f} s waiting for")
            tails = "".join(f"\n--- {p.name} log ---\n{p.log_tail()}" for p in watched)
            raise AssertionError(f"{why} {what}{tails}")
        await asyncio.sleep(interval_s)


def free_port() -> int:
    """A TCP port free right now on 127.0.0.1 (for a server the test starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def broker_settings(home: Path, port: int) -> Settings:
    """Settings of a local broker of the test's own, its data in `home`."""
    return Settings(
        home=home, bootstrap_servers=f"127.0.0.1:{port}",
        broker=BrokerSettings(port=port, heap="512m"),
    )


async def delete_topics_with_prefix(bootstrap_servers: str, prefix: str) -> None:
    """Remove a test's topics (the spec's and faust's own), so a long run does not pile up partitions."""
    async with admin_client(bootstrap_servers) as admin:
        names = [name for name in await admin.list_topics() if name.startswith((f"{prefix}.", f"{prefix}-"))]
        if names:
            await admin.delete_topics(names)


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

    @property
    def name(self) -> str:
        """The process as messages name it: its log file's name, e.g. `worker-1`."""
        return self.log_file.stem

    def exit_code(self) -> int | None:
        """None while it runs (or before it started)."""
        return self.process.poll() if self.process is not None else None

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
