"""The topic spec is the routing table: each event type travels on one topic, keyed as the spec says.

One record of each event type goes through the code that writes it (a connector's task, the gateway, the
worker's derived records, the API's review) and its topic and Kafka key are checked against the spec's
`key_of`. A producer keying an event otherwise would spread one entity's events over partitions (their
order lost) and keep the wrong record under compaction.
"""

from __future__ import annotations

import pytest

from connectors.sink_base import TopicSuffix
from hub.connect.task import Topics
from hub.gateway.intake import KIND_OF
from hub.gateway.runtime import TOPIC_SUFFIXES
from hub.readmodel.materialiser import READ_TOPICS
from hub.stream.app import DERIVED_MODELS, DERIVED_TOPICS, INPUT_MODELS, INPUTS
from hub.stream.derived import derived_record
from hub.topics.spec import TOPICS, event_topics, topic_of_event_type
from schemas import EVENT_MODELS, EventModel, Review, is_canonical, model_for_type, to_kafka
from tests.builders import derived_samples, need, offer, sample_status_data, status

CANONICAL = [need("B-1"), offer("A-1"), status(need("B-1"), new_status="covered"),
             model_for_type("org.koordinate.status.v1").model_validate(sample_status_data())]  # with a commitment


def _derived() -> list[EventModel]:
    samples = [model_for_type(event_type).model_validate(data) for event_type, data in derived_samples().items()]
    gap_data = derived_samples()["org.koordinate.gap.v1"]
    area_gap = {**gap_data, "need_id": None, "reasons": ["no_offer_in_area"]}  # a gap of an area: no need
    resolved = {**derived_samples()["org.koordinate.gap.resolved.v1"], "need_id": None}
    return [*samples, model_for_type("org.koordinate.gap.v1").model_validate(area_gap),
            model_for_type("org.koordinate.gap.resolved.v1").model_validate(resolved)]


def _label(model: EventModel) -> str:
    return f"{model.event_type}:{model.partition_key()[:8]}"


def _key_by_spec(model: EventModel) -> bytes:
    key_of = topic_of_event_type(model.event_type).key_of
    assert key_of is not None, f"the topic of {model.event_type} names no key function"
    return key_of(model).encode()


def test_every_event_type_travels_on_exactly_one_topic_with_a_key_function() -> None:
    carried = [event_type for spec in TOPICS for event_type in spec.event_types]
    assert sorted(carried) == sorted(EVENT_MODELS), "each event type of the contract on one topic, none twice"
    assert all(spec.key_of is not None for spec in event_topics())
    assert all(spec.key_of is None for spec in TOPICS if not spec.event_types)  # their keys are no event's


def test_every_event_type_has_a_sample_here() -> None:
    sampled = {model.event_type for model in [*CANONICAL, *_derived()]}
    missing = sorted(set(EVENT_MODELS) - sampled)
    assert not missing, f"no sample of {missing}: add one to tests/builders.derived_samples"


@pytest.mark.parametrize("model", CANONICAL, ids=_label)
def test_a_connector_writes_canonical_events_where_and_as_the_spec_says(model: EventModel) -> None:
    topics = Topics(needs="p.needs", offers="p.offers", status="p.status", deadletter="p.deadletter",
                    offsets="p.connect-offsets")
    assert topics.for_event(model) == topic_of_event_type(model.event_type).name("p")
    assert to_kafka(model).key == _key_by_spec(model)  # the connect task's record (task._outgoing)


@pytest.mark.parametrize("model", CANONICAL, ids=_label)
def test_the_gateway_writes_canonical_events_where_and_as_the_spec_says(model: EventModel) -> None:
    assert TOPIC_SUFFIXES[KIND_OF[type(model)]] == topic_of_event_type(model.event_type).suffix
    assert to_kafka(model).key == _key_by_spec(model)  # the gateway's record (intake)


@pytest.mark.parametrize("model", [m for m in _derived() if m.event_type != "org.koordinate.review.v1"], ids=_label)
def test_the_worker_writes_derived_events_where_and_as_the_spec_says(model: EventModel) -> None:
    suffix, record = derived_record(model)
    assert suffix == topic_of_event_type(model.event_type).suffix
    assert record.key == _key_by_spec(model)


def test_a_review_is_keyed_by_its_cluster() -> None:
    [review] = [m for m in _derived() if m.event_type == "org.koordinate.review.v1"]
    assert to_kafka(review).key == _key_by_spec(review) == review.cluster_id.encode()  # routes_duplicates
    assert topic_of_event_type(review.event_type).suffix == "reviews"


def test_the_worker_refuses_to_route_a_canonical_event_as_derived() -> None:
    with pytest.raises(TypeError):
        derived_record(CANONICAL[0])
    assert all(is_canonical(m) for m in CANONICAL)


def test_readers_follow_the_spec() -> None:
    # the read model reads every topic of events and the dead letters
    assert set(READ_TOPICS) == {spec.suffix for spec in event_topics()} | {"deadletter"}
    # connectors import nothing of hub (tests/connect/test_connect_layering.py), so a sink's topic names
    # are spelt out there: they must be the spec's topics of events
    assert set(TopicSuffix.__args__) == {spec.suffix for spec in event_topics()}


def test_the_worker_reads_and_writes_the_topics_of_its_event_types() -> None:
    # every type the hub derives, but the office's reviews (the API publishes those), comes out of the engine
    assert set(DERIVED_MODELS) == {m for m in EVENT_MODELS.values() if not is_canonical(m)} - {Review}
    # the worker has an output topic for whatever it may derive, and reads the canonical types and the reviews
    assert {derived_record(m)[0] for m in _derived() if m.event_type != Review.event_type} == set(DERIVED_TOPICS)
    assert set(INPUT_MODELS) == {m for m in EVENT_MODELS.values() if is_canonical(m)} | {Review}
    assert set(INPUTS) == {topic_of_event_type(m.event_type).suffix for m in INPUT_MODELS}
