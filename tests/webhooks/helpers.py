"""Helpers of the webhook tests: a signature-checking receiver, running a sink, its state."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from connectors.sinks.signature import DELIVERY, SIGNATURE, TIMESTAMP, verify
from hub.connect.sink_runtime import run_sinks
from hub.connect.sink_state import SinkState
from hub.deadletters.letter import read_dead_letter_headers
from hub.kafka.reader import read_topic
from hub.settings import Settings
from tests.support import wait_until

SECRET_VAR = "KOORDINATE_TEST_WEBHOOK_SECRET"
SECRET = "s3cr3t-for-tests-only"


def sink_config(path: Path, subscriptions: list[dict[str, Any]], **extra: Any) -> Path:
    config = {"name": "test-webhooks", "kind": "webhook", "backoff_s": 0.05, "max_backoff_s": 0.2, "tries": 4,
              "timeout_s": 5, **extra,
              "subscriptions": [{"secret_env": SECRET_VAR, **s} for s in subscriptions]}
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class Received:
    at: float  # time.monotonic() when the request arrived at the receiver
    path: str
    event_id: str
    body: dict[str, Any]
    headers: dict[str, str]
    verified: bool
    raw: bytes = b""


Script = Callable[[int, Received], Response]  # (how often this event id came before, the request) -> answer


def ok(_: int, __: Received) -> Response:
    return Response("", 204)


@dataclass
class Receiver:
    """Endpoints on a real HTTP server; each request is checked (HMAC) and logged with its arrival time."""

    server: HTTPServer
    secret: str = SECRET
    requests: list[Received] = field(default_factory=list)
    delay_s: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _active: int = 0
    max_active: int = 0

    def endpoint(self, path: str, script: Script = ok) -> str:
        def handle(request: Request) -> Response:
            body = request.get_data()
            received = Received(time.monotonic(), path, request.headers.get(DELIVERY, ""), json.loads(body),
                                dict(request.headers), verify(self.secret, body, request.headers.get(SIGNATURE, ""),
                                                              request.headers.get(TIMESTAMP, ""), time.time()),
                                body)
            with self._lock:
                before = sum(1 for r in self.requests if r.path == path and r.event_id == received.event_id)
                self.requests.append(received)
                self._active += 1
                self.max_active = max(self.max_active, self._active)
            try:
                if self.delay_s:
                    time.sleep(self.delay_s)  # a slow receiver, so deliveries overlap
                return script(before, received)
            finally:
                with self._lock:
                    self._active -= 1

        self.server.expect_request(path, method="POST").respond_with_handler(handle)
        return self.server.url_for(path)

    def at(self, path: str) -> list[Received]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def ids_at(self, path: str) -> list[str]:
        return [r.event_id for r in self.at(path)]


@asynccontextmanager
async def running(settings: Settings, config: Path) -> AsyncIterator[asyncio.Task[dict[str, SinkState]]]:
    """The sink running in this event loop until the block ends (then stopped like on SIGTERM)."""
    stop = asyncio.Event()
    task = asyncio.create_task(run_sinks(settings, [config], stop=stop))
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=60)


async def state_of(settings: Settings, name: str = "test-webhooks") -> SinkState | None:
    """The sink's latest committed state."""
    records = await read_topic(settings.bootstrap_servers, settings.topic_name("connect-offsets"))
    mine = [r for r in records if r.key == name.encode()]
    return SinkState.from_json(mine[-1].value) if mine else None


async def dead_letters(settings: Settings) -> list[tuple[dict[str, str], bytes, list[tuple[str, bytes]]]]:
    records = await read_topic(settings.bootstrap_servers, settings.topic_name("deadletter"))
    return [(read_dead_letter_headers(r.headers), r.value, list(r.headers)) for r in records]


async def wait_for(task: asyncio.Task[Any], condition: Callable[[], Any], what: str, timeout_s: float = 60.0) -> Any:
    """Wait until `condition()` is truthy; fail at once with the sink's error if the sink stopped."""

    def probe() -> Any:
        if task.done():
            task.result()
            raise AssertionError(f"the sink stopped while waiting for {what}")
        return condition()  # wait_until awaits it when it is a coroutine

    return await wait_until(probe, timeout_s, what)


def counted(settings: Settings, target: str, **expected: int) -> Callable[[], Any]:
    """A condition: the committed counters of `target` are at least `expected` (then the state)."""
    async def condition() -> SinkState | None:
        state = await state_of(settings)
        counters = state.targets.get(target) if state else None
        if counters and all(getattr(counters, k) >= v for k, v in expected.items()):
            return state
        return None

    return condition
