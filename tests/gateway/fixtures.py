"""Gateway fixtures, for the gateway tests and the reliability suite: the app on the test's private topics."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from hub.gateway import GatewaySettings, create_app
from hub.settings import Settings
from tests.gateway.helpers import LiveGateway, registry, running_gateway
from tests.support import free_port, wait_until


@pytest.fixture
def gateway_settings() -> GatewaySettings:
    return GatewaySettings(rate_per_s=1000, burst=1000, max_body_bytes=200_000, retry_after_s=3)


@pytest.fixture
async def gateway(hub_settings: Settings, hub_topics: dict[str, str], gateway_settings: GatewaySettings,
                  ) -> AsyncIterator[httpx.AsyncClient]:
    async with running_gateway(hub_settings, gateway_settings) as (_app, client):
        yield client


@pytest.fixture
async def live_gateway(hub_settings: Settings, hub_topics: dict[str, str], gateway_settings: GatewaySettings,
                       ) -> AsyncIterator[LiveGateway]:
    """The app under a real uvicorn server in a thread (its own event loop), ready to take events."""
    app = create_app(hub_settings, gateway_settings, registry())
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on"))
    thread = threading.Thread(target=server.run, name="live-gateway", daemon=True)
    thread.start()
    async with httpx.AsyncClient(timeout=2) as probe:

        async def ready() -> bool:
            try:
                return (await probe.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200
            except httpx.TransportError:
                return False

        await wait_until(ready, 30, "the live gateway to be ready", interval_s=0.05)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    try:
        yield LiveGateway(f"http://127.0.0.1:{port}", app, client)
    finally:
        client.close()
        server.should_exit = True
        thread.join(15)
