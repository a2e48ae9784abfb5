"""Fixtures of the read API tests (and the feeds' tests): a tokens file, a started runtime on the test's topics,
an HTTP client, a producer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import uvicorn
import yaml

from schemas import EventModel, to_kafka

from hub.api.app import create_app
from hub.api.runtime import ApiRuntime
from hub.api.settings import ApiSettings
from hub.gateway.tokens import hash_token
from hub.kafka.producer import EventProducer
from hub.settings import Settings
from tests.api.helpers import TOKENS, Produce, make_runtime
from tests.api.samples import INITIATIVE_OST, INITIATIVE_WEST, SOZIALAMT
from tests.support import wait_until


@pytest.fixture
def tokens_file(tmp_path: Path) -> Path:
    sources = [
        {"source": "urn:koordinate:office:ehrenamtskoordination", "token_sha256": hash_token(TOKENS["reader"]),
         "roles": ["reader"]},
        {"source": "urn:koordinate:office:koordinierungsstelle", "token_sha256": hash_token(TOKENS["coordinator"]),
         "roles": ["coordinator"]},
        {"source": INITIATIVE_OST, "token_sha256": hash_token(TOKENS["ost"]), "roles": ["publisher"]},
        {"source": INITIATIVE_WEST, "token_sha256": hash_token(TOKENS["west"]), "roles": ["publisher"]},
        {"source": SOZIALAMT, "token_sha256": hash_token(TOKENS["sozialamt"]), "roles": ["publisher"],
         "hmac_secret_env": "NOT_SET_IN_TESTS"},
        {"source": "urn:koordinate:test:roleless", "token_sha256": hash_token(TOKENS["nobody"]), "roles": []},
    ]
    path = tmp_path / "tokens.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
    return path


@pytest.fixture
def api_settings(tmp_path: Path, tokens_file: Path) -> ApiSettings:
    return ApiSettings(tokens_file=tokens_file, database_url=f"sqlite:///{tmp_path / 'readmodel.sqlite3'}",
                       keepalive_s=0.5)


@pytest.fixture
async def runtime(hub_settings: Settings, hub_topics: dict[str, str],
                  api_settings: ApiSettings) -> AsyncIterator[ApiRuntime]:
    rt = make_runtime(hub_settings, api_settings)
    await rt.start()
    try:
        yield rt
    finally:
        await rt.stop()


@pytest.fixture
async def client(runtime: ApiRuntime) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as http:
        yield http


@pytest.fixture
async def producer(hub_settings: Settings) -> AsyncIterator[EventProducer]:
    async with EventProducer(hub_settings.bootstrap_servers, linger_ms=2) as p:
        yield p


@pytest.fixture
async def server_url(runtime: ApiRuntime) -> AsyncIterator[str]:
    """The app on a real uvicorn server on 127.0.0.1 (ASGITransport buffers whole responses, SSE needs a stream)."""
    config = uvicorn.Config(create_app(runtime), host="127.0.0.1", port=0, log_config=None, lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    await wait_until(lambda: server.started, 30, "the API server to start", interval_s=0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture
def produce(producer: EventProducer, hub_settings: Settings) -> Produce:
    """Sends models to their topics (acks=all), like the connectors and stream processors do."""

    async def send(topic_suffix: str, *models: EventModel) -> None:
        records = [(hub_settings.topic_name(topic_suffix), r.key, r.value, r.headers) for r in map(to_kafka, models)]
        await producer.send_many(records)

    return send
