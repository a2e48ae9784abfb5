"""The broker goes down under load and comes back: producers retry, nothing is lost, the gateway says 503.

A PRIVATE broker on free ports (the shared one must not be stopped). The gateway runs as a real
subprocess with a tokens file; a CSV connector polls a drop folder in this process. While both send,
the broker is stopped: the gateway answers 503 with Retry-After within its request timeout (never 202
for an event it could not write), the connector backs off; after the restart the gateway answers 202 again and every event that
was answered 202, and every row of the folder, is on its topic. The gateway's log never shows a token
or the HMAC secret.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from pathlib import Path

import httpx
import pytest
import yaml

from hub.broker import LocalBroker
from hub.broker.ports import free_port_pair
from hub.connect import connector_states, run_connectors
from hub.gateway.tokens import sign
from hub.kafka.reader import read_topic
from hub.settings import Settings
from hub.topics.admin import apply_topics
from schemas import from_kafka, to_model
from tests.builders import need, offer, structured
from tests.connect.helpers import NEED_HEADER, need_config, need_row
from tests.gateway.helpers import SECRET, TOKENS, token_entries
from tests.gateway.test_gateway_acceptance import GatewayProcess
from tests.reliability.knobs import seconds, size
from tests.reliability.test_hostile_sources import csv_bytes
from tests.support import broker_settings, free_port, wait_until

# long: opt-in (`make test-long`), so the README's test command stays well under 15 minutes
pytestmark = [pytest.mark.kafka, pytest.mark.reliability, pytest.mark.long, pytest.mark.timeout(600)]

OUTAGE_S = seconds("OUTAGE_S", 8)
GATEWAY_EVENTS = size("GATEWAY_EVENTS", 300)
OUTAGE_REQUESTS = 4
STRUCTURED = "application/cloudevents+json"


@pytest.fixture
def private_broker(tmp_path):
    broker = LocalBroker(broker_settings(tmp_path / "broker-home", free_port_pair()))
    broker.start()
    yield broker
    broker.stop()


async def _post(client: httpx.AsyncClient, event: dict, who: str = "initiative") -> httpx.Response:
    body = json.dumps(event).encode()
    headers = {"Authorization": f"Bearer {TOKENS[who]}", "content-type": STRUCTURED}
    if who == "sozialamt":
        headers["X-Koordinate-Signature"] = sign(SECRET, body)
    return await client.post("/v1/events", content=body, headers=headers)


async def test_broker_restart_under_load_loses_nothing(private_broker: LocalBroker, tmp_path: Path):
    settings = Settings(bootstrap_servers=private_broker.address, topic_prefix=f"r{uuid.uuid4().hex[:8]}",
                        home=tmp_path, request_timeout_s=5)
    await apply_topics(settings.bootstrap_servers, settings.topic_prefix)
    tokens_file = tmp_path / "tokens.yaml"
    tokens_file.write_text(yaml.safe_dump({"sources": [e.model_dump() for e in token_entries()]}))
    gateway = GatewayProcess(settings, tokens_file, free_port(), tmp_path / "gateway.log")
    drop = tmp_path / "drop"
    drop.mkdir()
    stop_connect = asyncio.Event()
    statuses: dict[str, list[int]] = {}
    accepted: set[str] = set()
    refused: set[str] = set()

    def drop_rows(name: str) -> None:
        (drop / f"{name}.csv").write_bytes(csv_bytes([NEED_HEADER, *(need_row(f"{name}-{i}") for i in range(50))]))

    async def send(client: httpx.AsyncClient, phase: str) -> None:
        # while the broker is down each request waits for the producer's timeout: a few are enough
        for n in range(OUTAGE_REQUESTS if phase == "outage" else GATEWAY_EVENTS // 2):
            event = structured(offer(record=f"{phase}-{n}"))
            response = await _post(client, event)
            for _ in range(120):  # after the restart: the broker may still be starting
                if phase == "outage" or response.status_code != 503:
                    break
                await asyncio.sleep(0.5)
                response = await _post(client, event)
            statuses.setdefault(phase, []).append(response.status_code)
            (accepted if response.status_code == 202 else refused).add(event["id"])
            if phase == "outage":
                assert response.status_code == 503 and int(response.headers["retry-after"]) >= 1, response.text

    gateway.start()
    connect = None
    try:
        await gateway.wait_ready()
        connect = asyncio.create_task(run_connectors(
            settings, [need_config(tmp_path, drop, poll_interval_s=0.5)], stop=stop_connect))
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{gateway.port}", timeout=30) as client:
            drop_rows("before")
            await send(client, "before")
            assert await asyncio.to_thread(private_broker.stop) is True
            outage_started = time.monotonic()
            drop_rows("outage")
            await send(client, "outage")
            await asyncio.sleep(max(0.0, OUTAGE_S - (time.monotonic() - outage_started)))
            await asyncio.to_thread(private_broker.start)  # it runs its own event loop while it waits
            drop_rows("after")
            await send(client, "after")
            assert (await client.get("/readyz")).status_code == 200
            signed = await _post(client, structured(need(record="SIGNED-1")), "sozialamt")
            assert signed.status_code == 202, signed.text

        async def caught_up() -> bool:
            state = (await connector_states(settings)).get("test-bedarfe")
            return state is not None and state.counters.read >= 150

        await wait_until(caught_up, 120, "the connector to catch up after the broker came back", interval_s=0.5)
    finally:
        stop_connect.set()
        if connect is not None:
            await asyncio.wait_for(connect, 60)
        gateway.stop()

    print(f"\nbroker restart: gateway statuses { {p: sorted(set(c)) for p, c in statuses.items()} }")
    assert set(statuses["before"]) == set(statuses["after"]) == {202}
    offers = await read_topic(settings.bootstrap_servers, settings.topic_name("offers"))
    on_topic = {from_kafka(r.value, r.headers).id for r in offers}
    assert accepted <= on_topic, "an event answered 202 is missing"
    # an event answered 503 may still land once the broker is back (its client re-sends it anyway)
    assert on_topic - accepted <= refused and len(offers) == len(on_topic)
    needs = [to_model(from_kafka(r.value, r.headers)) for r in
             await read_topic(settings.bootstrap_servers, settings.topic_name("needs"))]
    rows = {n.source_record_id for n in needs}
    assert {f"{name}-{i}" for name in ("before", "outage", "after") for i in range(50)} <= rows
    state = (await connector_states(settings))["test-bedarfe"]
    assert state.counters.read == state.counters.produced == 150
    log = gateway.log_path.read_text(errors="replace")
    for secret in (*TOKENS.values(), SECRET):
        assert secret not in log, "a token or secret reached the gateway log"
