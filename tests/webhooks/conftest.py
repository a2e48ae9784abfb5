"""Fixtures of the webhook tests: the hub's topics, and a real threaded HTTP server for the receivers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from hub.kafka.cluster import admin_client
from hub.settings import Settings


@pytest.fixture
async def topics(hub_settings: Settings, hub_topics: dict[str, str]) -> dict[str, str]:
    """`hub_topics`, once every topic shows in the broker's metadata."""
    deadline = time.monotonic() + 30
    async with admin_client(hub_settings.bootstrap_servers) as admin:
        while set(hub_topics.values()) - set(await admin.list_topics()):
            assert time.monotonic() < deadline, "topics did not appear in the metadata"
            await asyncio.sleep(0.1)
    return hub_topics


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A receiver server of its own per test, threaded so parallel deliveries really overlap."""
    http = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    http.start()
    try:
        yield http
    finally:
        http.clear()
        http.stop()
