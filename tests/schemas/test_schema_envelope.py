"""CloudEvents envelopes: round trips in every mode, attribute rules, and each broken-envelope case."""

from __future__ import annotations

import json

import pytest
from cloudevents.core.bindings import http as sdk_http
from cloudevents.core.formats.json import JSONFormat

from schemas import (
    HUB_SOURCE, EnvelopeError, Need, Offer, StatusUpdate, derived_id, entity_id, event_id, from_http, from_http_batch,
    from_http_binary, from_http_structured, from_kafka, model_for_type, model_from_kafka, to_event, to_http_batch,
    to_http_binary, to_http_structured, to_kafka, to_model,
)
from tests.builders import NEED_ID, SOZIALAMT, derived_samples, sample_need_data, sample_offer_data, sample_status_data


def all_models() -> list:
    models = [Need.model_validate(sample_need_data()), Offer.model_validate(sample_offer_data()),
              StatusUpdate.model_validate(sample_status_data())]
    models += [model_for_type(t).model_validate(d) for t, d in derived_samples().items()]  # type: ignore[union-attr]
    return models


@pytest.mark.parametrize("model", all_models(), ids=lambda m: m.event_type)
def test_round_trip_every_mode(model) -> None:  # type: ignore[no-untyped-def]
    record = to_kafka(model)
    assert model_from_kafka(record.value, record.headers) == model
    assert to_model(from_http_structured(to_http_structured(model).body)) == model
    binary = to_http_binary(model)
    assert to_model(from_http_binary(binary.headers, binary.body)) == model
    (event,) = from_http(binary.headers, binary.body)
    assert to_model(event) == model


def test_kafka_headers_key_and_attributes() -> None:
    need = Need.model_validate(sample_need_data())
    record = to_kafka(need)
    headers = dict(record.headers)
    assert record.key == NEED_ID.encode()
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_type"] == b"org.koordinate.need.v1"
    assert headers["ce_source"] == SOZIALAMT.encode()
    assert headers["ce_subject"] == NEED_ID.encode()
    assert headers["ce_id"] == event_id(NEED_ID, 3).encode()
    assert headers["ce_time"] == b"2026-11-27T10:00:00+01:00"
    assert headers["ce_dataschema"] == b"https://koordinate.org/schemas/json/need.v1.json"
    assert headers["content-type"] == b"application/json"
    assert json.loads(record.value)["id"] == NEED_ID


def test_resent_record_keeps_event_id_new_revision_gets_new_one() -> None:
    first = to_event(Need.model_validate(sample_need_data()))
    again = to_event(Need.model_validate(sample_need_data()))
    newer = to_event(Need.model_validate(sample_need_data(revision=4)))
    assert first.id == again.id != newer.id


def test_derived_events_come_from_the_hub_and_key_by_topic_spec() -> None:
    samples = derived_samples()
    match = model_for_type("org.koordinate.match.v1").model_validate(samples["org.koordinate.match.v1"])  # type: ignore[union-attr]
    event = to_event(match)
    assert event.source == HUB_SOURCE and event.subject == NEED_ID and to_kafka(match).key == NEED_ID.encode()
    # the same statement keeps its event id; a restated match (new score) gets a new one
    assert to_event(match).id == event.id != match.id
    assert to_event(match.model_copy(update={"score": match.score / 2})).id != event.id
    coverage = model_for_type("org.koordinate.coverage.v1").model_validate(samples["org.koordinate.coverage.v1"])  # type: ignore[union-attr]
    assert to_kafka(coverage).key == b"14713000/Ost/childcare"


def test_batch_round_trip_and_problem_index() -> None:
    models = all_models()
    message = to_http_batch(models)
    assert message.headers["content-type"] == "application/cloudevents-batch+json"
    assert [to_model(e) for e in from_http(message.headers, message.body)] == models
    raw = json.loads(message.body)
    del raw[2]["id"]
    with pytest.raises(EnvelopeError) as info:
        from_http_batch(json.dumps(raw))
    assert info.value.problems[0].path == "[2].id"


def test_sdk_reads_our_structured_and_binary_output() -> None:
    # the cloudevents SDK is an independent reader of the spec
    need = Need.model_validate(sample_need_data())
    structured = to_http_structured(need)
    event = sdk_http.from_structured(sdk_http.HTTPMessage(structured.headers, structured.body), JSONFormat())
    assert event.get_type() == "org.koordinate.need.v1" and event.get_subject() == NEED_ID
    binary = to_http_binary(need)
    event = sdk_http.from_binary(sdk_http.HTTPMessage(binary.headers, binary.body), JSONFormat())
    assert event.get_id() == event_id(NEED_ID, 3) and event.get_data()["title"] == need.title  # type: ignore[index]


