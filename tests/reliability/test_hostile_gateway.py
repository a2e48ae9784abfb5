"""Hostile requests at the ingest gateway: each gets a clear 4xx, the gateway stays up, counts reconcile.

Hand-written attacks (broken JSON and UTF-8, deep nesting, huge bodies, wrong content types and
CloudEvents attributes, missing and forged tokens and signatures, a source writing for another one,
personal data, replays) mixed with valid events; then a hypothesis barrage of mutated events. Only
the valid events reach Kafka, each once, however often they were sent. (The per-status details are
tests/gateway/test_gateway_http.py; this is the barrage as a whole.)
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from hub.gateway.tokens import sign
from hub.kafka.reader import read_topic
from schemas import from_kafka
from tests.builders import HELFERKREIS, SOZIALAMT, need, offer, status, structured
from tests.gateway.helpers import SECRET, TOKENS

pytestmark = [pytest.mark.kafka, pytest.mark.reliability]

STRUCTURED = "application/cloudevents+json"
BATCH = "application/cloudevents-batch+json"


def _headers(who: str | None = "initiative", media: str = STRUCTURED, **extra: str) -> dict[str, str]:
    headers = {"content-type": media, **extra}
    if who:
        headers["Authorization"] = f"Bearer {TOKENS[who]}"
    return headers


def _attacks() -> list[tuple[str, bytes, dict[str, str], set[int]]]:
    good = structured(offer(record="G-1"))
    mine = structured(need(record="S-1"))  # the Sozialamt's need
    mine_body = json.dumps(mine).encode()
    other_owner = structured(status(need(record="S-1"), record="WITHDRAW-1", new_status="withdrawn"))
    forged_source = {**good, "source": HELFERKREIS}
    personal = structured(need(record="P-1"))
    personal["data"]["description"] = "Familie Yilmaz, Tel. 0341 1234567, geb. 01.02.1990"  # past the model check
    return [
        ("malformed JSON", b'{"specversion": "1.0", ', _headers(), {400}),
        ("invalid UTF-8", b'{"title": "\xff\xfe\xfa"}', _headers(), {400}),
        ("deep nesting", b"[" * 5000 + b"]" * 5000, _headers(), {400}),
        ("deep object", b'{"a":' * 3000 + b"1" + b"}" * 3000, _headers(), {400}),
        ("huge body", b'{"x": "' + b"a" * 3_000_000 + b'"}', _headers(), {413}),
        ("text/plain", json.dumps(good).encode(), _headers(media="text/plain"), {415}),
        ("form", b"a=1", _headers(media="application/x-www-form-urlencoded"), {415}),
        ("specversion 0.3", json.dumps({**good, "specversion": "0.3"}).encode(), _headers(), {400}),
        ("unknown type", json.dumps({**good, "type": "org.evil.v1"}).encode(), _headers(), {400}),
        ("no id", json.dumps({k: v for k, v in good.items() if k != "id"}).encode(), _headers(), {400}),
        ("data a string", json.dumps({**good, "data": "<script>"}).encode(), _headers(), {400}),
        ("batch of garbage", b"[1, null, {}]", _headers(media=BATCH), {400}),
        ("no token", json.dumps(good).encode(), _headers(None), {401}),
        ("forged token", json.dumps(good).encode(), _headers(None, Authorization="Bearer tok-initiative-guess"), {401}),
        ("basic auth", json.dumps(good).encode(), _headers(None, Authorization="Basic YWRtaW46YWRtaW4="), {401}),
        ("unsigned", mine_body, _headers("sozialamt"), {401, 403}),
        ("forged signature", mine_body, _headers("sozialamt", **{"X-Koordinate-Signature": sign("guess", mine_body)}),
         {401, 403}),
        ("signature of another body", mine_body,
         _headers("sozialamt", **{"X-Koordinate-Signature": sign(SECRET, mine_body + b" ")}), {401, 403}),
        ("another source's source", json.dumps(forged_source).encode(), _headers(), {400, 403}),
        ("withdraw another's need", json.dumps(other_owner).encode(), _headers(), {403}),
        ("personal data", json.dumps(personal).encode(), _headers("sozialamt", **{
            "X-Koordinate-Signature": sign(SECRET, json.dumps(personal).encode())}), {400}),
    ]


def test_hand_written_attacks_get_4xx_and_only_valid_events_are_produced(live_gateway, hub_settings):
    client = live_gateway.client
    mine = json.dumps(structured(need(record="S-1"))).encode()
    assert client.post("/v1/events", content=mine, headers=_headers(
        "sozialamt", **{"X-Koordinate-Signature": sign(SECRET, mine)})).status_code == 202
    answers: dict[str, int] = {}
    for name, body, headers, allowed in _attacks():
        response = client.post("/v1/events", content=body, headers=headers)
        answers[name] = response.status_code
        assert response.status_code in allowed, f"{name}: {response.status_code} {response.text[:300]}"
        assert response.headers["content-type"].startswith(("application/json", "application/problem+json"))
    good = json.dumps(structured(offer(record="G-1"))).encode()
    replays = [client.post("/v1/events", content=good, headers=_headers()).status_code for _ in range(5)]
    assert set(replays) == {202}
    assert client.get("/readyz").status_code == 200  # still up and ready

    ids = _produced_ids(hub_settings)
    assert ids == Counter({structured(need(record="S-1"))["id"]: 1, structured(offer(record="G-1"))["id"]: 1})


def _produced_ids(hub_settings) -> Counter:
    import asyncio

    async def read() -> Counter:
        found: Counter = Counter()
        for suffix in ("needs", "offers", "status"):
            for r in await read_topic(hub_settings.bootstrap_servers, hub_settings.topic_name(suffix)):
                found[from_kafka(r.value, r.headers).id] += 1
        return found

    return asyncio.run(read())


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12)
FIELDS = ["specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), value=JSON, token=st.sampled_from(["initiative", "helferkreis", "reader", None]),
       media=st.sampled_from([STRUCTURED, BATCH, "application/json", "text/csv"]))
def test_mutated_events_never_5xx_and_never_produce_invalid_data(live_gateway, field, value, token, media):
    event = structured(offer(record="H-1"))
    event[field] = value
    body = json.dumps([event] if media == BATCH else event).encode()
    response = live_gateway.client.post("/v1/events", content=body, headers=_headers(token, media))
    assert response.status_code < 500, response.text
    if response.status_code == 202:  # only a change the contract allows (e.g. another subject) may pass
        assert token in ("initiative", "helferkreis")


def test_gateway_still_serves_after_the_barrage(live_gateway, hub_settings):
    assert live_gateway.client.get("/readyz").status_code == 200
    body = json.dumps(structured(offer(record="AFTER-1"))).encode()
    assert live_gateway.client.post("/v1/events", content=body, headers=_headers()).status_code == 202
    assert SOZIALAMT  # the three sources of tests/gateway/events.py stay the cast
