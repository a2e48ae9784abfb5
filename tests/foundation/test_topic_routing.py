"""The topic spec is the routing table: each event type travels on one topic, keyed as the spec says.

One record of each event type goes through the code that writes it (a connector's task, the gateway, the
worker's derived records, the API's review) and its topic and Kafka key are checked against the spec's
`key_of`. A producer keying an event otherwise would spread one entity's events over partitions (their
order lost) and keep the wrong record under compaction.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from connectors.sink_base import TopicSuffix
from hub.connect.task import Topics
from hub.gateway.intake import KIND_OF
from hub.gateway.runtime import TOPIC_SUFFIXES
from hub.readmodel.materialiser import READ_TOPICS
from hub.stream.app import DERIVED_MODELS, DERIVED_TOPICS, INPUT_MODELS, INPUTS
from hub.stream.derived import derived_record
from hub.contract.asyncapi import asyncapi_document
from hub.settings import Settings
from hub.topics.spec import (
    CONNECT_OFFSETS_SUFFIX,
    DEADLETTER_SUFFIX,
    TOPICS,
    canonical_topics,
    event_topics,
    format_topic_name,
    hub_topics,
    topic,
    topic_of_event_type,
)
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


# --- one truth: every list of topic names follows from the spec -------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = frozenset(spec.suffix for spec in hub_topics())


def _str(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _spelt_topic_names(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) of each place that spells a topic suffix where a topic name is meant.

    Looks for: a suffix literal passed to `topic_name(...)`/`name(...)`; an f-string that puts a suffix after a
    `{...prefix...}`; a suffix literal compared with something called topic or suffix; a literal collection
    (tuple, list, set, a dict's keys or values) of two or more strings that are all topic suffixes.
    `topic("...")` is the spec's own lookup and fails on a name it does not know, so it is not flagged.
    Words that merely look like suffixes (the record kinds "need"/"offer", a "status" field, table names in a
    list with other names) are not flagged."""
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call):
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if callee in {"topic_name", "name"}:
                found += [(line, f"{callee}({s!r})") for s in map(_str, node.args) if s in SUFFIXES]
        elif isinstance(node, ast.JoinedStr):
            for before, after in zip(node.values, node.values[1:]):
                text = _str(after)
                if isinstance(before, ast.FormattedValue) and "prefix" in ast.unparse(before.value) and text:
                    found += [(line, f"f-string ...{text!r}") for s in SUFFIXES
                              if re.match(rf"[.-]{re.escape(s)}(?![\w.-])", text)]
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(re.search("topic|suffix", ast.unparse(side), re.I) for side in sides):
                literals = [s for side in sides for s in ([_str(side)] + [_str(e) for e in getattr(side, "elts", [])])]
                found += [(line, f"compared with {s!r}") for s in literals if s in SUFFIXES]
        groups = ([node.elts] if isinstance(node, ast.Tuple | ast.List | ast.Set)
                  else [node.keys, node.values] if isinstance(node, ast.Dict) else [])
        for group in groups:
            strings = [_str(e) for e in group if e is not None]
            if len(strings) >= 2 and all(s in SUFFIXES for s in strings):
                found.append((line, f"literal collection {strings}"))
    return sorted(set(found))


def _sources() -> list[Path]:
    return [p for folder in ("hub", "bench") for p in sorted((ROOT / folder).rglob("*.py"))
            if (ROOT / "hub" / "topics") not in p.parents]


def test_the_checker_finds_spelt_topic_names_and_leaves_lookalikes_alone() -> None:
    flagged = '''
name("needs"); settings.topic_name('connect-offsets'); f"{prefix}.gaps"; f"{settings.topic_prefix}.deadletter"
if topic_suffix == "deadletter": pass
action = "receive" if spec.suffix in {"needs", "offers", "status"} else "send"
CANONICAL = ("needs", "offers", "status")
TOPIC_OF = {Need: "needs", Offer: "offers", StatusUpdate: "status"}
by_suffix = {"needs": a, "offers": b}
'''
    assert sorted({line for line, _ in _spelt_topic_names(ast.parse(flagged))}) == [2, 3, 4, 5, 6, 7]
    assert len([what for line, what in _spelt_topic_names(ast.parse(flagged)) if line == 2]) == 4
    alike = '''
KIND_OF = {Need: "need", Offer: "offer", StatusUpdate: "status"}
record["status"] == "open"; {"status": "ok"}; {"needs": 1, "meta": 2}; ("positions", "needs", "offers")
topic("deadletter"); f"{prefix}-worker"; f"{prefix}.bench-sink"; table = "needs" if kind == "need" else "offers"
'''
    assert _spelt_topic_names(ast.parse(alike)) == []


def test_no_topic_name_is_spelt_outside_the_topic_spec() -> None:
    spelt = [f"{path.relative_to(ROOT)}:{line}: {what}" for path in _sources()
             for line, what in _spelt_topic_names(ast.parse(path.read_text(encoding="utf-8")))]
    assert not spelt, "take topic names from hub/topics/spec.py:\n" + "\n".join(spelt)


def test_derived_lists_of_topic_names_are_the_spec() -> None:
    assert [spec.suffix for spec in canonical_topics()] == [
        topic_of_event_type(m.event_type).suffix for m in EVENT_MODELS.values() if is_canonical(m)]
    assert Topics.of("p") == Topics(needs="p.needs", offers="p.offers", status="p.status", deadletter="p.deadletter",
                                    offsets="p.connect-offsets")
    assert Settings(topic_prefix="p").topic_name("needs") == topic("needs").name("p") == format_topic_name("p", "needs")
    assert Topics.of("p").deadletter == topic(DEADLETTER_SUFFIX).name("p")
    assert Topics.of("p").offsets == topic(CONNECT_OFFSETS_SUFFIX).name("p")
    # the hub receives the canonical topics and sends the rest (AsyncAPI operations)
    operations = asyncapi_document("p")["operations"]
    assert {op["channel"]["$ref"].rsplit("/", 1)[1] for key, op in operations.items() if key.startswith("receive_")} \
        == {spec.suffix.replace("-", "_") for spec in canonical_topics()}


def test_the_benchmarks_write_and_read_where_the_spec_says() -> None:
    from bench import throughput
    from bench.workload import kafka_record

    assert throughput.CANONICAL == tuple(spec.suffix for spec in canonical_topics())
    assert set(throughput.DERIVED) <= {spec.suffix for spec in event_topics()} | {DEADLETTER_SUFFIX}
    for model in CANONICAL:
        assert kafka_record(model, "p")[0] == topic_of_event_type(model.event_type).name("p")
