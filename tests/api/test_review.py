"""Reviewing a duplicate cluster publishes a Review event, keyed by its cluster id as the contract says, before the 202."""

from __future__ import annotations

import httpx
import pytest

from schemas import model_from_kafka

from hub.kafka.reader import read_topic
from hub.settings import Settings
from tests.api.helpers import Produce, bearer, wait_for_rows
from tests.api.samples import INITIATIVE_WEST, offer
from tests.builders import duplicate
from tests.support import wait_until

pytestmark = pytest.mark.kafka


async def test_review_is_published_to_the_reviews_topic(client: httpx.AsyncClient, produce: Produce,
                                                        hub_settings: Settings) -> None:
    a, b = offer("A-1"), offer("X-1", source=INITIATIVE_WEST)
    cluster = duplicate(a, b)
    await produce("offers", a, b)
    await produce("duplicates", cluster)
    await wait_for_rows(client, "/v1/duplicates", 1)

    request = {"decision": "confirm", "note": "gleiche Gruppe, zwei Systeme"}
    headers = {**bearer("coordinator"), "Idempotency-Key": "review-1"}
    response = await client.post(f"/v1/duplicates/{cluster.id}/review", json=request, headers=headers)
    assert response.status_code == 202, response.text
    accepted = response.json()
    again = await client.post(f"/v1/duplicates/{cluster.id}/review", json=request, headers=headers)
    assert again.json()["id"] == accepted["id"]  # same idempotency key, same event id

    records = await read_topic(hub_settings.bootstrap_servers, hub_settings.topic_name("reviews"))
    assert len(records) == 2
    record = records[0]
    assert record.key == cluster.id.encode()
    assert dict(record.headers)["ce_type"] == b"org.koordinate.review.v1"
    review = model_from_kafka(record.value, record.headers)
    assert review.id == accepted["id"] and review.cluster_id == cluster.id
    assert review.decision == "confirm" and review.offer_ids == sorted([a.id, b.id])
    assert review.reviewer == "urn:koordinate:office:koordinierungsstelle"

    async def reviewed() -> bool:
        items = (await client.get("/v1/duplicates", headers=bearer("reader"))).json()["items"]
        return items[0]["review"] is not None and items[0]["review"]["decision"] == "confirm"

    await wait_until(reviewed, describe="review applied to the read model")

    wrong_pair = {"decision": "reject", "offer_ids": [a.id, "00000000-0000-4000-8000-000000000000"]}
    bad = await client.post(f"/v1/duplicates/{cluster.id}/review", json=wrong_pair, headers=bearer("coordinator"))
    assert bad.status_code == 422
