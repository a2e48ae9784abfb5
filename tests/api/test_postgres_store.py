"""The same read model on PostgreSQL; runs when KOORDINATE_TEST_POSTGRES_URL names a server (else skipped)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

from hub.api.app import create_app
from hub.api.settings import ApiSettings
from hub.settings import Settings
from tests.api.helpers import Produce, bearer, make_runtime, wait_for_rows
from tests.api.samples import gap, need, offer, state, status
from tests.builders import coverage, duplicate

SERVER = os.environ.get("KOORDINATE_TEST_POSTGRES_URL")
pytestmark = [pytest.mark.kafka, pytest.mark.skipif(not SERVER, reason="set KOORDINATE_TEST_POSTGRES_URL")]


@pytest.fixture
def postgres_url() -> Iterator[str]:
    import psycopg

    name = f"koordinate_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:  # type: ignore[arg-type]
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield SERVER.rsplit("/", 1)[0] + f"/{name}"  # type: ignore[union-attr]
    finally:
        with psycopg.connect(SERVER, autocommit=True) as admin:  # type: ignore[arg-type]
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


async def test_read_model_on_postgres(hub_settings: Settings, hub_topics: dict[str, str], api_settings: ApiSettings,
                                      postgres_url: str, produce: Produce) -> None:
    settings = api_settings.model_copy(update={"database_url": postgres_url})
    n_old, n_new = need("B-1", revision=1), need("B-1", revision=2, title="Begleitung 100% dringend", urgency="high")
    a, b = offer("A-1"), offer("A-2", title="Sprachcafé_Dienstag")
    await produce("needs", n_new, n_old, need("B-2"))
    await produce("offers", a, b)
    await produce("status", status("S-1", a.id, "offer", source=a.source, new_status="full"))
    await produce("state", state(a, "full"))
    await produce("gaps", gap(n_new))
    await produce("coverage", coverage("Ost", "childcare", 5, 1))
    await produce("duplicates", duplicate(a, b))

    runtime = make_runtime(hub_settings, settings)
    await runtime.start()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(runtime)),
                                     base_url="http://api.test") as http:
            await wait_for_rows(http, "/v1/duplicates", 1)
            needs = (await http.get("/v1/needs", headers=bearer("reader"))).json()
            assert needs["total"] == 2 and needs["items"][0]["revision"] == 2
            hits = (await http.get("/v1/needs", params={"q": "100%"}, headers=bearer("reader"))).json()
            assert [x["id"] for x in hits["items"]] == [n_new.id]  # % is text, not a wildcard
            full = (await http.get("/v1/offers", params={"status": "full"}, headers=bearer("west"))).json()
            assert [x["id"] for x in full["items"]] == [a.id] and full["items"][0]["contact"] is None
            stats = (await http.get("/v1/stats", headers=bearer("reader"))).json()
            assert stats["open_gaps"] == 1 and stats["clusters"] == {"same_offer": 1}
            history = (await http.get(f"/v1/entities/{n_new.id}/history", headers=bearer("reader"))).json()
            assert len(history["events"]) == 3  # two revisions and the gap
    finally:
        await runtime.stop()

    again = make_runtime(hub_settings, settings)
    await again.start()
    try:
        await again.materialiser.wait_ready(30)  # type: ignore[union-attr]
        assert again.materialiser.records_seen == 0  # type: ignore[union-attr]
    finally:
        await again.stop()
