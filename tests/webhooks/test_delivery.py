"""Delivery against real receivers: signature, retries on 5xx, Retry-After on 429, 400 dead-lettered, 410 ends."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from connectors.sinks.signature import SIGNATURE, SUBSCRIPTION, TIMESTAMP, verify
from hub.settings import Settings
from schemas import STRUCTURED, from_http_structured, to_event, to_kafka, to_model
from tests.builders import SOZIALAMT, match, need, offer, status
from tests.support import produce_models
from tests.webhooks.helpers import (
    SECRET,
    SECRET_VAR,
    Receiver,
    counted,
    dead_letters,
    running,
    sink_config,
    wait_for,
)

pytestmark = pytest.mark.kafka


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_VAR, SECRET)


async def test_delivery_is_a_signed_structured_cloud_event(hub_settings: Settings, topics: dict[str, str],
                                                           server: HTTPServer, tmp_path: Path) -> None:
    receiver = Receiver(server)
    url = receiver.endpoint("/sozialamt")
    n, o = need("B-1"), offer("A-1")
    m = match(n, o)
    await produce_models(hub_settings, [n, o, m])
    config = sink_config(tmp_path / "webhook.yaml", [{"name": "sozialamt", "url": url, "sources": [SOZIALAMT]}])
    async with running(hub_settings, config) as task:
        [got] = await wait_for(task, lambda: receiver.at("/sozialamt"), "the delivery")

    assert got.verified, "the receiver's HMAC check must accept the delivery"
    assert got.headers["Content-Type"] == STRUCTURED
    assert got.event_id == to_event(m).id == got.body["id"]
    assert got.headers[SUBSCRIPTION] == "sozialamt"
    assert to_model(from_http_structured(json.dumps(got.body))) == m
    # the signature covers the timestamp: another secret, a moved timestamp or an old request all fail
    raw = got.raw
    signature, timestamp = got.headers[SIGNATURE], got.headers[TIMESTAMP]
    assert signature.startswith("sha256=")
    assert verify(SECRET, raw, signature, timestamp, now=float(timestamp))
    assert not verify("another secret", raw, signature, timestamp, now=float(timestamp))
    assert not verify(SECRET, raw, signature, str(int(timestamp) + 1), now=float(timestamp))
    assert not verify(SECRET, raw, signature, timestamp, now=float(timestamp) + 3600)
    assert readme_check()(SECRET, raw, got.headers) and not readme_check()("another secret", raw, got.headers)


def readme_check():  # type: ignore[no-untyped-def]
    """The receiver's snippet from examples/sinks/README.md, as a receiver would paste it."""
    text = (Path(__file__).resolve().parents[2] / "examples" / "sinks" / "README.md").read_text()
    namespace: dict[str, object] = {}
    exec(re.search(r"```python\n(.*?)```", text, re.S).group(1), namespace)  # type: ignore[union-attr]
    return namespace["is_from_koordinate"]


async def test_500_is_retried_until_it_succeeds(hub_settings: Settings, topics: dict[str, str], server: HTTPServer,
                                                tmp_path: Path) -> None:
    receiver = Receiver(server)
    url = receiver.endpoint("/flaky", lambda before, _: Response("busy", 500 if before < 2 else 200))
    n = need("B-1")
    await produce_models(hub_settings, [n, status(n, source=SOZIALAMT, new_status="covered")])
    config = sink_config(tmp_path / "webhook.yaml", [{"name": "flaky", "url": url}])
    async with running(hub_settings, config) as task:
        state = await wait_for(task, counted(hub_settings, "flaky", delivered=1), "the delivery's commit")

    ids = receiver.ids_at("/flaky")
    assert len(ids) == 3 and len(set(ids)) == 1  # the same event, three attempts
    assert all(r.verified for r in receiver.at("/flaky"))  # signed anew on every attempt
    counters = state.targets["flaky"]
    assert (counters.delivered, counters.retried, counters.dead_lettered) == (1, 2, 0)
    assert await dead_letters(hub_settings) == []


async def test_429_retry_after_is_honoured(hub_settings: Settings, topics: dict[str, str], server: HTTPServer,
                                           tmp_path: Path) -> None:
    receiver = Receiver(server)
    url = receiver.endpoint(
        "/slow-down", lambda before, _: Response("later", 429, {"Retry-After": "1"}) if before == 0 else Response("", 200))
    n = need("B-1")
    await produce_models(hub_settings, [n, status(n, source=SOZIALAMT, new_status="covered")])
    config = sink_config(tmp_path / "webhook.yaml", [{"name": "slow-down", "url": url}])
    async with running(hub_settings, config) as task:
        await wait_for(task, counted(hub_settings, "slow-down", delivered=1), "the delivery's commit")

    first, second = receiver.at("/slow-down")
    assert first.event_id == second.event_id
    assert second.at - first.at >= 1.0, "the second attempt came before the Retry-After had passed"


async def test_400_is_dead_lettered_without_retry(hub_settings: Settings, topics: dict[str, str], server: HTTPServer,
                                                  tmp_path: Path) -> None:
    receiver = Receiver(server)
    refused = need("B-1")
    url = receiver.endpoint("/picky", lambda _, r: Response("no", 400 if r.body["subject"] == refused.id else 200))
    accepted = need("B-2")
    bad = status(refused, source=SOZIALAMT, new_status="covered")
    good = status(accepted, source=SOZIALAMT, new_status="covered")
    await produce_models(hub_settings, [refused, accepted, bad, good])
    config = sink_config(tmp_path / "webhook.yaml", [{"name": "picky", "url": url}])
    async with running(hub_settings, config) as task:
        state = await wait_for(task, counted(hub_settings, "picky", delivered=1, dead_lettered=1), "both outcomes")

    assert sorted(receiver.ids_at("/picky")) == sorted([to_event(bad).id, to_event(good).id])  # one try each
    assert (state.targets["picky"].retried, state.counters.dead_lettered) == (0, 1)
    [(context, payload, headers)] = await dead_letters(hub_settings)
    assert context["stage"] == "DELIVER"
    assert context["exception.class.name"] == "WebhookRefused"
    assert context["topic"] == hub_settings.topic_name("status")
    assert "HTTP 400" in context["exception.message"]
    assert json.loads(context["source.position"])["subscription"] == "picky"
    assert payload == to_kafka(bad).value  # the original record, with its CloudEvents headers, for a replay
    assert ("ce_id", to_event(bad).id.encode()) in headers
    assert state.last_error and state.last_error["stage"] == "DELIVER"
