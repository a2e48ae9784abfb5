"""Prometheus metrics shared by the hub's processes (each process exposes its own /metrics)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram, start_http_server

EVENTS_IN = Counter("koordinate_events_in_total", "Events consumed", ["topic", "type"])
EVENTS_OUT = Counter("koordinate_events_out_total", "Events produced", ["topic", "type"])
DEAD_LETTERS = Counter("koordinate_dead_letters_total", "Records sent to the dead-letter topic", ["stage", "reason"])
CONSUMER_LAG = Gauge("koordinate_consumer_lag", "Records behind the end of a partition", ["topic", "partition"])
PROCESSING_LATENCY = Histogram(
    "koordinate_processing_latency_seconds",
    "From the time an event happened (CloudEvents time) to its derived event being acknowledged",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600, 3600),
)
JOURNAL_BYTES = Histogram(
    "koordinate_worker_journal_entry_bytes",
    "Size of one area partition's commit written ahead to the worker's journal",
    buckets=(1e3, 1e4, 1e5, 5e5, 1e6, 5e6, 2e7),
)
OFFSET_REREADS = Counter(
    "koordinate_worker_offset_rereads_total",
    "Partitions the worker's consumer read again because the offsets jumped (true gaps or stale records)",
    ["topic"],
)


def serve_metrics(port: int | None, host: str = "127.0.0.1") -> None:
    """Expose /metrics on a port of its own (a thread; nothing runs in the caller's event loop)."""
    if port:
        start_http_server(port, addr=host)