def _headers(**changes: bytes | None) -> list[tuple[str, bytes | None]]:
    headers = dict(to_kafka(Need.model_validate(sample_need_data())).headers)
    headers.update(changes)
    return [(k, v) for k, v in headers.items() if v is not None]


VALUE = to_kafka(Need.model_validate(sample_need_data())).value


@pytest.mark.parametrize(
    ("headers", "value", "path", "reason"),
    [
        (_headers(ce_id=None), VALUE, "ce_id", "missing"),
        (_headers(ce_source=None), VALUE, "ce_source", "missing"),
        (_headers(ce_specversion=b"0.3"), VALUE, "ce_specversion", "must be '1.0'"),
        (_headers(ce_type=b"com.example.thing.v1"), VALUE, "ce_type", "unknown event type"),
        (_headers(ce_time=b"yesterday"), VALUE, "ce_time", "RFC 3339"),
        (_headers(ce_time=b"2026-11-27T10:00:00"), VALUE, "ce_time", "offset"),
        (_headers(**{"content-type": b"application/xml"}), VALUE, "ce_datacontenttype", "application/json"),
        (_headers(ce_id=b"\xff\xfe"), VALUE, "ce_id", "UTF-8"),
        (_headers(), b"{not json", "data", "not valid JSON"),
        (_headers(), b"\xff\xfe{}", "data", "UTF-8"),
        (_headers(), b"[1, 2]", "data", "JSON object"),
        (_headers(), None, "value", "tombstone"),
        ([], VALUE, "ce_specversion", "missing"),
    ],
)
def test_broken_kafka_envelopes_name_the_problem(headers, value, path: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EnvelopeError) as info:
        model_from_kafka(value, headers)
    (problem,) = info.value.problems
    assert problem.path == path and reason in problem.reason


def test_data_not_matching_model_names_data_path() -> None:
    bad = json.dumps(sample_need_data(area={"ags": "99000000"}, quantity=-2)).encode()
    with pytest.raises(EnvelopeError) as info:
        model_from_kafka(bad, _headers())
    assert {p.path for p in info.value.problems} == {"data.area.ags", "data.quantity"}
    assert "Land code" in str(info.value)


def test_subject_and_source_must_fit_the_data() -> None:
    event = to_event(Need.model_validate(sample_need_data()))
    with pytest.raises(EnvelopeError, match="subject"):
        to_model(event.__class__(**{**event.__dict__, "subject": derived_id("x", 1)}))
    with pytest.raises(EnvelopeError, match="source"):
        to_model(event.__class__(**{**event.__dict__, "source": "urn:someone:else"}))


@pytest.mark.parametrize(
    ("body", "path", "reason"),
    [("[]", "body", "JSON object"), ("{", "body", "not valid JSON"),
     ('{"specversion":"1.0","id":"1","source":"s","type":"org.koordinate.need.v1","data_base64":"AA=="}',
      "data_base64", "binary data"),
     ('{"specversion":"1.0","id":1,"source":"s","type":"org.koordinate.need.v1","data":{}}', "id", "string")],
)
def test_broken_structured_envelopes(body: str, path: str, reason: str) -> None:
    with pytest.raises(EnvelopeError) as info:
        from_http_structured(body)
    assert info.value.problems[0].path == path and reason in info.value.problems[0].reason


def test_http_binary_headers_case_insensitive_and_percent_encoded() -> None:
    source = "urn:koordinate:source:büro-köln"
    need = Need.model_validate(sample_need_data(source=source, id=entity_id(source, "B-1")))
    binary = to_http_binary(need)
    assert binary.headers["ce-source"] == "urn:koordinate:source:b%C3%BCro-k%C3%B6ln"
    assert all(v.isascii() for v in binary.headers.values())
    upper = {k.upper(): v for k, v in binary.headers.items()}
    assert to_model(from_http_binary(upper, binary.body)) == need


@pytest.mark.parametrize("attribute", ["datacontenttype", "time", "subject", "dataschema"])
def test_non_string_optional_attribute_is_an_envelope_error_not_a_crash(attribute) -> None:
    raw = json.loads(to_http_structured(Need.model_validate(sample_need_data())).body)
    raw[attribute] = True
    with pytest.raises(EnvelopeError, match=attribute):
        from_http_structured(json.dumps(raw).encode())
