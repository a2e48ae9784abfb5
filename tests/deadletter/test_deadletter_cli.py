"""`koordinate deadletter list|show|replay` against the real broker, with dead letters as both writers make them."""

from __future__ import annotations

import asyncio
import base64
import json
import re

import pytest
from typer.testing import CliRunner

from connectors import SourceRecord
from hub.cli.deadletter_cmd import app
from hub.connect.deadletter import NORMALISE, dead_letter
from hub.deadletters.letter import DeadLetter
from hub.deadletters import REPLAYED_FROM
from hub.errors import PermanentError
from hub.kafka.producer import EventProducer
from hub.kafka.reader import read_topic
from hub.settings import Settings
from hub.topics.admin import apply_topics
from hub.topics.spec import topic
from schemas import model_from_kafka, to_kafka
from tests.builders import need

pytestmark = pytest.mark.kafka

CSV_ROW = "B-7;Begleitung;Max Mustermann;0171 1234567\n".encode()
BINARY = b"\x89PNG\r\n\x1a\n\x00\xff\xfe"


def _stream_letter(topics: dict[str, str], record_id: str, payload: bytes | None = None, **fields) -> DeadLetter:
    record = to_kafka(need(record_id))
    return DeadLetter(payload=payload if payload is not None else record.value, stage="VALIDATE",
                      reason="data.category: 'sprachkurs' is not in the taxonomy", exception_class="EnvelopeError",
                      connector="koordinate-worker", key=record.key, field_path="data.category",
                      origin_topic=topics["needs"], origin_partition=2, origin_offset=41,
                      original_headers=record.headers, **fields)


async def _plant(settings: Settings, topics: dict[str, str]) -> None:
    """Dead letters on partition 0: 0 a CloudEvent (fixed since), 1 a raw CSV row, 2 binary, 3 still invalid."""
    csv = dead_letter("leipzig-sozialamt", "connectors.csv.CsvSource",
                      SourceRecord({"file": "bedarfe.csv"}, {"row": 7}, CSV_ROW), NORMALISE,
                      ValueError("column 'Kategorie' is empty"))
    binary = DeadLetter(payload=BINARY, stage="READ", reason="not UTF-8", exception_class="UnicodeDecodeError",
                        connector="freiwilligen-xlsx", source_position={"sheet": "Angebote", "row": 3})
    invalid = _stream_letter(topics, "B-9", payload=b'{"title": 5}')
    async with EventProducer(settings.bootstrap_servers) as producer:
        fixed = _stream_letter(topics, "B-1")
        await producer.send(topics["deadletter"], fixed.payload, key=fixed.key, headers=fixed.headers(), partition=0)
        await producer.send(topics["deadletter"], csv.payload, key=csv.key, headers=csv.headers(), partition=0)
        await producer.send(topics["deadletter"], binary.payload, headers=binary.headers(), partition=0)
        await producer.send(topics["deadletter"], invalid.payload, headers=invalid.headers(), partition=0)


@pytest.fixture
def planted(hub_settings: Settings) -> dict[str, str]:
    # only the two topics these tests use: a shared development broker collects every test's topics
    specs = (topic("needs"), topic("deadletter"))
    asyncio.run(apply_topics(hub_settings.bootstrap_servers, hub_settings.topic_prefix, specs=specs))
    topics = {spec.suffix: spec.name(hub_settings.topic_prefix) for spec in specs}
    asyncio.run(_plant(hub_settings, topics))
    return topics


@pytest.fixture
def cli(hub_settings: Settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KOORDINATE_BOOTSTRAP_SERVERS", hub_settings.bootstrap_servers)
    monkeypatch.setenv("KOORDINATE_TOPIC_PREFIX", hub_settings.topic_prefix)
    monkeypatch.setenv("KOORDINATE_HOME", str(hub_settings.home))
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})
        return result

    return invoke


def _records(settings: Settings, topic: str):
    return asyncio.run(read_topic(settings.bootstrap_servers, topic))


def _shows_position(output: str, position: str) -> bool:
    """Whether a listing shows this partition:offset as a position of its own, not inside a time of
    day ("10:03:49" holds "0:0")."""
    return re.search(rf"(?<![\d:]){re.escape(position)}(?![\d:])", output) is not None


