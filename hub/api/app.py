"""The read API's FastAPI application, built around a started ``ApiRuntime``."""

from __future__ import annotations

from fastapi import FastAPI

from hub.api import routes_duplicates, routes_entities, routes_feeds, routes_ops, routes_picture, routes_stream
from hub.api.http_metrics import HttpMetrics
from hub.api.runtime import ApiRuntime
from hub.dashboard import mount_dashboard

DESCRIPTION = """The shared picture of needs, offers, gaps, coverage and duplicate offers, read from Koordinate's
read model. Every request needs `Authorization: Bearer <token>`. Roles: `reader` (coordination office)
sees everything; `coordinator` also reviews duplicates; `publisher` (an initiative or municipal system)
sees the whole picture but other sources' offers without their contact."""


def create_app(runtime: ApiRuntime) -> FastAPI:
    """The app; the CDN-based /docs and /redoc are off (no external CDNs), /openapi.json stays."""
    app = FastAPI(title="Koordinate read API", version="1", description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.runtime = runtime
    for module in (routes_entities, routes_picture, routes_duplicates, routes_stream, routes_ops, routes_feeds):
        app.include_router(module.router)
    mount_dashboard(app)  # the coordination office's page at /, after the API routes
    app.add_middleware(HttpMetrics, instruments=runtime.http)
    return app
