"""Prometheus metrics of the sinks: deliveries by outcome, failed attempts by reason, delivery latency."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from connectors.sink_base import Outcome

WEBHOOK_DELIVERIES = Counter(
    "koordinate_webhook_deliveries_total", "Webhook deliveries by how they ended (delivered, dead_lettered, ended, skipped)",
    ["sink", "subscription", "outcome"],
)
WEBHOOK_FAILURES = Counter(
    "koordinate_webhook_failures_total", "Failed webhook attempts (network, http_429, http_5xx, http_410, http_4xx)",
    ["sink", "subscription", "reason"],
)
WEBHOOK_LATENCY = Histogram(
    "koordinate_webhook_delivery_seconds", "From the first attempt of a delivery to its outcome, retries included",
    ["sink", "subscription"], buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)


def failure_reason(status: int | None) -> str:
    if status is None:
        return "network"
    if status == 429 or status == 410:
        return f"http_{status}"
    return "http_5xx" if status >= 500 else "http_4xx"


def record_outcome(sink: str, outcome: Outcome) -> None:
    WEBHOOK_DELIVERIES.labels(sink, outcome.target, outcome.result).inc()
    for attempt in outcome.attempts:
        if attempt.problem:
            WEBHOOK_FAILURES.labels(sink, outcome.target, failure_reason(attempt.status)).inc()
    if outcome.attempts:
        WEBHOOK_LATENCY.labels(sink, outcome.target).observe(outcome.seconds)