def test_list_shows_every_dead_letter_with_a_count_by_reason(planted, cli) -> None:
    result = cli("list")
    assert result.exit_code == 0, result.output
    assert all(_shows_position(result.output, position) for position in ("0:0", "0:1", "0:2", "0:3")), result.output
    for expected in ("VALIDATE", "NORMALISE", "READ", "leipzig-sozialamt",
                     planted["needs"], "VALIDATE/EnvelopeError", "NORMALISE/builtins.ValueError"):
        assert expected in result.output
    assert re.search(r"VALIDATE/EnvelopeError\s*│\s*2\s*│", result.output)


def test_list_filters_by_stage_connector_and_time(planted, cli) -> None:
    only_csv = cli("list", "--stage", "normalise")
    assert _shows_position(only_csv.output, "0:1") and not _shows_position(only_csv.output, "0:0"), only_csv.output
    assert "(1 of 4)" in only_csv.output
    lines = [json.loads(line) for line in cli("list", "--json", "--connector", "freiwilligen-xlsx").output.splitlines()]
    assert [(line["position"], line["stage"], line["cloud_event"]) for line in lines] == [("0:2", "READ", False)]
    assert "match the filters" in cli("list", "--since", "2099-01-01").output
    assert len(cli("list", "--json", "--since", "1h").output.splitlines()) == 4
    assert cli("list", "--since", "yesterday").exit_code == 2


def test_show_prints_context_and_payload_as_json_text_or_base64(planted, cli) -> None:
    event = cli("show", "0:0")
    assert event.exit_code == 0, event.output
    assert "data.category" in event.output and "ce_type: org.koordinate.need.v1" in event.output
    assert '"title": "Begleitung zu Behördenterminen"' in event.output  # pretty JSON, umlauts kept
    assert f"yes, to {planted['needs']}" in event.output
    row = cli("show", "1")  # a bare offset is fine while one partition holds it
    assert "payload (text" in row.output and "B-7;Begleitung" in row.output and "not a CloudEvent" in row.output
    assert '"row":7' in row.output  # the connector's source position
    binary = cli("show", "0:2")
    assert "payload (base64" in binary.output and base64.b64encode(BINARY).decode() in binary.output
    assert cli("show", "0:99").exit_code == 1
    assert cli("show", "x:1").exit_code == 2


def test_replay_sends_once_keeps_cloud_event_headers_and_explains_what_it_cannot_send(
        planted, cli, hub_settings: Settings) -> None:
    dry = cli("replay", "--all", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert f"would send 0:0 -> {planted['needs']}" in dry.output
    assert _records(hub_settings, planted["needs"]) == []  # a dry run sends nothing

    first = cli("replay", "--all")
    assert "sent 1, already replayed 0, not replayable 3" in first.output, first.output
    assert "0:1: payload is not a CloudEvent" in first.output and "koordinate connect run" in first.output
    assert "0:3: still fails the contract" in first.output
    [replayed] = _records(hub_settings, planted["needs"])
    headers = dict(replayed.headers)
    assert headers[REPLAYED_FROM] == b"0:0"
    assert headers["ce_type"] == b"org.koordinate.need.v1" and headers["ce_id"] == dict(to_kafka(need("B-1")).headers)["ce_id"]
    assert model_from_kafka(replayed.value, replayed.headers) == need("B-1")
    assert replayed.key == to_kafka(need("B-1")).key

    second = cli("replay", "0:0", "0:1")
    assert "sent 0, already replayed 1, not replayable 1" in second.output, second.output
    assert f"already replayed 0:0: replayed before: {planted['needs']}" in second.output
    assert len(_records(hub_settings, planted["needs"])) == 1


def test_replay_force_sends_a_still_invalid_cloud_event_and_needs_a_selection(planted, cli, hub_settings) -> None:
    assert cli("replay").exit_code == 2  # nothing named: refuse rather than replay everything
    forced = cli("replay", "--reason", "taxonomy", "--stage", "VALIDATE", "--force")
    assert "sent 2" in forced.output, forced.output
    replayed = {dict(r.headers)[REPLAYED_FROM]: r.key for r in _records(hub_settings, planted["needs"])}
    assert replayed == {b"0:0": to_kafka(need("B-1")).key, b"0:3": to_kafka(need("B-9")).key}  # keyless: ce_subject


def test_missing_topic_is_one_line_error(cli, hub_settings) -> None:
    result = cli("list")  # no hub_topics: the dead-letter topic does not exist
    assert result.exit_code == 1
    assert "does not exist" in result.output and "Traceback" not in result.output
    with pytest.raises(PermanentError):
        _records(hub_settings, hub_settings.topic_name("deadletter"))
