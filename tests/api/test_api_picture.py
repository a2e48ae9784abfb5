"""The shared picture: open gaps by urgency and age, coverage, duplicate clusters, counts, dead letters."""

from __future__ import annotations

import httpx
import pytest

from hub.kafka.producer import EventProducer
from hub.settings import Settings
from tests.api.helpers import Produce, bearer, wait_for_rows
from tests.api.samples import INITIATIVE_WEST, gap, need, offer
from tests.builders import coverage, duplicate, gap_resolved
from tests.support import wait_until

pytestmark = pytest.mark.kafka


async def test_open_gaps_sorted_by_urgency_then_age(client: httpx.AsyncClient, produce: Produce) -> None:
    n1, n2, n3 = need("B-1"), need("B-2", area={"ags": "14713000", "district": "West"}), need("B-3")
    old_high, new_critical, older_high = gap(n1, urgency="high", hours_open=30), gap(n2, urgency="critical",
                                                                                     hours_open=5), gap(n3, hours_open=80)
    await produce("gaps", old_high, new_critical, older_high)
    body = await wait_for_rows(client, "/v1/gaps", 3)
    assert [g["id"] for g in body["items"]] == [new_critical.id, older_high.id, old_high.id]
    assert 79.9 < body["items"][1]["age_hours"] < 80.5 and body["items"][1]["reasons"] == ["no_offer_in_area"]

    await produce("gaps", gap_resolved(older_high))

    async def resolved() -> bool:
        items = (await client.get("/v1/gaps", headers=bearer("reader"))).json()["items"]
        return [g["id"] for g in items] == [new_critical.id, old_high.id]

    await wait_until(resolved, describe="gap resolved")
    west = (await client.get("/v1/gaps", params={"district": "West"}, headers=bearer("reader"))).json()
    assert [g["id"] for g in west["items"]] == [new_critical.id]
    stats = (await client.get("/v1/stats", headers=bearer("west"))).json()
    assert stats["open_gaps"] == 2


async def test_coverage_keeps_the_latest_figures(client: httpx.AsyncClient, produce: Produce) -> None:
    await produce("coverage", coverage("Ost", "childcare", 10, 4), coverage("West", "childcare", 3, 5))
    body = await wait_for_rows(client, "/v1/coverage", 2)
    gaps = (await client.get("/v1/coverage", params={"is_gap": "true"}, headers=bearer("reader"))).json()
    assert [(c["district"], c["is_gap"], c["ratio"]) for c in gaps["items"]] == [("Ost", True, 0.4)]
    assert {c["district"] for c in body["items"]} == {"Ost", "West"}


async def test_duplicate_clusters_with_members_and_evidence(client: httpx.AsyncClient, produce: Produce) -> None:
    a, b = offer("A-1"), offer("X-1", source=INITIATIVE_WEST, organisation={"name": "Helferkreis West",
                                                                            "kind": "initiative"})
    c = offer("A-3", title="Sprachtreff am Dienstag")
    await produce("offers", a, b, c)
    await produce("duplicates", duplicate(a, b), duplicate(a, c, kind="parallel_offers"))
    body = await wait_for_rows(client, "/v1/duplicates", 2)
    same = next(x for x in body["items"] if x["kind"] == "same_offer")
    assert same["evidence"][0]["tier"] == "shared_contact"
    assert {m["organisation"] for m in same["members"]} == {"Willkommen im Osten e.V.", "Helferkreis West"}
    assert all("contact" not in m for m in same["members"])
    parallel = (await client.get("/v1/duplicates", params={"kind": "parallel_offers"},
                                 headers=bearer("reader"))).json()["items"]
    assert [m["title"] for m in parallel[0]["members"]] != [] and len(parallel) == 1
    stats = (await client.get("/v1/stats", headers=bearer("reader"))).json()
    assert stats["clusters"] == {"parallel_offers": 1, "same_offer": 1}
    assert stats["offers_by_status"] == {"active": 3}


async def test_dead_letters_are_counted_by_reason(client: httpx.AsyncClient, hub_settings: Settings,
                                                  producer: EventProducer) -> None:
    topic = hub_settings.topic_name("deadletter")
    headers = [("__connect.errors.stage", b"VALIDATE"), ("__connect.errors.exception.class.name", b"SchemaError"),
               ("__connect.errors.exception.message", b"title: field required")]
    for _ in range(2):
        await producer.send(topic, b"{}", key=b"row-1", headers=headers)
    await producer.send(topic, b'{"reason": "unparseable"}', key=b"row-2")

    async def counted() -> bool:
        stats = (await client.get("/v1/stats", headers=bearer("reader"))).json()
        return stats["deadletters"] == {"VALIDATE/SchemaError": 2, "unparseable": 1}

    await wait_until(counted, describe="dead letters counted")
