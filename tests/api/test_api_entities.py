"""Needs and offers through the API: filters, paging, ETags, single entities, history, revision order."""

from __future__ import annotations

import httpx
import pytest

from tests.api.helpers import Produce, bearer, wait_for_rows
from tests.api.samples import INITIATIVE_WEST, need, offer, state, status
from tests.support import wait_until

pytestmark = pytest.mark.kafka


async def test_needs_are_listed_with_filters_and_paging(client: httpx.AsyncClient, produce: Produce) -> None:
    needs = [need(f"B-{i}", urgency="critical" if i % 3 == 0 else "normal",
                  area={"ags": "14713000", "district": "Ost" if i % 2 else "West"}) for i in range(7)]
    needs.append(need("B-kita", title="Kinderbetreuung während Sprachkurs", category="childcare"))
    await produce("needs", *needs)
    await wait_for_rows(client, "/v1/needs", 8)

    first = await client.get("/v1/needs", params={"limit": 3}, headers=bearer("reader"))
    assert first.status_code == 200
    body = first.json()
    assert body["total"] == 8 and len(body["items"]) == 3
    assert [n["urgency"] for n in body["items"]] == ["critical"] * 3  # most urgent first
    assert 'rel="next"' in first.headers["link"] and "offset=3" in body["next"]
    seen = [n["id"] for n in body["items"]]
    while body["next"]:
        body = (await client.get(body["next"], headers=bearer("reader"))).json()
        seen += [n["id"] for n in body["items"]]
    assert sorted(seen) == sorted(n.id for n in needs)

    ost = (await client.get("/v1/needs", params={"district": "Ost", "urgency": "critical"},
                            headers=bearer("reader"))).json()
    assert {n["id"] for n in ost["items"]} == {n.id for n in needs[:7] if n.area.district == "Ost"
                                                 and n.urgency == "critical"}
    found = (await client.get("/v1/needs", params={"q": "KINDERBETREUUNG"}, headers=bearer("reader"))).json()
    assert [n["id"] for n in found["items"]] == [needs[-1].id]
    by_category = (await client.get("/v1/needs", params={"category": "childcare", "status": "open"},
                                    headers=bearer("reader"))).json()
    assert by_category["total"] == 1
    assert found["items"][0]["coverage"] == {"quantity": 4, "committed": 0, "remaining": 4}


