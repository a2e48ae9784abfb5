"""Every topic of the hub, described once: partitions, replication, cleanup and retention.

`koordinate topics apply` creates what is missing and reports drift; the AsyncAPI document and the
Strimzi KafkaTopic resources are rendered from the same list, so the three never disagree. The
worker's own topics (its area stream and the changelogs of its state tables) are listed here too:
a consumer that subscribes to a topic that does not exist yet only notices it at its next metadata
refresh, minutes later, so every topic exists before anything reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from hub.engine.store import EngineTables
from schemas import EVENT_MODELS, is_canonical

DEFAULT_PREFIX = "koordinate"
NAME_FORMAT = "{prefix}.{suffix}"
"""How a topic's name follows from the prefix and its suffix (all but the worker's changelogs)."""

# the two topics that carry no contract event, so no event type names them
DEADLETTER_SUFFIX = "deadletter"
CONNECT_OFFSETS_SUFFIX = "connect-offsets"

_DAY_MS = 24 * 60 * 60 * 1000

KeyOf = Callable[[Any], str]
"""How a record's Kafka key follows from the event it carries: one key, one partition, so the events
about one thing stay in order, and compaction keeps the latest per key."""


def _own_id(event: Any) -> str:
    """What the event is: a need, an offer, a duplicate cluster."""
    return str(event.id)


def _changed_entity(event: Any) -> str:
    """The need or offer a status update or an entity state is about."""
    return str(event.entity_id)


def _need(event: Any) -> str:
    return str(event.need_id)


def _area(event: Any) -> str:
    return f"{event.ags}/{event.district or ''}/{event.category}"


def _need_of_gap(event: Any) -> str:
    """A gap's need; without one, the area of a gap, or the gap a resolution ends."""
    if event.need_id:
        return str(event.need_id)
    return _area(event) if event.event_type == "org.koordinate.gap.v1" else str(event.gap_id)


def _cluster(event: Any) -> str:
    return str(event.cluster_id)


@dataclass(frozen=True)
class TopicSpec:
    """One topic: its suffix (the part after the prefix), what it carries and how Kafka keeps it."""

    suffix: str
    summary: str
    key: str
    event_types: tuple[str, ...]
    partitions: int = 6
    cleanup_policy: str = "delete"
    retention_ms: int | None = None
    extra_configs: dict[str, str] = field(default_factory=dict)
    # internal topics belong to the worker and are not part of the public contract (AsyncAPI)
    internal: bool = False
    # faust names a table's changelog `<app id>-<table>-changelog`, not `<prefix>.<suffix>`
    name_format: str = NAME_FORMAT
    # the key of a record from its event (`key` says it in words); None: the key is no event's
    key_of: KeyOf | None = None

    def name(self, prefix: str = DEFAULT_PREFIX) -> str:
        return format_topic_name(prefix, self.suffix, self.name_format)

    def configs(self) -> dict[str, str]:
        """The topic-level configs Kafka should hold for this topic (compared on drift checks)."""
        configs = {"cleanup.policy": self.cleanup_policy}
        if self.retention_ms is not None:
            configs["retention.ms"] = str(self.retention_ms)
        configs.update(self.extra_configs)
        return configs


def format_topic_name(prefix: str, suffix: str, name_format: str = NAME_FORMAT) -> str:
    """The one place a topic name is put together from the prefix and a suffix."""
    return name_format.format(prefix=prefix, suffix=suffix)


_CANONICAL = "compact"
_FOREVER = -1

TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(
        "needs",
        "Canonical needs (Bedarfe) from every source, latest revision per entity.",
        key="need entity id",
        event_types=("org.koordinate.need.v1",),
        key_of=_own_id,
        cleanup_policy=_CANONICAL,
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "offers",
        "Canonical offers (Angebote) from every source, latest revision per entity.",
        key="offer entity id",
        event_types=("org.koordinate.offer.v1",),
        key_of=_own_id,
        cleanup_policy=_CANONICAL,
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "status",
        "Status updates and commitments of needs and offers.",
        key="entity id the update is about",
        event_types=("org.koordinate.status.v1",),
        key_of=_changed_entity,
        cleanup_policy="delete",
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "matches",
        "Suggested offers for open needs, with score and reasons.",
        key="need entity id",
        event_types=("org.koordinate.match.v1",),
        key_of=_need,
        retention_ms=30 * _DAY_MS,
    ),
    TopicSpec(
        "gaps",
        "Needs uncovered past their urgency SLA, and their resolution.",
        key="need entity id",
        event_types=("org.koordinate.gap.v1", "org.koordinate.gap.resolved.v1"),
        key_of=_need_of_gap,
        retention_ms=90 * _DAY_MS,
    ),
    TopicSpec(
        "duplicates",
        "Clusters of duplicated offers and parallel offers, with evidence.",
        key="cluster id",
        event_types=("org.koordinate.duplicate.v1",),
        key_of=_own_id,
        cleanup_policy="compact",
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "coverage",
        "Open demand against available capacity per area x category.",
        key="ags/district/category",
        event_types=("org.koordinate.coverage.v1",),
        key_of=_area,
        cleanup_policy="compact",
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "state",
        "The hub's state of each need and offer: status, committed and remaining slots, expiry, lapsed"
        " commitments, the last refused change. Published by the engine whenever it changes; the latest"
        " per entity stays.",
        key="need or offer entity id",
        event_types=("org.koordinate.state.v1",),
        key_of=_changed_entity,
        cleanup_policy="compact",
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "reviews",
        "Decisions of the coordination office on suspected duplicates.",
        key="cluster id",
        event_types=("org.koordinate.review.v1",),
        key_of=_cluster,
        cleanup_policy="delete",
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        DEADLETTER_SUFFIX,
        "Records that could not be read, normalised or applied, with the original payload and reason.",
        key="source position or entity id",
        event_types=(),
        partitions=3,
        retention_ms=30 * _DAY_MS,
    ),
    TopicSpec(
        CONNECT_OFFSETS_SUFFIX,
        "Source positions of the connectors, latest per connector.",
        key="connector name",
        event_types=(),
        partitions=1,
        cleanup_policy="compact",
        retention_ms=_FOREVER,
    ),
)


# The worker's state tables (hub/stream/app.py); each one keeps a compacted changelog topic.
WORKER_TABLES: tuple[str, ...] = (
    "route-entity-areas", "route-parked", "area-journal", "area-output-positions",
    *(f"engine-{name}" for name in EngineTables.names()),
)
WORKER_APP_SUFFIX = "worker"  # the worker's faust app id is `<prefix>-worker`
AREA_STREAM_SUFFIX = "worker.by-area"


def changelog_suffix(table: str) -> str:
    return f"{WORKER_APP_SUFFIX}-{table}-changelog"


def worker_topics(partitions: int = 6) -> tuple[TopicSpec, ...]:
    """The worker's internal topics, with as many partitions as the worker is configured for."""
    area_stream = TopicSpec(
        AREA_STREAM_SUFFIX,
        "The worker's repartition stream: canonical events keyed by their municipality (AGS).",
        key="AGS", event_types=(), partitions=partitions, cleanup_policy="delete",
        retention_ms=30 * _DAY_MS, internal=True,
    )
    changelogs = tuple(
        TopicSpec(changelog_suffix(table), f"Changelog of the worker's `{table}` state table.",
                  key="table key", event_types=(), partitions=partitions, cleanup_policy="compact",
                  internal=True, name_format="{prefix}-{suffix}")
        for table in WORKER_TABLES
    )
    return (area_stream, *changelogs)


def hub_topics(worker_partitions: int = 6) -> tuple[TopicSpec, ...]:
    """Every topic the hub needs: the contract's topics and the worker's own."""
    return TOPICS + worker_topics(worker_partitions)


def topic(suffix: str) -> TopicSpec:
    """The spec of one topic by its suffix, e.g. ``topic("needs")``."""
    try:
        return _topics_by_suffix()[suffix]
    except KeyError:
        raise KeyError(f"no topic {suffix!r} in the spec; known: {', '.join(t.suffix for t in hub_topics())}") from None


@lru_cache(maxsize=1)
def _topics_by_suffix() -> dict[str, TopicSpec]:
    # the worker asks for every derived record's topic: build the index once, not the spec per call
    return {spec.suffix: spec for spec in hub_topics()}


_TOPIC_OF_EVENT_TYPE = {event_type: spec for spec in TOPICS for event_type in spec.event_types}


def topic_of_event_type(event_type: str) -> TopicSpec:
    """The one topic that carries an event type: where every producer writes it."""
    try:
        return _TOPIC_OF_EVENT_TYPE[event_type]
    except KeyError:
        raise KeyError(f"no topic carries {event_type!r}") from None


def event_topics() -> tuple[TopicSpec, ...]:
    """The topics that carry contract events (not the dead letters, offsets or the worker's own)."""
    return tuple(spec for spec in TOPICS if spec.event_types)


def canonical_topics() -> tuple[TopicSpec, ...]:
    """The topics of the canonical events (needs, offers, status updates): what the connectors and the
    gateway write and the hub reads; every other topic of events carries what the hub derives."""
    return tuple(spec for spec in event_topics() if all(is_canonical(EVENT_MODELS[t]) for t in spec.event_types))
