"""HTTP request counts and durations by route template and status, as pure ASGI middleware (streams stay streams)."""

from __future__ import annotations

import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HttpInstruments:
    """Created once per registry (per runtime), however many apps serve it."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests = Counter("koordinate_api_http_requests", "HTTP requests by route, method and status",
                                ["route", "method", "status"], registry=registry)
        self.duration = Histogram("koordinate_api_http_request_seconds", "Time to the response headers, by route",
                                  ["route"], registry=registry)


class HttpMetrics:
    """Labels by the route's template (``/v1/needs/{need_id}``), never by the raw path."""

    def __init__(self, app: ASGIApp, instruments: HttpInstruments) -> None:
        self.app = app
        self.requests = instruments.requests
        self.duration = instruments.duration

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                self.duration.labels(_route(scope)).observe(time.perf_counter() - started)
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            self.requests.labels(_route(scope), scope["method"], str(status)).inc()


def _route(scope: dict[str, Any]) -> str:
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"
