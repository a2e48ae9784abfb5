"""Live updates over a real HTTP server (SSE), health and readiness, Prometheus metrics."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from tests.api.helpers import Produce, bearer, wait_for_rows
from tests.api.samples import need

pytestmark = pytest.mark.kafka


async def test_stream_pushes_a_message_per_applied_change(server_url: str, produce: Produce) -> None:
    n = need("B-live", urgency="high")
    async with httpx.AsyncClient(base_url=server_url, timeout=20) as http:
        async with http.stream("GET", "/v1/events/stream", headers=bearer("ost")) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            lines = response.aiter_lines()
            assert await anext(lines) == ": subscribed"  # the subscription exists before we produce
            await produce("needs", n)

            async def first_change() -> dict:
                async for line in lines:
                    if line.startswith("data: "):
                        return json.loads(line.removeprefix("data: "))
                raise AssertionError("stream ended")

            message = await asyncio.wait_for(first_change(), 20)
    assert message == {"type": "org.koordinate.need.v1", "id": n.id, "ags": "14713000", "district": "Ost",
                       "category": "accompaniment_interpreting"}


async def test_health_readiness_and_metrics(client: httpx.AsyncClient, produce: Produce) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["caught_up"] and ready.json()["writable"]
    await produce("needs", need("B-1"))
    await wait_for_rows(client, "/v1/needs", 1)
    text = (await client.get("/metrics")).text
    assert 'koordinate_readmodel_events_total{topic="needs",type="org.koordinate.need.v1"} 1.0' in text
    assert "koordinate_readmodel_apply_latency_seconds_count 1.0" in text
    assert 'koordinate_readmodel_consumer_lag{partition=' in text
    assert 'koordinate_api_http_requests_total{method="GET",route="/v1/needs",status="200"}' in text
