"""Runs the read model and the HTTP server in one process: catch up first, then serve."""

from __future__ import annotations

import asyncio

import uvicorn

from hub.api.app import create_app
from hub.api.runtime import ApiRuntime
from hub.logs import get_logger

log = get_logger(__name__)


async def serve(runtime: ApiRuntime, *, rebuild: bool = False) -> None:
    """Start the materialiser, wait (bounded) until it caught up, then serve HTTP until interrupted."""
    await runtime.start(rebuild=rebuild)
    try:
        assert runtime.materialiser is not None
        try:
            await runtime.materialiser.wait_ready(runtime.api.ready_timeout_s)
        except TimeoutError:
            # serve anyway: /readyz answers 503 until the read model has caught up
            log.warning("api.not_caught_up", timeout_s=runtime.api.ready_timeout_s)
        config = uvicorn.Config(create_app(runtime), host=runtime.api.host, port=runtime.api.port,
                                log_config=None, access_log=False, lifespan="off")
        log.info("api.serving", host=runtime.api.host, port=runtime.api.port,
                 store=runtime.api.store_url(runtime.settings.home))
        await uvicorn.Server(config).serve()
    finally:
        await asyncio.shield(runtime.stop())
