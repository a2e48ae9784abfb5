"""The pure parts of `koordinate deadletter`: positions, time filters, payload rendering, the replay plan."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from hub.deadletters.letter import DeadLetter
from hub.deadletters import DeadLetterRecord, Selection, parse_position, parse_since, plan_replay
from hub.deadletters.records import render_payload
from hub.errors import MisuseError
from schemas import to_kafka
from tests.builders import need

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def letter(offset: int, dead: DeadLetter, at: datetime = NOW) -> DeadLetterRecord:
    class Record:  # the fields of aiokafka's ConsumerRecord that matter here
        partition, key, value = 1, dead.key, dead.payload
        timestamp = int(at.timestamp() * 1000)
        headers = dead.headers()
    Record.offset = offset
    return DeadLetterRecord.from_record(Record)  # type: ignore[arg-type]


def cloud_event_letter(offset: int, topic: str = "k.needs", at: datetime = NOW) -> DeadLetterRecord:
    record = to_kafka(need("B-1"))
    return letter(offset, DeadLetter(record.value, "VALIDATE", "bad", "EnvelopeError", "koordinate-worker",
                                     key=record.key, origin_topic=topic, original_headers=record.headers), at)


def test_positions_and_times() -> None:
    assert parse_position("3:17") == (3, 17) and parse_position(" 17 ") == (None, 17)
    with pytest.raises(MisuseError):
        parse_position("3:")
    assert parse_since("2h", NOW) == NOW - timedelta(hours=2)
    assert parse_since("7d", NOW) == NOW - timedelta(days=7)
    assert parse_since("2026-11-01") == datetime(2026, 11, 1, tzinfo=UTC)
    assert parse_since("2026-11-01T08:00+01:00") == datetime(2026, 11, 1, 7, tzinfo=UTC)
    with pytest.raises(MisuseError):
        parse_since("last week")


def test_payload_rendering() -> None:
    assert render_payload(b'{"a": "\xc3\xa4"}').text == '{\n  "a": "ä"\n}'
    assert render_payload(b"B-7;Sprachcafe").kind == "text"
    binary = render_payload(b"\xff\x00")
    assert binary.kind == "base64" and base64.b64decode(binary.text) == b"\xff\x00"


def test_selection_and_context() -> None:
    raw = letter(4, DeadLetter(b"row", "NORMALISE", "column 'Kategorie' is empty", "ValueError", "csv-a",
                               source_position={"row": 4}), NOW - timedelta(days=2))
    event = cloud_event_letter(5)
    assert raw.reason_key == "NORMALISE/ValueError" and raw.origin_topic is None and not raw.is_cloud_event
    assert event.is_cloud_event and event.origin_topic == "k.needs" and event.position == "1:5"
    assert Selection(frozenset({(None, 5)})).apply([raw, event]) == [event]
    assert Selection(frozenset({(0, 5)})).apply([raw, event]) == []
    assert Selection(stage="normalise").apply([raw, event]) == [raw]
    assert Selection(since=NOW - timedelta(days=1)).apply([raw, event]) == [event]
    assert Selection(reason="kategorie").apply([raw, event]) == [raw]
    assert Selection().is_empty and not Selection(connector="csv-a").is_empty


def test_replay_plan() -> None:
    raw = letter(4, DeadLetter(b"row", "READ", "x", "ValueError", "csv-a"))
    fresh, done, foreign, missing = (cloud_event_letter(5), cloud_event_letter(6), cloud_event_letter(7, "other.needs"),
                                     cloud_event_letter(8, "k.gone"))
    plan = plan_replay([raw, fresh, done, foreign, missing], {"1:6": "k.needs 0:3"}, "k", {"k.needs"})
    assert [(d.letter.offset, d.action) for d in plan] == [(4, "skip"), (5, "send"), (6, "already"), (7, "skip"),
                                                           (8, "skip")]
    assert "connector csv-a" in plan[0].note and "k.needs 0:3" in plan[2].note
    assert "not a topic of this hub" in plan[3].note and "does not exist" in plan[4].note
