"""Everything `koordinate api` runs in one process: read store, materialiser, producer, live feed, metrics."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry

from hub.gateway.tokens import TokenRegistry
from hub.kafka.producer import EventProducer
from hub.readmodel import ChangeFeed, Materialiser, open_store
from hub.readmodel.materialiser import READ_TOPICS
from hub.readmodel.metrics import ReadModelMetrics
from hub.readmodel.sql_store import SqlStore
from hub.settings import Settings

from hub.api.http_metrics import HttpInstruments
from hub.api.settings import ApiSettings


@dataclass
class ApiRuntime:
    """Started before the HTTP server and stopped after it; the routes reach it via ``app.state.runtime``."""

    settings: Settings
    api: ApiSettings
    tokens: TokenRegistry
    store: SqlStore
    feed: ChangeFeed = field(default_factory=ChangeFeed)
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)
    materialiser: Materialiser | None = None
    producer: EventProducer | None = None
    http: HttpInstruments = field(init=False)

    def __post_init__(self) -> None:
        self.http = HttpInstruments(self.registry)

    @classmethod
    def build(cls, settings: Settings, api: ApiSettings, tokens: TokenRegistry) -> ApiRuntime:
        return cls(settings, api, tokens, open_store(api.store_url(settings.home)))

    def topic(self, suffix: str) -> str:
        return self.settings.topic_name(suffix)

    async def start(self, *, rebuild: bool = False) -> None:
        await self.store.open()
        topics = {suffix: self.topic(suffix) for suffix in READ_TOPICS}
        self.materialiser = Materialiser(self.store, self.settings.bootstrap_servers, topics, self.feed,
                                         ReadModelMetrics(self.registry))
        self.producer = EventProducer(self.settings.bootstrap_servers, client_id="koordinate-api")
        await self.producer.start()
        await self.materialiser.start(rebuild=rebuild)

    async def stop(self) -> None:
        if self.materialiser is not None:
            await self.materialiser.stop()
        if self.producer is not None:
            await self.producer.stop()
        await self.store.close()
