"""Gateway fixtures: a tokens registry of three sources, and the app on the test's private topics."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from hub.gateway import GatewaySettings, TokenRegistry, create_app, hash_token
from hub.gateway.tokens import SourceEntry
from hub.settings import Settings
from tests.gateway.events import HELFERKREIS, INITIATIVE, SOZIALAMT

TOKENS = {
    "sozialamt": "tok-sozialamt-4f9c2b7e8a1d",
    "initiative": "tok-initiative-77aa01bc93e5",
    "helferkreis": "tok-helferkreis-0d3e5f6a7b8c",
    "reader": "tok-reader-5566778899aa",
}
SECRET_ENV = "KOORDINATE_SECRET_SOZIALAMT_TEST"
SECRET = "hmac-secret-sozialamt-c0ffee42"


def token_entries() -> list[SourceEntry]:
    return [
        SourceEntry(source=SOZIALAMT, token_sha256=[hash_token(TOKENS["sozialamt"])], roles=["publisher"],
                    hmac_secret_env=SECRET_ENV),
        SourceEntry(source=INITIATIVE, token_sha256=[hash_token(TOKENS["initiative"])], roles=["publisher"]),
        SourceEntry(source=HELFERKREIS, token_sha256=[hash_token(TOKENS["helferkreis"])], roles=["publisher"],
                    grants=[INITIATIVE]),
        SourceEntry(source="urn:koordinate:source:dashboard", token_sha256=[hash_token(TOKENS["reader"])],
                    roles=["reader"]),
    ]


def registry() -> TokenRegistry:
    return TokenRegistry(token_entries(), {SECRET_ENV: SECRET})


def auth(name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[name]}"}


async def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s}s waiting for {what}")
        await asyncio.sleep(0.05)


@asynccontextmanager
async def running_gateway(settings: Settings, gateway: GatewaySettings, *, ready: bool = True,
                          ) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    """The app with its lifespan running, and a client talking to it in-process."""
    app = create_app(settings, gateway, registry())
    async with app.router.lifespan_context(app):
        if ready:
            await wait_until(lambda: app.state.runtime.ready, 30, "the gateway to load its index")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield app, client


@pytest.fixture
def gateway_settings() -> GatewaySettings:
    return GatewaySettings(rate_per_s=1000, burst=1000, max_body_bytes=200_000, retry_after_s=3)


@pytest.fixture
async def gateway(hub_settings: Settings, hub_topics: dict[str, str], gateway_settings: GatewaySettings,
                  ) -> AsyncIterator[httpx.AsyncClient]:
    async with running_gateway(hub_settings, gateway_settings) as (_app, client):
        yield client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LiveGateway:
    base_url: str
    app: FastAPI
    client: httpx.Client  # one client for all examples: building one costs an SSL context each time


@pytest.fixture
def live_gateway(hub_settings: Settings, hub_topics: dict[str, str], gateway_settings: GatewaySettings,
                 ) -> Iterator[LiveGateway]:
    """The app under a real uvicorn server in a thread (its own event loop), ready to take events."""
    app = create_app(hub_settings, gateway_settings, registry())
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on"))
    thread = threading.Thread(target=server.run, name="live-gateway", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the live gateway did not become ready in 30s")
        time.sleep(0.05)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    try:
        yield LiveGateway(f"http://127.0.0.1:{port}", app, client)
    finally:
        client.close()
        server.should_exit = True
        thread.join(15)
