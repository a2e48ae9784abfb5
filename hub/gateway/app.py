"""The gateway's FastAPI app: wires settings, tokens and the runtime; no CDN-loaded docs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from hub.gateway.routes import router
from hub.gateway.runtime import GatewayRuntime
from hub.gateway.settings import GatewaySettings
from hub.gateway.tokens import TokenRegistry, load_tokens
from hub.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

DESCRIPTION = ("HTTP ingest gateway of Koordinate: initiatives and municipal systems publish needs, offers and "
               "status updates as CloudEvents (structured, binary or batch mode) with a per-source token.")


class _CountStatuses:
    """Counts every response by status code (a pure ASGI middleware: request bodies stay streamed)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], runtime: GatewayRuntime) -> None:
        self._app = app
        self._runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self._runtime.metrics.requests.labels(str(message["status"])).inc()
            await send(message)

        await self._app(scope, receive, counting_send)


def create_app(settings: Settings, gateway: GatewaySettings, tokens: TokenRegistry | None = None) -> FastAPI:
    """The app; it connects to the broker in the background, so it serves /healthz and 503s until ready."""
    runtime = GatewayRuntime(settings, gateway, tokens if tokens is not None else load_tokens(gateway.tokens_file))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        connecting = asyncio.create_task(runtime.connect(), name="gateway-connect")
        try:
            yield
        finally:
            connecting.cancel()
            try:
                await connecting
            except (asyncio.CancelledError, Exception):
                pass
            await runtime.close()

    app = FastAPI(title="Koordinate ingest gateway", version="1", description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.runtime = runtime
    app.include_router(router)
    app.add_middleware(_CountStatuses, runtime=runtime)
    return app
