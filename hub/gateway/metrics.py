"""Prometheus metrics of one gateway app, in its own registry so several apps can live in one process."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = ["CONTENT_TYPE_LATEST", "GatewayMetrics"]


class GatewayMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("koordinate_gateway_requests", "HTTP requests by status code",
                                ["status"], registry=self.registry)
        self.accepted = Counter("koordinate_gateway_events_accepted", "Events produced, by type and source",
                                ["type", "source"], registry=self.registry)
        self.duplicates = Counter("koordinate_gateway_events_already_accepted",
                                  "Events answered 202 without producing (same or newer revision known)",
                                  ["type"], registry=self.registry)
        self.rejected = Counter("koordinate_gateway_events_rejected", "Requests or events refused, by reason",
                                ["reason"], registry=self.registry)
        self.quality_notes = Counter("koordinate_gateway_quality_notes",
                                     "Values of accepted events dropped as invalid or moved (a contact out of an "
                                     "offer's text), by field and code", ["field", "code"], registry=self.registry)
        self.index_entities = Gauge("koordinate_gateway_index_entities", "Entities in the ownership index",
                                    registry=self.registry)

    def render(self) -> bytes:
        return generate_latest(self.registry)
