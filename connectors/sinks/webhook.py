"""Webhook sink: POSTs each routed event as a signed CloudEvent (structured JSON) to its subscriptions.

One rule, as `connectors.http`: network errors, 5xx and 429 are retried with backoff and jitter
(Retry-After honoured) up to `tries`, then dead-lettered; 410 Gone ends the subscription for good;
any other answer below 200 or from 300 up is dead-lettered at once. Deliveries of one entity to one
subscription go one after another; other entities go in parallel, at most `max_in_flight` requests.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, Literal, Self

import httpx
from pydantic import Field, model_validator

from connectors.errors import ConfigError
from connectors.http import USER_AGENT, Retry, retry_after_seconds
from connectors.sink_base import Attempt, Outcome, SinkConfig, SinkConnector, SinkRecord
from connectors.sinks.routing import Route, wants
from connectors.sinks.signature import signed_headers
from schemas import STRUCTURED, to_http_structured


class Subscription(Route):
    """One receiver: where to POST, the variable holding its HMAC secret, and what it wants (`Route`)."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,99}$")
    url: str = Field(pattern=r"^https?://\S+$")
    secret_env: str = Field(pattern=r"^[A-Z_][A-Z0-9_]*$", description="environment variable with the secret")


class WebhookConfig(SinkConfig):
    kind: Literal["webhook"]
    subscriptions: list[Subscription] = Field(min_length=1)
    tries: int = Field(6, ge=1, le=50, description="attempts per delivery before it is dead-lettered")
    backoff_s: float = Field(1.0, gt=0)
    max_backoff_s: float = Field(60.0, gt=0)
    max_retry_after_s: float = Field(300.0, gt=0, description="a longer Retry-After is cut to this")
    timeout_s: float = Field(10.0, gt=0)

    @model_validator(mode="after")
    def _names_unique(self) -> Self:
        names = [s.name for s in self.subscriptions]
        if len(names) != len(set(names)):
            raise ValueError(f"subscription names must be unique: {sorted({n for n in names if names.count(n) > 1})}")
        return self


class WebhookSink(SinkConnector[WebhookConfig]):
    config_model = WebhookConfig

    def __init__(self, config: WebhookConfig, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.retry = Retry(config.tries, config.backoff_s, config.max_backoff_s, config.max_retry_after_s)
        self._pending: list[tuple[Subscription, SinkRecord]] = []
        self._ended: dict[str, dict[str, Any]] = {}  # subscription -> {"url", "at", "event_id"}
        self._secrets: dict[str, str] = {}
        self._client: httpx.AsyncClient | None = None
        self._gate = asyncio.Semaphore(config.max_in_flight)

    async def open(self) -> None:
        missing = [s.secret_env for s in self.config.subscriptions if not os.environ.get(s.secret_env)]
        if missing:
            raise ConfigError(f"webhook sink {self.name}: secret variables not set: {', '.join(missing)}")
        self._secrets = {s.name: os.environ[s.secret_env] for s in self.config.subscriptions}
        self._client = httpx.AsyncClient(timeout=self.config.timeout_s, headers={"user-agent": USER_AGENT},
                                         limits=httpx.Limits(max_connections=self.config.max_in_flight))

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    def ended(self, subscription: Subscription) -> bool:
        # a changed URL is a new subscription: the receiver that said 410 was the old one
        return self._ended.get(subscription.name, {}).get("url") == subscription.url

    def add(self, record: SinkRecord) -> None:
        for subscription in self.config.subscriptions:
            if wants(subscription, record.event, self.directory):
                self._pending.append((subscription, record))

    async def flush(self) -> list[Outcome]:
        lanes: dict[tuple[str, str], list[tuple[Subscription, SinkRecord]]] = {}
        for subscription, record in self._pending:
            lanes.setdefault((subscription.name, record.key or record.event.id), []).append((subscription, record))
        self._pending = []
        done = await asyncio.gather(*(self._lane(lane) for lane in lanes.values()))
        return [outcome for lane in done for outcome in lane]

    def state(self) -> dict[str, Any]:
        return {"ended": self._ended}

    def restore(self, state: Mapping[str, Any]) -> None:
        self._ended = dict(state.get("ended") or {})

    async def _lane(self, deliveries: list[tuple[Subscription, SinkRecord]]) -> list[Outcome]:
        return [await self._deliver(subscription, record) for subscription, record in deliveries]

    async def _deliver(self, subscription: Subscription, record: SinkRecord) -> Outcome:
        assert self._client is not None, "open() the sink first"
        body = to_http_structured(record.event).body
        attempts: list[Attempt] = []
        started, wait = time.monotonic(), 0.0
        for attempt in range(self.retry.attempts):
            if attempt:
                await asyncio.sleep(wait)
            if self.ended(subscription):
                return Outcome(record, subscription.name, "skipped", tuple(attempts), "subscription ended")
            headers = {"content-type": STRUCTURED, **signed_headers(
                self._secrets[subscription.name], int(time.time()), body, record.event.id, subscription.name)}
            async with self._gate:
                sent = time.monotonic()
                try:
                    response = await self._client.post(subscription.url, content=body, headers=headers)
                except httpx.HTTPError as exc:  # refused, timed out, broken answer: the one translation point
                    attempts.append(Attempt(None, f"{type(exc).__name__}: {exc}"[:300], time.monotonic() - sent))
                    wait = self.retry.delay(attempt, random.random)
                    continue
            status, took = response.status_code, time.monotonic() - sent
            if 200 <= status < 300:
                attempts.append(Attempt(status, "", took))
                return Outcome(record, subscription.name, "delivered", tuple(attempts), seconds=time.monotonic() - started)
            attempts.append(Attempt(status, f"HTTP {status}: {response.text[:200]}", took))
            if status == 410:
                self._ended[subscription.name] = {"url": subscription.url, "event_id": record.event.id,
                                                  "at": datetime.now(timezone.utc).isoformat()}
                return Outcome(record, subscription.name, "ended", tuple(attempts), "410 Gone: subscription ended",
                               time.monotonic() - started, {"url": subscription.url})
            if status != 429 and status < 500:
                return self._dead(subscription, record, attempts, started, f"{subscription.url} refused the event")
            after = retry_after_seconds(response.headers.get("retry-after"))
            wait = min(after, self.retry.max_retry_after_s) if after is not None else self.retry.delay(attempt, random.random)
        return self._dead(subscription, record, attempts, started, f"{subscription.url} failed {len(attempts)} times")

    @staticmethod
    def _dead(subscription: Subscription, record: SinkRecord, attempts: list[Attempt], started: float,
              why: str) -> Outcome:
        last = attempts[-1]
        return Outcome(record, subscription.name, "dead_lettered", tuple(attempts), f"{why}, last: {last.problem}",
                       time.monotonic() - started, {"url": subscription.url, "status": last.status})
