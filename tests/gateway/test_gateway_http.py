"""Every answer of POST /v1/events against the real broker: 202, 400, 401, 403, 413, 415, 429, 503."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest

from hub.gateway import GatewaySettings, sign
from hub.kafka.reader import read_topic
from hub.logs import configure_logging
from hub.settings import Settings
from schemas import BATCH, STRUCTURED, event_id, to_http_binary
from tests.builders import HELFERKREIS, INITIATIVE, SOZIALAMT, body, need, offer, status, structured
from tests.gateway.helpers import SECRET, TOKENS, auth, running_gateway

pytestmark = pytest.mark.kafka
EVENTS = "/v1/events"


async def ce_ids(settings: Settings, suffix: str) -> list[str]:
    records = await read_topic(settings.bootstrap_servers, settings.topic_name(suffix))
    return [dict(r.headers)["ce_id"].decode() for r in records]


def signed(payload: bytes, content_type: str = STRUCTURED) -> dict[str, str]:
    return {**auth("sozialamt"), "content-type": content_type, "X-Koordinate-Signature": sign(SECRET, payload)}


async def post(client: httpx.AsyncClient, value: object, who: str = "initiative",
               content_type: str = STRUCTURED) -> httpx.Response:
    payload = body(value)
    headers = signed(payload, content_type) if who == "sozialamt" else {**auth(who), "content-type": content_type}
    return await client.post(EVENTS, content=payload, headers=headers)


# --- 202 -----------------------------------------------------------------------------------------


async def test_structured_event_is_produced_before_202(gateway, hub_settings):
    model = offer()
    response = await post(gateway, structured(model))
    assert response.status_code == 202, response.text
    assert response.json()["accepted"] == 1
    assert response.json()["events"][0] == {"index": 0, "id": event_id(model.id, 1),
                                            "type": "org.koordinate.offer.v1", "status": "accepted"}
    records = await read_topic(hub_settings.bootstrap_servers, hub_settings.topic_name("offers"))
    assert [(r.key.decode(), dict(r.headers)["ce_source"].decode()) for r in records] == [(model.id, INITIATIVE)]


async def test_an_organisation_contact_in_an_offer_text_is_moved_and_the_publisher_is_told(gateway, hub_settings):
    event = structured(offer(record="A-contact"))
    event["data"]["description"] = "Offenes Sprachcafé, dienstags. Anmeldung: cafe@willkommen-ost.example.org"
    event["data"].pop("contact", None)
    response = await post(gateway, event)
    assert response.status_code == 202, response.text
    notes = response.json()["events"][0]["quality"]
    assert [(n["field"], n["code"]) for n in notes] == [("description", "contact_moved")]
    produced = (await read_topic(hub_settings.bootstrap_servers, hub_settings.topic_name("offers")))[-1]
    data = json.loads(produced.value)
    assert data["contact"]["email"] == "cafe@willkommen-ost.example.org"
    assert "cafe@" not in data["description"] and data["quality"][0]["code"] == "contact_moved"
    metrics = (await gateway.get("/metrics")).text
    assert 'koordinate_gateway_quality_notes_total{code="contact_moved",field="description"} 1.0' in metrics


async def test_binary_mode_and_signed_batch_are_accepted(gateway, hub_settings):
    message = to_http_binary(offer(record="A-2"))
    response = await gateway.post(EVENTS, content=message.body, headers={**auth("initiative"), **message.headers})
    assert response.status_code == 202, response.text
    batch = [structured(need(record=f"B-{i}")) for i in range(3)]
    response = await post(gateway, batch, who="sozialamt", content_type=BATCH)
    assert response.status_code == 202, response.text
    assert [e["index"] for e in response.json()["events"]] == [0, 1, 2]
    assert len(await ce_ids(hub_settings, "needs")) == 3


async def test_status_update_of_own_entity_and_of_granted_entity(gateway, hub_settings):
    own = offer(record="A-3")
    assert (await post(gateway, structured(own))).status_code == 202
    update = status(own, record="S-1", new_status="full")
    assert (await post(gateway, structured(update))).status_code == 202
    granted = status(own, source=HELFERKREIS, record="S-9", new_status="full")
    assert (await post(gateway, structured(granted), who="helferkreis")).status_code == 202
    # the granted source may also publish a new revision of the entity in its owner's name
    assert (await post(gateway, structured(offer(record="A-3", revision=2)), who="helferkreis")).status_code == 202
    assert len(await ce_ids(hub_settings, "status")) == 2
    # a status update about an entity created earlier in the same batch
    fresh = offer(record="A-4")
    response = await post(gateway, [structured(fresh), structured(status(fresh, record="S-2", new_status="full"))],
                          content_type=BATCH)
    assert response.status_code == 202, response.text


# --- idempotency ---------------------------------------------------------------------------------


async def test_same_event_twice_is_accepted_once(gateway, hub_settings):
    event = structured(offer(record="A-5"))
    first, second = await post(gateway, event), await post(gateway, event)
    assert (first.status_code, second.status_code) == (202, 202)
    assert second.json()["already_accepted"] == 1 and second.json()["events"][0]["status"] == "already_accepted"
    older = await post(gateway, structured(offer(record="A-5", revision=0)))
    assert older.json()["already_accepted"] == 1  # an older revision is superseded, not produced
    update = structured(status(offer(record="A-5"), record="S-5", new_status="full"))
    assert [(await post(gateway, update)).status_code for _ in range(2)] == [202, 202]
    assert len(await ce_ids(hub_settings, "offers")) == 1
    assert len(await ce_ids(hub_settings, "status")) == 1


async def test_racing_posts_of_one_event_produce_it_once(gateway, hub_settings):
    event = structured(offer(record="A-6"))
    responses = await asyncio.gather(*(post(gateway, event) for _ in range(8)))
    assert {r.status_code for r in responses} == {202}
    assert sum(r.json()["accepted"] for r in responses) == 1
    # a batch repeating one event produces it once too
    response = await post(gateway, [structured(offer(record="A-7"))] * 3, content_type=BATCH)
    assert [e["status"] for e in response.json()["events"]] == ["accepted", "already_accepted", "already_accepted"]
    assert len(await ce_ids(hub_settings, "offers")) == 2


async def test_index_survives_a_restart(hub_settings, hub_topics, gateway_settings):
    created = offer(record="A-8", revision=4)
    async with running_gateway(hub_settings, gateway_settings) as (_app, client):
        assert (await post(client, structured(created))).status_code == 202
        assert (await post(client, structured(status(created, record="S-8", new_status="full")))).status_code == 202
    async with running_gateway(hub_settings, gateway_settings) as (app, client):
        assert app.state.runtime.index.entity(created.id).revision == 4
        again = await post(client, structured(created))
        assert again.status_code == 202 and again.json()["already_accepted"] == 1
        restated = structured(status(created, record="S-8", new_status="full"))
        assert (await post(client, restated)).json()["already_accepted"] == 1
        foreign = status(created, source=SOZIALAMT, record="S-x", new_status="full")
        refused = await post(client, structured(foreign), who="sozialamt")
        assert refused.status_code == 403 and refused.json()["errors"][0]["path"] == "data.entity_id"
    assert len(await ce_ids(hub_settings, "offers")) == 1
    assert len(await ce_ids(hub_settings, "status")) == 1


# --- 400 -----------------------------------------------------------------------------------------


async def test_invalid_event_in_a_batch_refuses_the_whole_batch_with_its_index_and_path(gateway, hub_settings):
    bad = structured(offer(record="A-11"))
    bad["data"]["area"]["ags"] = "99123"
    also_bad = structured(offer(record="A-12"))
    also_bad["data"]["languages"] = ["deutsch"]
    batch = [structured(offer(record="A-10")), bad, structured(offer(record="A-13")), also_bad]
    response = await post(gateway, batch, content_type=BATCH)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(e["index"], e["path"]) for e in errors] == [(1, "data.area.ags"), (3, "data.languages[0]")]
    assert errors[0]["value"] == "99123" and "8 digits" in errors[0]["reason"]
    assert await ce_ids(hub_settings, "offers") == []


@pytest.mark.parametrize("payload, reason", [
    (b"\xff\xfe{\"id\": 1}", "not UTF-8"),
    (b"{\"specversion\": \"1.0\", ", "not valid JSON"),
    (b"[" * 40 + b"]" * 40, "nested deeper than 32"),
    (b"[" * 100_000 + b"]" * 100_000, "nested deeper than 32"),
    (b"{\"a\": NaN}", "not a JSON number"),
    (b"[1, 2]", "a CloudEvent must be a JSON object"),
])
async def test_unreadable_bodies_are_400_with_a_reason(gateway, payload, reason):
    response = await gateway.post(EVENTS, content=payload, headers={**auth("initiative"), "content-type": STRUCTURED})
    assert response.status_code == 400, response.text
    assert reason in json.dumps(response.json())


async def test_envelope_errors_and_entity_id_rule(gateway):
    no_source = structured(offer())
    del no_source["source"]
    response = await post(gateway, no_source)
    assert response.status_code == 400 and response.json()["errors"][0]["path"] == "source"
    in_batch = await post(gateway, [structured(offer()), no_source], content_type=BATCH)
    assert in_batch.status_code == 400 and in_batch.json()["errors"][0]["index"] == 1
    squatting = structured(offer())
    squatting["data"]["id"] = squatting["subject"] = need().id  # not derived from this source's record id
    response = await post(gateway, squatting)
    assert response.status_code == 400 and response.json()["errors"][0]["path"] == "data.id"
    binary_without_headers = await gateway.post(EVENTS, content=body(structured(offer())["data"]),
                                                headers={**auth("initiative"), "content-type": "application/json"})
    assert binary_without_headers.status_code == 400
    assert (await post(gateway, [], content_type=BATCH)).status_code == 400


# --- 401 / 403 -----------------------------------------------------------------------------------


async def test_missing_or_unknown_token_is_401(gateway):
    payload = body(structured(offer()))
    missing = await gateway.post(EVENTS, content=payload, headers={"content-type": STRUCTURED})
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    unknown = await gateway.post(EVENTS, content=payload,
                                 headers={"Authorization": "Bearer nope", "content-type": STRUCTURED})
    assert unknown.status_code == 401
    basic = await gateway.post(EVENTS, content=payload,
                               headers={"Authorization": f"Basic {TOKENS['initiative']}", "content-type": STRUCTURED})
    assert basic.status_code == 401


async def test_wrong_source_not_owner_and_missing_role_are_403(gateway, hub_settings):
    wrong_source = await post(gateway, structured(need()), who="initiative")
    assert wrong_source.status_code == 403 and wrong_source.json()["errors"][0]["path"] == "source"
    municipal = need(record="B-50")
    assert (await post(gateway, structured(municipal), who="sozialamt")).status_code == 202
    not_owner = await post(gateway, structured(status(municipal, record="S-50", new_status="covered")))
    assert not_owner.status_code == 403 and "not granted" in not_owner.json()["errors"][0]["reason"]
    unknown = await post(gateway, structured(status(offer(record="never"), record="S-51", new_status="full")))
    assert unknown.status_code == 403 and "unknown entity" in unknown.json()["errors"][0]["reason"]
    granted_elsewhere = await post(gateway, structured(status(municipal, source=HELFERKREIS, new_status="covered")),
                                   who="helferkreis")
    assert granted_elsewhere.status_code == 403
    reader = await post(gateway, structured(offer()), who="reader")
    assert reader.status_code == 403 and "publisher" in reader.json()["errors"][0]["reason"]
    # one forbidden event refuses the whole batch
    mixed = await post(gateway, [structured(offer(record="A-51")), structured(need())], content_type=BATCH)
    assert mixed.status_code == 403 and mixed.json()["errors"][0]["index"] == 1
    assert await ce_ids(hub_settings, "offers") == []


async def test_signature_is_required_for_a_source_with_a_secret(gateway):
    payload = body(structured(need(record="B-60")))
    base = {**auth("sozialamt"), "content-type": STRUCTURED}
    unsigned = await gateway.post(EVENTS, content=payload, headers=base)
    assert unsigned.status_code == 403 and "signature" in unsigned.json()["errors"][0]["reason"]
    wrong = await gateway.post(EVENTS, content=payload, headers={**base, "X-Koordinate-Signature": sign("x", payload)})
    assert wrong.status_code == 403
    tampered = await gateway.post(EVENTS, content=payload + b" ",
                                  headers={**base, "X-Koordinate-Signature": sign(SECRET, payload)})
    assert tampered.status_code == 403
    right = await gateway.post(EVENTS, content=payload, headers={**base, "X-Koordinate-Signature": sign(SECRET, payload)})
    assert right.status_code == 202


# --- 413 / 415 / 429 -----------------------------------------------------------------------------


async def test_body_over_the_limit_is_413_by_header_and_by_streamed_size(gateway, gateway_settings):
    headers = {**auth("initiative"), "content-type": STRUCTURED}
    big = b" " * (gateway_settings.max_body_bytes + 1)
    by_header = await gateway.post(EVENTS, content=big, headers=headers)
    assert by_header.status_code == 413 and "Content-Length" in by_header.json()["errors"][0]["reason"]

    sent: list[int] = []

    async def endless() -> AsyncIterator[bytes]:  # chunked, no Content-Length; the gateway must stop reading
        for _ in range(10_000):
            sent.append(1)
            yield b" " * 16_384

    streamed = await gateway.post(EVENTS, content=endless(), headers=headers)
    assert streamed.status_code == 413 and "body is over the limit" in streamed.json()["errors"][0]["reason"]
    assert len(sent) < 10_000
    lying = await gateway.post(EVENTS, content=big, headers={**headers, "content-length": "10"})
    assert lying.status_code in (400, 413)


async def test_batch_with_too_many_events_is_413(hub_settings, hub_topics):
    limits = GatewaySettings(max_batch_events=2, rate_per_s=100, burst=100)
    async with running_gateway(hub_settings, limits) as (_app, client):
        response = await post(client, [structured(offer(record=f"A-{i}")) for i in range(3)], content_type=BATCH)
    assert response.status_code == 413


async def test_other_content_types_are_415(gateway):
    for content_type in ("text/plain", "application/xml", ""):
        response = await gateway.post(EVENTS, content=b"{}", headers={**auth("initiative"), "content-type": content_type})
        assert response.status_code == 415


async def test_rate_limit_is_429_with_retry_after_per_source(hub_settings, hub_topics):
    limits = GatewaySettings(rate_per_s=0.2, burst=2)
    async with running_gateway(hub_settings, limits) as (_app, client):
        answers = [await post(client, structured(offer(record=f"A-{i}"))) for i in range(3)]
        assert [a.status_code for a in answers] == [202, 202, 429]
        assert answers[2].headers["retry-after"] == "5"
        # another source has its own bucket
        assert (await post(client, structured(offer(source=HELFERKREIS)), who="helferkreis")).status_code == 202


# --- 503, health, docs, metrics, logs --------------------------------------------------------------


async def test_without_a_broker_posts_are_503_and_readyz_says_so(tmp_path):
    from hub.broker.ports import free_port_pair

    nowhere = Settings(bootstrap_servers=f"127.0.0.1:{free_port_pair()}", topic_prefix="none", home=tmp_path)
    async with running_gateway(nowhere, GatewaySettings(retry_after_s=7), ready=False) as (_app, client):
        assert (await client.get("/healthz")).status_code == 200
        ready = await client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["broker_reachable"] is False
        response = await post(client, structured(offer()))
        assert response.status_code == 503 and response.headers["retry-after"] == "7"


async def test_openapi_docs_and_health_work_offline(gateway):
    spec = (await gateway.get("/openapi.json")).json()
    operation = spec["paths"]["/v1/events"]["post"]
    assert {"202", "400", "401", "403", "413", "415", "429", "503"} <= set(operation["responses"])
    assert "application/cloudevents-batch+json" in operation["requestBody"]["content"]
    page = (await gateway.get("/docs")).text
    assert "/v1/events" in page and "<script" not in page and "cdn" not in page.lower()
    assert (await gateway.get("/redoc")).status_code == 404
    assert (await gateway.get("/healthz")).json() == {"status": "ok"}
    assert (await gateway.get("/readyz")).json()["ready"] is True


async def test_metrics_count_requests_accepted_and_rejected(gateway):
    await post(gateway, structured(offer(record="A-70")))
    await post(gateway, structured(need()))  # wrong source
    text = (await gateway.get("/metrics")).text
    assert 'koordinate_gateway_requests_total{status="202"} 1.0' in text
    assert f'koordinate_gateway_events_accepted_total{{source="{INITIATIVE}",type="offer"}} 1.0' in text
    assert 'koordinate_gateway_events_rejected_total{reason="not_owner"} 1.0' in text


async def test_tokens_and_secrets_never_reach_the_logs(gateway, capsys):
    configure_logging("json", "debug")
    await post(gateway, structured(offer(record="A-80")))
    await post(gateway, structured(need(record="B-80")), who="sozialamt")
    await gateway.post(EVENTS, content=b"{}", headers={"Authorization": f"Bearer {TOKENS['sozialamt']}x",
                                                         "content-type": STRUCTURED})
    await gateway.post(EVENTS, content=b"{}", headers={**auth("sozialamt"), "content-type": STRUCTURED,
                                                         "X-Koordinate-Signature": "sha256=00"})
    logs = capsys.readouterr().err
    assert "event accepted" in logs and "request refused" in logs
    lines = [json.loads(line) for line in logs.splitlines() if line.startswith("{")]
    accepted = [line for line in lines if line.get("event") == "event accepted"]
    assert accepted and all(line["event_id"] and line["source"] for line in accepted)
    for secret in (*TOKENS.values(), SECRET):
        assert secret not in logs
