"""Hostile input: random bytes, random JSON and mangled events never get a 5xx from a running gateway."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import BATCH, STRUCTURED
from tests.builders import offer, status, structured
from tests.gateway.helpers import auth

pytestmark = [
    pytest.mark.kafka, pytest.mark.reliability,
    # the server thread's Kafka client draws from `random` while hypothesis generates; not our strategies
    pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning"),
]

MEDIA = st.sampled_from([STRUCTURED, BATCH, "application/json", f"{STRUCTURED}; charset=utf-8", "text/plain"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=30,
)
FIELDS = ["id", "source", "type", "specversion", "subject", "time", "data", "datacontenttype"]
DATA_FIELDS = ["id", "source", "revision", "title", "category", "area", "capacity", "languages", "occurred_at"]
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _mangled(field: str, data_field: str, value: Any, where: str) -> dict[str, Any]:
    event = structured(offer(record="F-1"))
    if where == "attribute":
        event[field] = value
    elif where == "data":
        event["data"][data_field] = value
    else:
        event.pop(field, None)
    return event


def _post(client: httpx.Client, content: bytes, media: str, extra: dict[str, str] | None = None) -> httpx.Response:
    return client.post("/v1/events", content=content, headers={**auth("initiative"), "content-type": media,
                                                               **(extra or {})})


@FUZZ
@given(content=st.binary(max_size=600), media=MEDIA)
def test_random_bytes_never_5xx(live_gateway, content, media):
    client = live_gateway.client
    assert _post(client, content, media).status_code < 500


@FUZZ
@given(value=JSON_VALUES, media=MEDIA)
def test_random_json_never_5xx(live_gateway, value, media):
    client = live_gateway.client
    assert _post(client, json.dumps(value).encode(), media).status_code < 500


@FUZZ
@given(field=st.sampled_from(FIELDS), data_field=st.sampled_from(DATA_FIELDS), value=JSON_VALUES,
       where=st.sampled_from(["attribute", "data", "drop"]), as_batch=st.booleans())
def test_mangled_events_never_5xx(live_gateway, field, data_field, value, where, as_batch):
    event = _mangled(field, data_field, value, where)
    payload = [structured(status(offer(record="F-1"), new_status="full")), event] if as_batch else event
    client = live_gateway.client
    answer = _post(client, json.dumps(payload).encode(), BATCH if as_batch else STRUCTURED)
    assert answer.status_code < 500, answer.text


@FUZZ
@given(headers=st.dictionaries(st.sampled_from([f"ce-{f}" for f in FIELDS[:6]]),
                               st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e), max_size=40),
                               max_size=6),
       value=JSON_VALUES)
def test_random_binary_mode_headers_never_5xx(live_gateway, headers, value):
    client = live_gateway.client
    assert _post(client, json.dumps(value).encode(), "application/json", headers).status_code < 500