async def test_etag_gives_304_until_the_data_changes(client: httpx.AsyncClient, produce: Produce) -> None:
    await produce("offers", offer("A-1"))
    await wait_for_rows(client, "/v1/offers", 1)
    first = await client.get("/v1/offers", headers=bearer("reader"))
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    again = await client.get("/v1/offers", headers={**bearer("reader"), "If-None-Match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag
    # another view of the same data (no contacts) has another tag
    other = await client.get("/v1/offers", headers={**bearer("west"), "If-None-Match": etag})
    assert other.status_code == 200

    await produce("offers", offer("A-2", title="Fahrradwerkstatt"))
    await wait_for_rows(client, "/v1/offers", 2)
    changed = await client.get("/v1/offers", headers={**bearer("reader"), "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


async def test_single_entities_and_history_in_order(client: httpx.AsyncClient, produce: Produce) -> None:
    n1, n2 = need("B-9", revision=1), need("B-9", revision=2, quantity=6, title="Begleitung (mehr Bedarf)")
    o = offer("A-9", source=INITIATIVE_WEST, capacity=10)
    await produce("needs", n1, n2)
    await produce("offers", o)
    commit = status("S-1", n1.id, "need", new_status="partially_covered",
                    commitment={"offer_id": o.id, "need_id": n1.id, "slots": 2, "state": "confirmed"})
    await produce("status", commit)
    # the read model shows status and slots as the engine's state has them, never as the update asked
    await produce("state", state(n2, "partially_covered", committed=2, minutes=31),
                  state(o, "active", committed=2, minutes=31))

    async def need_is_committed() -> bool:
        r = await client.get(f"/v1/needs/{n1.id}", headers=bearer("reader"))
        return r.status_code == 200 and r.json()["coverage"]["committed"] == 2

    await wait_until(need_is_committed, describe="commitment applied")
    got = (await client.get(f"/v1/needs/{n1.id}", headers=bearer("reader"))).json()
    assert got["revision"] == 2 and got["quantity"] == 6 and got["status"] == "partially_covered"
    assert got["coverage"] == {"quantity": 6, "committed": 2, "remaining": 4}
    offer_got = (await client.get(f"/v1/offers/{o.id}", headers=bearer("reader"))).json()
    assert offer_got["remaining_capacity"] == 8

    history = (await client.get(f"/v1/entities/{n1.id}/history", headers=bearer("reader"))).json()
    assert history["kind"] == "need"
    assert [e["type"] for e in history["events"]] == ["org.koordinate.need.v1", "org.koordinate.need.v1",
                                                      "org.koordinate.status.v1", "org.koordinate.state.v1"]
    assert [e["data"].get("revision") for e in history["events"][:2]] == [1, 2]

    assert (await client.get("/v1/needs/00000000-0000-0000-0000-000000000000",
                             headers=bearer("reader"))).status_code == 404
    assert (await client.get("/v1/entities/nope/history", headers=bearer("reader"))).status_code == 404


async def test_an_older_revision_does_not_overwrite_a_newer_one(client: httpx.AsyncClient, produce: Produce) -> None:
    newer, older = offer("A-5", revision=5, title="Neuer Titel"), offer("A-5", revision=3, title="Alter Titel")
    marker = offer("A-6")
    await produce("offers", newer)
    await produce("offers", older, marker)  # same key: same partition, applied after the newer one
    await wait_for_rows(client, "/v1/offers", 2)
    got = (await client.get(f"/v1/offers/{newer.id}", headers=bearer("reader"))).json()
    assert got["revision"] == 5 and got["title"] == "Neuer Titel"
    history = (await client.get(f"/v1/entities/{newer.id}/history", headers=bearer("reader"))).json()
    assert sorted(e["data"]["revision"] for e in history["events"]) == [3, 5]  # both seen, newer kept


async def test_status_update_pauses_an_offer(client: httpx.AsyncClient, produce: Produce) -> None:
    o = offer("A-7")
    await produce("offers", o)
    update = status("S-7", o.id, "offer", source=o.source, new_status="paused", capacity_change=-2)
    await produce("status", update)
    await produce("state", state(o, "paused", remaining=10))

    async def paused() -> bool:
        r = await client.get(f"/v1/offers/{o.id}", headers=bearer("reader"))
        return r.status_code == 200 and r.json()["status"] == "paused"

    await wait_until(paused, describe="offer paused")
    got = (await client.get("/v1/offers", params={"status": "paused"}, headers=bearer("reader"))).json()
    assert [x["id"] for x in got["items"]] == [o.id] and got["items"][0]["remaining_capacity"] == 10


async def test_status_and_slots_follow_the_engine_state_not_the_status_updates(client: httpx.AsyncClient,
                                                                              produce: Produce) -> None:
    n = need("B-12", quantity=3)
    await produce("needs", n)
    # a state may arrive before its entity (another topic): the row takes it up when it comes
    await produce("state", state(n, "expired", revision=2, expired=True, expires_at="2026-11-20T10:00:00+00:00"))
    await produce("status", status("S-12", n.id, "need", new_status="closed"))  # asked; the state says otherwise
    await produce("state", state(n, "open", revision=1))  # older revision: changes nothing
    await produce("needs", n)

    async def expired() -> dict | None:
        r = await client.get(f"/v1/needs/{n.id}", headers=bearer("reader"))
        return r.json() if r.status_code == 200 and r.json()["status"] == "expired" else None

    got = await wait_until(expired, describe="the need's state")
    assert got["lifecycle"]["expired"] is True and got["lifecycle"]["revision"] == 2
    assert got["coverage"] == {"quantity": 3, "committed": 0, "remaining": 3}
    history = (await client.get(f"/v1/entities/{n.id}/history", headers=bearer("reader"))).json()
    assert sorted(e["type"] for e in history["events"]).count("org.koordinate.state.v1") == 2
