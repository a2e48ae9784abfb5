"""The gateway tests' tokens registry of three sources and a reader, and the app run in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from fastapi import FastAPI

from hub.gateway import GatewaySettings, TokenRegistry, create_app, hash_token
from hub.gateway.tokens import SourceEntry
from hub.settings import Settings
from tests.builders import HELFERKREIS, INITIATIVE, SOZIALAMT
from tests.support import wait_until

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


@asynccontextmanager
async def running_gateway(settings: Settings, gateway: GatewaySettings, *, ready: bool = True,
                          ) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    """The app with its lifespan running, and a client talking to it in-process."""
    app = create_app(settings, gateway, registry())
    async with app.router.lifespan_context(app):
        if ready:
            await wait_until(lambda: app.state.runtime.ready, 30, "the gateway to load its index", interval_s=0.05)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield app, client


@dataclass
class LiveGateway:
    base_url: str
    app: FastAPI
    client: httpx.Client  # one client for all examples: building one costs an SSL context each time
