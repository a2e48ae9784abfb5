"""Prometheus metrics of the read model: events applied, consumer lag, apply latency."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


class ReadModelMetrics:
    """The read model's instruments, registered on the registry the API serves at /metrics."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.events = Counter(
            "koordinate_readmodel_events", "Records the read model consumed, by topic and CloudEvents type",
            ["topic", "type"], registry=registry,
        )
        self.changes = Counter(
            "koordinate_readmodel_changes", "Rows the read model changed (what the live stream pushes), by type",
            ["type"], registry=registry,
        )
        self.invalid = Counter(
            "koordinate_readmodel_invalid_records", "Records skipped because they are not valid CloudEvents",
            ["topic"], registry=registry,
        )
        self.lag = Gauge(
            "koordinate_readmodel_consumer_lag", "High watermark minus the read model's position",
            ["topic", "partition"], registry=registry,
        )
        self.latency = Histogram(
            "koordinate_readmodel_apply_latency_seconds",
            "From the record's Kafka timestamp to the commit of its row in the read store",
            buckets=LATENCY_BUCKETS, registry=registry,
        )
        self.batch_seconds = Histogram(
            "koordinate_readmodel_batch_seconds", "Time to apply one batch in the read store", registry=registry,
        )
