"""Every topic of the hub, described once: partitions, replication, cleanup and retention.

`koordinate topics apply` creates what is missing and reports drift; the AsyncAPI document and the
Strimzi KafkaTopic resources are rendered from the same list, so the three never disagree. The
worker's own topics (its area stream and the changelogs of its state tables) are listed here too:
a consumer that subscribes to a topic that does not exist yet only notices it at its next metadata
refresh, minutes later, so every topic exists before anything reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hub.engine.store import EngineTables

DEFAULT_PREFIX = "koordinate"

_DAY_MS = 24 * 60 * 60 * 1000


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
    name_format: str = "{prefix}.{suffix}"

    def name(self, prefix: str = DEFAULT_PREFIX) -> str:
        return self.name_format.format(prefix=prefix, suffix=self.suffix)

    def configs(self) -> dict[str, str]:
        """The topic-level configs Kafka should hold for this topic (compared on drift checks)."""
        configs = {"cleanup.policy": self.cleanup_policy}
        if self.retention_ms is not None:
            configs["retention.ms"] = str(self.retention_ms)
        configs.update(self.extra_configs)
        return configs


_CANONICAL = "compact"
_FOREVER = -1

TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(
        "needs",
        "Canonical needs (Bedarfe) from every source, latest revision per entity.",
        key="need entity id",
        event_types=("org.koordinate.need.v1",),
        cleanup_policy=_CANONICAL,
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "offers",
        "Canonical offers (Angebote) from every source, latest revision per entity.",
        key="offer entity id",
        event_types=("org.koordinate.offer.v1",),
        cleanup_policy=_CANONICAL,
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "status",
        "Status updates and commitments of needs and offers.",
        key="entity id the update is about",
        event_types=("org.koordinate.status.v1",),
        cleanup_policy="delete",
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "matches",
        "Suggested offers for open needs, with score and reasons.",
        key="need entity id",
        event_types=("org.koordinate.match.v1",),
        retention_ms=30 * _DAY_MS,
    ),
    TopicSpec(
        "gaps",
        "Needs uncovered past their urgency SLA, and their resolution.",
        key="need entity id",
        event_types=("org.koordinate.gap.v1", "org.koordinate.gap.resolved.v1"),
        retention_ms=90 * _DAY_MS,
    ),
    TopicSpec(
        "duplicates",
        "Clusters of duplicated offers and parallel offers, with evidence.",
        key="cluster id",
        event_types=("org.koordinate.duplicate.v1",),
        cleanup_policy="compact",
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "coverage",
        "Open demand against available capacity per area x category.",
        key="ags/district/category",
        event_types=("org.koordinate.coverage.v1",),
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
        cleanup_policy="compact",
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "reviews",
        "Decisions of the coordination office on suspected duplicates.",
        key="cluster id",
        event_types=("org.koordinate.review.v1",),
        cleanup_policy="delete",
        retention_ms=_FOREVER,
    ),
    TopicSpec(
        "deadletter",
        "Records that could not be read, normalised or applied, with the original payload and reason.",
        key="source position or entity id",
        event_types=(),
        partitions=3,
        retention_ms=30 * _DAY_MS,
    ),
    TopicSpec(
        "connect-offsets",
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
    for spec in hub_topics():
        if spec.suffix == suffix:
            return spec
    raise KeyError(f"no topic {suffix!r} in the spec; known: {', '.join(t.suffix for t in hub_topics())}")
