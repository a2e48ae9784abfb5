"""The long-lived parts of one gateway: producer, entity directory and its feed, limiter, metrics."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field

import structlog

from hub.errors import BrokerUnavailable, PermanentError
from hub.gateway.intake import KIND_OF, Intake
from hub.gateway.limits import RateLimiter
from hub.gateway.metrics import GatewayMetrics
from hub.gateway.ownership import OwnershipIndex
from hub.gateway.settings import GatewaySettings
from hub.gateway.tokens import TokenRegistry
from hub.kafka.directory import EntityDirectory
from hub.kafka.directory_feed import DirectoryFeed
from hub.kafka.producer import EventProducer
from hub.settings import Settings
from hub.topics.spec import topic, topic_of_event_type

# a lazy proxy: it follows configure_logging even when that runs after this import
log = structlog.get_logger("hub.gateway")

# kind -> topic suffix: where the gateway writes each kind of event (the topic spec's routing)
TOPIC_SUFFIXES = {kind: topic_of_event_type(model.event_type).suffix for model, kind in KIND_OF.items()}


@dataclass
class GatewayRuntime:
    settings: Settings
    gateway: GatewaySettings
    tokens: TokenRegistry
    metrics: GatewayMetrics = field(default_factory=GatewayMetrics)
    directory: EntityDirectory = field(default_factory=EntityDirectory)
    intake: Intake | None = None  # set once the producer runs and the directory is loaded
    _producer: EventProducer | None = None
    _feed: DirectoryFeed | None = None
    index: OwnershipIndex = field(init=False)  # the directory, asked the gateway's questions
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.index = OwnershipIndex(self.directory)
        self.limiter = RateLimiter(self.gateway.rate_per_s, self.gateway.burst)

    @property
    def topics(self) -> dict[str, str]:
        return {kind: topic(suffix).name(self.settings.topic_prefix) for kind, suffix in TOPIC_SUFFIXES.items()}

    @property
    def ready(self) -> bool:
        return self.intake is not None

    async def connect(self) -> None:
        """Start the producer and load the directory, retrying until the broker answers (runs in the background)."""
        while True:
            producer = EventProducer(self.settings.bootstrap_servers, client_id="koordinate-gateway",
                                     request_timeout_s=self.settings.request_timeout_s)
            # missing="fail": the gateway writes to these topics too, so it is not ready before they exist
            feed = DirectoryFeed(self.directory, self.settings.bootstrap_servers, self.settings.topic_prefix,
                                 missing="fail", client="gateway directory",
                                 max_partition_fetch_bytes=4 * 1024 * 1024)
            try:
                await producer.start()
                try:
                    await feed.start()
                except BaseException:
                    await producer.stop()
                    raise
            except (BrokerUnavailable, PermanentError) as exc:
                log.warning("gateway not ready, retrying", reason=str(exc), retry_in_s=self.gateway.connect_retry_s)
                await asyncio.sleep(self.gateway.connect_retry_s)
                continue
            self._producer, self._feed = producer, feed
            self.intake = Intake(self.index, producer, self.topics)
            log.info("gateway ready", entities=len(self.index), topics=list(self.topics.values()))
            return

    async def close(self) -> None:
        self.intake = None
        if self._feed is not None:
            await self._feed.stop()
        if self._producer is not None:
            await self._producer.stop()

    async def broker_reachable(self, timeout_s: float = 1.0) -> bool:
        """Whether one of the bootstrap servers accepts a TCP connection now."""
        for address in self.settings.bootstrap_servers.split(","):
            host, _, port = address.strip().rpartition(":")
            try:
                _reader, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)), timeout_s)
            except (OSError, ValueError, asyncio.TimeoutError, socket.gaierror):
                continue
            writer.close()
            return True
        return False
