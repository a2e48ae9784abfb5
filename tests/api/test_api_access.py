"""Who sees what: the coordination office sees contacts, another source's publisher does not; 401 and 403."""

from __future__ import annotations

import httpx
import pytest

from tests.api.helpers import Produce, bearer, wait_for_rows
from tests.api.samples import INITIATIVE_WEST, offer

pytestmark = pytest.mark.kafka


async def test_contacts_are_visible_to_the_office_and_the_offers_own_source(
        client: httpx.AsyncClient, produce: Produce) -> None:
    ost = offer("A-1")
    west = offer("A-2", source=INITIATIVE_WEST, contact={"url": "https://helferkreis-west.example.org"})
    await produce("offers", ost, west)
    await wait_for_rows(client, "/v1/offers", 2)

    def contacts(body: dict) -> dict[str, object]:
        return {o["id"]: o["contact"] for o in body["items"]}

    as_reader = contacts((await client.get("/v1/offers", headers=bearer("reader"))).json())
    assert as_reader[ost.id]["email"] == "info@willkommen-ost.example.org" and as_reader[west.id] is not None
    as_west = contacts((await client.get("/v1/offers", headers=bearer("west"))).json())
    assert as_west[ost.id] is None and as_west[west.id] == {"email": None, "phone": None,
                                                             "url": "https://helferkreis-west.example.org"}
    single = (await client.get(f"/v1/offers/{ost.id}", headers=bearer("west"))).json()
    assert single["contact"] is None and single["contact_hidden"] is True
    assert (await client.get(f"/v1/offers/{ost.id}", headers=bearer("ost"))).json()["contact"] is not None
    history = (await client.get(f"/v1/entities/{ost.id}/history", headers=bearer("west"))).json()
    assert all(e["data"]["contact"] is None for e in history["events"])
    # the public picture is open to every publisher
    assert (await client.get("/v1/stats", headers=bearer("west"))).status_code == 200
    assert (await client.get("/v1/coverage", headers=bearer("west"))).status_code == 200


@pytest.mark.parametrize("path", ["/v1/needs", "/v1/offers", "/v1/gaps", "/v1/coverage", "/v1/duplicates",
                                  "/v1/stats", "/v1/events/stream"])
async def test_reads_need_a_known_token(client: httpx.AsyncClient, path: str) -> None:
    missing = await client.get(path)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert (await client.get(path, headers={"Authorization": "Bearer not-a-token"})).status_code == 401
    assert (await client.get(path, headers=bearer("nobody"))).status_code == 403


async def test_review_needs_the_coordinator_role(client: httpx.AsyncClient) -> None:
    path = "/v1/duplicates/00000000-0000-4000-8000-000000000000/review"
    assert (await client.post(path, json={"decision": "confirm"})).status_code == 401
    for who in ("reader", "ost"):
        assert (await client.post(path, json={"decision": "confirm"}, headers=bearer(who))).status_code == 403
    assert (await client.post(path, json={"decision": "confirm"}, headers=bearer("coordinator"))).status_code == 404
