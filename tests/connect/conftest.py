"""Fixtures of the connect tests."""

from __future__ import annotations

import asyncio
import time

import pytest

from hub.kafka.cluster import admin_client
from hub.settings import Settings


@pytest.fixture
async def topics(hub_settings: Settings, hub_topics: dict[str, str]) -> dict[str, str]:
    """`hub_topics`, once every topic shows in the broker's metadata (creation returns a little earlier)."""
    deadline = time.monotonic() + 30
    async with admin_client(hub_settings.bootstrap_servers) as admin:
        while set(hub_topics.values()) - set(await admin.list_topics()):
            assert time.monotonic() < deadline, "topics did not appear in the metadata"
            await asyncio.sleep(0.1)
    return hub_topics
