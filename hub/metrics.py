"""Prometheus metrics shared by the hub's processes (each process exposes its own /metrics)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from wsgiref.simple_server import WSGIRequestHandler, make_server

from prometheus_client import Counter, Gauge, Histogram, make_wsgi_app
from prometheus_client.exposition import ThreadingWSGIServer

EVENTS_IN = Counter("koordinate_events_in_total", "Events consumed", ["topic", "type"])
EVENTS_OUT = Counter("koordinate_events_out_total", "Events produced", ["topic", "type"])
DEAD_LETTERS = Counter("koordinate_dead_letters_total", "Records sent to the dead-letter topic", ["stage", "reason"])
CONSUMER_LAG = Gauge("koordinate_consumer_lag", "Records behind the end of a partition", ["topic", "partition"])
PROCESSING_LATENCY = Histogram(
    "koordinate_processing_latency_seconds",
    "From the time an event happened (CloudEvents time) to its derived event being acknowledged",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600, 3600),
)
EVENT_LOOP_HELD = Histogram(
    "koordinate_worker_event_loop_held_seconds",
    "How much later than asked the worker's event loop woke a 0.1 s sleep (one callback holding it)",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
GC_PAUSE = Histogram(
    "koordinate_worker_gc_pause_seconds",
    "How long each pass of Python's cyclic garbage collector held the worker, by generation (2: a full pass)",
    ["generation"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
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

WORKER_READY = Gauge(
    "koordinate_worker_ready",
    "1 while the worker's topics all exist and it serves its assigned partitions; 0 otherwise (see /readyz)",
)
WORKER_MISSING_TOPICS = Gauge(
    "koordinate_worker_missing_topics", "Topics the worker reads that do not exist on the cluster"
)

# () -> (ready, reason): what `/readyz` answers
ReadinessProbe = Callable[[], tuple[bool, str]]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        """Probes every few seconds would flood the process's log."""


def _probes_and_metrics(readiness: ReadinessProbe | None):  # type: ignore[no-untyped-def]
    metrics = make_wsgi_app()

    def app(environ, start_response):  # type: ignore[no-untyped-def]
        path = environ.get("PATH_INFO", "")
        if path in ("/healthz", "/readyz"):
            ready, reason = (True, "alive") if path == "/healthz" or readiness is None else readiness()
            body = json.dumps({"ready": ready, "reason": reason}).encode()
            start_response("200 OK" if ready else "503 Service Unavailable",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        return metrics(environ, start_response)

    return app


def serve_metrics(port: int | None, host: str = "127.0.0.1", readiness: ReadinessProbe | None = None) -> None:
    """Expose /metrics, /healthz and /readyz on a port of its own.

    A thread of its own, so nothing runs in the caller's event loop; `readiness` is called from that
    thread and must only read state.
    """
    if not port:
        return
    server = make_server(host, port, _probes_and_metrics(readiness), ThreadingWSGIServer, handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name="metrics-http", daemon=True).start()
