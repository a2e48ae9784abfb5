"""Whether the worker is ready: every topic it reads exists, and the group gave it partitions to serve.

Why it is watched: a consumer subscribed to a topic that does not exist yet notices the topic only at
its next metadata refresh, and until then it looks healthy and derives nothing. The worker creates
its topics before it subscribes (`hub.topics.admin.apply_hub_topics`); this watch is the check that
it worked, and the signal an operator or an orchestrator reads (`/readyz`, `koordinate_worker_ready`).
A worker that has not subscribed within its configured time stops with an error instead of idling.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass

import structlog
from aiokafka.errors import KafkaError

from hub.errors import BrokerUnavailable, KoordinateError
from hub.kafka.cluster import admin_client
from hub.metrics import CONSUMER_LAG, WORKER_MISSING_TOPICS, WORKER_READY
from hub.topics.admin import led_topics

log = structlog.get_logger(__name__)


class WorkerNotSubscribed(KoordinateError):
    """Raised when the worker could not subscribe to all its topics within its configured time."""


@dataclass(frozen=True)
class Readiness:
    """One look at the worker: what is missing for it to serve its partitions."""

    missing_topics: tuple[str, ...] = ()
    assigned: bool = False
    rebalancing: bool = False
    recovering: bool = False

    @property
    def subscribed(self) -> bool:
        """Every topic exists and the group assigned partitions to this worker."""
        return not self.missing_topics and self.assigned

    @property
    def ready(self) -> bool:
        return self.subscribed and not self.rebalancing and not self.recovering

    def reason(self) -> str:
        """Why the worker is not ready, in one line for logs and `/readyz`; "ready" when it is."""
        if self.missing_topics:
            return f"missing topics: {', '.join(self.missing_topics)} (create them with `koordinate topics apply`)"
        if not self.assigned:
            return "no partitions assigned yet (joining the consumer group)"
        if self.rebalancing:
            return "the consumer group is rebalancing"
        if self.recovering:
            return "restoring state tables from their changelogs"
        return "ready"


async def existing_topics(bootstrap_servers: str, names: Collection[str], timeout_s: float) -> set[str]:
    """Those of `names` whose every partition has a leader on the cluster."""
    async with admin_client(bootstrap_servers, timeout_s) as admin:
        return led_topics(await admin.describe_topics(list(names)))


class ReadinessWatch:
    """Looks at the worker every `interval_s`; publishes the result (and the consumer lag, when given a
    way to measure it); gives up after `subscribe_timeout_s`."""

    def __init__(self, bootstrap_servers: str, topics: Collection[str], *,
                 assigned: Callable[[], bool], rebalancing: Callable[[], bool], recovering: Callable[[], bool],
                 subscribe_timeout_s: float, on_timeout: Callable[[BaseException], Awaitable[None]],
                 lag: Callable[[], Awaitable[Mapping[tuple[str, int], int]]] | None = None,
                 interval_s: float = 1.0, request_timeout_s: float = 10.0) -> None:
        self._bootstrap = bootstrap_servers
        self._topics = tuple(sorted(topics))
        self._assigned, self._rebalancing, self._recovering = assigned, rebalancing, recovering
        self._timeout_s = subscribe_timeout_s
        self._on_timeout = on_timeout
        self._lag = lag
        self._interval_s = interval_s
        self._request_timeout_s = request_timeout_s
        self.current = Readiness(missing_topics=self._topics)

    async def look(self) -> Readiness:
        """Take one look and publish it (gauges, and a log line when the answer changed)."""
        try:
            existing = await existing_topics(self._bootstrap, self._topics, self._request_timeout_s)
            missing = tuple(t for t in self._topics if t not in existing)
        except (BrokerUnavailable, KafkaError, OSError, asyncio.TimeoutError):
            missing = self.current.missing_topics  # unknown this time: keep the last answer
        try:
            seen = Readiness(missing, self._assigned(), self._rebalancing(), self._recovering())
        except Exception as exc:  # noqa: BLE001 - the probes are the app's; faust raises its own kinds
            # The consumer thread is still starting (or already stopping): nothing is assigned yet.
            # A readiness probe must answer, never take the worker down with it.
            log.debug("worker.readiness_probe_not_ready", error=repr(exc))
            seen = Readiness(missing, False, False, False)
        if seen.reason() != self.current.reason():
            (log.info if seen.ready else log.warning)("worker.readiness", ready=seen.ready, reason=seen.reason())
        self.current = seen
        WORKER_READY.set(1 if seen.ready else 0)
        WORKER_MISSING_TOPICS.set(len(seen.missing_topics))
        if self._lag is not None and seen.subscribed:
            for (topic, partition), behind in (await self._lag()).items():
                CONSUMER_LAG.labels(topic, str(partition)).set(behind)
        return seen

    async def run(self) -> None:
        """Look until stopped; if the worker has not subscribed in time, hand `on_timeout` the error."""
        started = time.monotonic()
        ever_subscribed = False
        while True:
            seen = await self.look()
            ever_subscribed = ever_subscribed or seen.subscribed
            if not ever_subscribed and time.monotonic() - started > self._timeout_s:
                error = WorkerNotSubscribed(
                    f"the worker could not subscribe within {self._timeout_s:g} s: {seen.reason()} "
                    "(raise `worker.subscribe_timeout_s` if the cluster is slow to create topics)")
                log.error("worker.not_subscribed", reason=seen.reason(), timeout_s=self._timeout_s)
                await self._on_timeout(error)
                return
            await asyncio.sleep(self._interval_s)
