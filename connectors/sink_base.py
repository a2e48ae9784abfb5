"""The sink connector contract: `add` one record, `flush` at a checkpoint and report each delivery's outcome.

Modelled on quix-streams' sinks and Kafka Connect's `put`/`flush`: the runtime reads the hub's topics,
hands each record to `add`, calls `flush` before it commits the position, and writes what the outcomes
say (dead letters, counters, metrics). Sinks know formats and destinations, not Kafka: a record carries
its topic, partition and offset as plain values, and who published an entity comes from a `Directory`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from schemas import CloudEvent

JsonDict = dict[str, Any]
# the topic spec's topics of events (hub/topics/spec.py, event_topics()), spelt out because connectors import
# nothing of hub; tests/foundation/test_topic_routing.py keeps the two the same
TopicSuffix = Literal["matches", "gaps", "coverage", "duplicates", "status", "state", "needs", "offers", "reviews"]
Result = Literal["delivered", "dead_lettered", "ended", "skipped"]


class SinkConfig(BaseModel):
    """Keys every sink config has; a kind adds its own. Unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,99}$", description="unique; the offsets key")
    kind: str
    topics: list[TopicSuffix] = Field(default_factory=lambda: ["matches", "gaps", "coverage", "duplicates", "status",
                                                               "state"],
                                      min_length=1, description="the hub topics (suffixes) the sink reads")
    start_at: Literal["earliest", "latest"] = Field("earliest", description="where a sink without a position begins")
    max_in_flight: int = Field(16, ge=1, le=1000, description="records per checkpoint and parallel deliveries")
    metrics_port: int | None = Field(None, ge=1, le=65535, description="Prometheus /metrics of the process; off when unset")


@dataclass(frozen=True)
class SinkRecord:
    """One record of a hub topic as a sink sees it: the CloudEvent, its place, its original bytes."""

    topic: str
    partition: int
    offset: int
    key: str | None
    event: CloudEvent
    value: bytes = b""
    headers: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class Attempt:
    """One try of a delivery: the HTTP status (None when no answer came), what went wrong, how long it took."""

    status: int | None
    problem: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """How the delivery of one record to one target ended; ``skipped``: the target had ended before."""

    record: SinkRecord
    target: str
    result: Result
    attempts: tuple[Attempt, ...] = ()
    reason: str = ""
    seconds: float = 0.0
    detail: JsonDict = field(default_factory=dict)

    @property
    def retries(self) -> int:
        return max(0, len(self.attempts) - 1)


@dataclass(frozen=True)
class EntityInfo:
    """What routing needs to know about a need or offer: who published it and where it is."""

    kind: Literal["need", "offer"]
    source: str
    ags: str
    districts: tuple[str, ...] = ()  # a need's one district; an offer's served districts (empty: all)


class Directory(Protocol):
    """What a sink may ask about the hub's needs and offers: who published one and where it is, and the
    offers committed to a need. The hub answers from the canonical topics (hub/kafka/directory.py)."""

    def entity(self, entity_id: str) -> EntityInfo | None: ...

    def offers_committed_to(self, need_id: str) -> frozenset[str]: ...


class NoDirectory:
    """The directory of a sink given none: it knows no entity, so only unfiltered routes match."""

    def entity(self, entity_id: str) -> None:
        return None

    def offers_committed_to(self, need_id: str) -> frozenset[str]:
        return frozenset()


C = TypeVar("C", bound=SinkConfig)


class SinkConnector(ABC, Generic[C]):
    """A sink: `add` takes one record (routing, buffering), `flush` does the work and reports the outcomes.

    The runtime commits the position only after `flush` returned and the dead letters it implies are
    written, so a record is handed over again after a crash (at least once). `state`/`restore` carry what
    the sink must remember across restarts (ended subscriptions); the runtime stores it with the position.
    Raise `ConfigError` from `open` when the sink cannot start (a missing secret).
    """

    config_model: ClassVar[type[SinkConfig]]

    def __init__(self, config: C, directory: Directory | None = None) -> None:
        self.config = config
        self.directory: Directory = directory if directory is not None else NoDirectory()

    @property
    def name(self) -> str:
        return self.config.name

    async def open(self) -> None:
        """Acquire clients; called once before the first `add`."""

    @abstractmethod
    def add(self, record: SinkRecord) -> None:
        """Take one record; cheap and without I/O (the work happens in `flush`)."""

    @abstractmethod
    async def flush(self) -> list[Outcome]:
        """Deliver everything added since the last flush; one outcome per record and target."""

    def state(self) -> JsonDict:
        """What must survive a restart, JSON-able."""
        return {}

    def restore(self, state: Mapping[str, Any]) -> None:
        """Take back what `state` returned before the restart."""

    async def close(self) -> None:
        """Release what `open` acquired."""
