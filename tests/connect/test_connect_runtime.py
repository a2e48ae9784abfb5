"""The connect runtime against the real broker: topics, CloudEvents headers, dead letters, offsets, status."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from aiokafka.admin import NewTopic
from rich.console import Console
from typer.testing import CliRunner

from connectors import load_config, load_connector
from hub.cli import connect_cmd
from hub.cli.context import CliState
from hub.connect import ConnectorState, OffsetStore, SourceTask, run_connectors, topics_of
from hub.errors import BrokerUnavailable, MisuseError
from hub.kafka.cluster import admin_client
from hub.kafka.producer import EventProducer
from hub.kafka.reader import read_topic
from hub.settings import Settings
from hub.topics.spec import TOPICS
from schemas import event_id
from tests.connect.helpers import EXAMPLES, NEED_HEADER, dead_letters, events_on, ids, need_config, need_row, offset_history

pytestmark = pytest.mark.kafka
FILE_KINDS = {"csv", "xlsx", "hxl", "ical"}


@pytest.fixture
def examples(tmp_path: Path) -> list[Path]:
    # the file-based examples whose numbers this test states; the API kinds have end-to-end tests of their own
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    return sorted(p for p in (tmp_path / "examples").glob("*.yaml") if load_config(p).kind in FILE_KINDS)


def cli(settings: Settings, *args: str) -> str:
    result = CliRunner().invoke(connect_cmd.app, list(args), obj=CliState(settings, Console(width=200), Console()))
    assert result.exit_code == 0, result.output
    return result.output


async def test_examples_produce_events_dead_letters_and_offsets(hub_settings: Settings, topics: dict[str, str],
                                                                examples: list[Path]) -> None:
    states = await run_connectors(hub_settings, examples, once=True)

    needs, offers = await events_on(hub_settings, "needs"), await events_on(hub_settings, "offers")
    assert len(needs) == 13 and len(offers) == 9 + 9 + 5 + 4
    raw = (await read_topic(hub_settings.bootstrap_servers, topics["needs"]))[0]
    headers = dict(raw.headers)
    assert headers["ce_specversion"] == b"1.0" and headers["ce_type"] == b"org.koordinate.need.v1"
    assert headers["ce_source"] == b"urn:koordinate:source:sozialamt-leipzig"
    data = json.loads(raw.value)
    assert raw.key == data["id"].encode() and headers["ce_id"] == event_id(data["id"], data["revision"]).encode()

    letters = sorted(await dead_letters(hub_settings), key=lambda d: json.loads(d["offset"])["row"])
    assert [(d["stage"], d["field.path"]) for d in letters] == [
        ("NORMALISE", "area.ags"), ("NORMALISE", "description"), ("NORMALISE", "title")]
    first = letters[0]
    assert first["connector.name"] == "sozialamt-leipzig-bedarfe" and first["topic"] == ""
    assert first["class.name"] == "connectors.spreadsheet.CsvConnector"
    assert first["exception.class.name"] == "pydantic_core.ValidationError" and "8 digits" in first["exception.message"]
    assert first["payload"].startswith("B-2026-013;") and json.loads(first["offset"])["row"] == 13
    assert first["__koordinate.source.position"]["partition"] == {"file": "bedarfe-2026-11.csv"}
    assert "5550199" not in letters[1]["exception.message"]  # the personal data is not repeated

    for name, state in states.items():
        c = state.counters
        assert c.read == c.produced + c.dead_lettered + c.duplicate_keys and c.read > 0, name
        assert all(o["offset"]["row"] == o["offset"]["rows"] for o in state.position.to_json())
    assert states["sozialamt-leipzig-bedarfe"].counters.dead_lettered == 3
    assert states["sozialamt-leipzig-bedarfe"].last_error["stage"] == "NORMALISE"  # type: ignore[index]

    # unchanged files: a second run produces nothing and counts nothing
    again = await run_connectors(hub_settings, examples, once=True)
    assert {n: s.counters for n, s in again.items()} == {n: s.counters for n, s in states.items()}
    assert len(await events_on(hub_settings, "needs")) == 13 and len(await dead_letters(hub_settings)) == 3

    status = json.loads(await asyncio.to_thread(cli, hub_settings, "status", "--json"))
    assert status["sozialamt-leipzig-bedarfe"]["counters"] == {"read": 16, "produced": 13, "dead_lettered": 3,
                                                              "events": 13, "duplicate_keys": 0, "quality_notes": 0}
    table = await asyncio.to_thread(cli, hub_settings, "status")
    assert "willkommen-gruenau-kalender" in table and "bedarfe-2026-11.csv row 16/16" in table


async def test_reconciliation_with_planted_broken_rows_across_batches(
        hub_settings: Settings, topics: dict[str, str], tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    broken = {17: {"AGS": "99999999"}, 40: {"Anzahl": "viele"}, 41: {"Beschreibung": "Tel. 0341 5550123"},
              99: {"Bezeichnung": "=1+1"}, 150: {"Kategorie": "Irgendwas"}}
    lines = [";".join(NEED_HEADER)] + [";".join(need_row(str(n), **broken.get(n, {}))) for n in range(1, 201)]
    (drop / "bedarfe.csv").write_text("\n".join(lines) + "\n", encoding="cp1252")
    config = need_config(tmp_path, drop, batch_size=16)

    output = await asyncio.to_thread(cli, hub_settings, "run", "--once", str(config))
    assert "read 200, produced 195, dead-lettered 5" in output

    [state] = [s for s in (await OffsetStore(hub_settings.bootstrap_servers, topics["connect-offsets"]).load_all()).values()]
    assert (state.counters.read, state.counters.produced, state.counters.dead_lettered) == (200, 195, 5)
    assert len(await offset_history(hub_settings, "test-bedarfe")) == 13  # ceil(200 / 16) commits
    needs = await events_on(hub_settings, "needs")
    assert len(ids(needs)) == len(needs) == 195
    letters = await dead_letters(hub_settings)
    assert sorted(json.loads(d["offset"])["row"] for d in letters) == sorted(broken)


class AcksNeverCome(EventProducer):
    """Sends for real, then reports what a broker outage looks like: no acknowledgement in time."""

    async def send_many(self, records):  # type: ignore[no-untyped-def]
        for topic, key, value, headers in records:
            await self.enqueue(topic, value, key=key, headers=headers)
        raise BrokerUnavailable("no acknowledgement from the broker (injected)")


async def test_position_is_not_committed_without_acknowledgements(
        hub_settings: Settings, topics: dict[str, str], tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "b.csv").write_text(";".join(NEED_HEADER) + "\n" + ";".join(need_row("1")) + "\n", encoding="utf-8")
    connector = load_connector(need_config(tmp_path, drop))
    names = topics_of(hub_settings)
    async with EventProducer(hub_settings.bootstrap_servers) as producer, \
            AcksNeverCome(hub_settings.bootstrap_servers) as failing:
        offsets = OffsetStore(hub_settings.bootstrap_servers, names.offsets, producer)
        task = SourceTask(connector, failing, offsets, names)
        await task.start()
        with pytest.raises(BrokerUnavailable):
            await task.poll_once()
        assert await offset_history(hub_settings, "test-bedarfe") == []
        # restarted with a healthy producer: the same record again, same event id
        task = SourceTask(connector, producer, offsets, names)
        await task.start()
        await task.poll_once()
    [committed] = await offset_history(hub_settings, "test-bedarfe")
    assert committed.counters.produced == 1
    assert len(ids(await events_on(hub_settings, "needs"))) == 1


async def test_commits_are_appended_after_the_events_they_cover(hub_settings: Settings, tmp_path: Path) -> None:
    # the broker stamps each record when it appends it (LogAppendTime): a commit may not precede its events
    async with admin_client(hub_settings.bootstrap_servers) as admin:
        await admin.create_topics([
            NewTopic(spec.name(hub_settings.topic_prefix), 1, 1,
                     topic_configs={**spec.configs(), "message.timestamp.type": "LogAppendTime"})
            for spec in TOPICS])
    drop = tmp_path / "drop"
    drop.mkdir()
    lines = [";".join(NEED_HEADER)] + [";".join(need_row(str(n))) for n in range(1, 301)]
    (drop / "b.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    await run_connectors(hub_settings, [need_config(tmp_path, drop, batch_size=25)], once=True)
    appended = {json.loads(r.value)["source_record_id"]: r.timestamp
                for r in await read_topic(hub_settings.bootstrap_servers, hub_settings.topic_name("needs"))}
    commits = [r for r in await read_topic(hub_settings.bootstrap_servers, hub_settings.topic_name("connect-offsets"))]
    assert len(commits) == 12 and all(r.timestamp_type == 1 for r in commits)
    for commit in commits:
        row = ConnectorState.from_json(commit.value).position.to_json()[0]["offset"]["row"]
        assert all(appended[str(n)] <= commit.timestamp for n in range(1, row + 1))


async def test_missing_topics_stop_the_runtime_with_a_clear_message(hub_settings: Settings, tmp_path: Path) -> None:
    impatient = hub_settings.model_copy(update={"request_timeout_s": 1.0})
    with pytest.raises(MisuseError, match="koordinate topics apply"):
        await run_connectors(impatient, [need_config(tmp_path, tmp_path)], once=True)


async def test_unavailable_source_is_one_line_and_shows_in_status(hub_settings: Settings, topics: dict[str, str],
                                                                 tmp_path: Path) -> None:
    config = need_config(tmp_path, tmp_path / "not-mounted")
    result = await asyncio.to_thread(CliRunner().invoke, connect_cmd.app, ["run", "--once", str(config)],
                                     obj=CliState(hub_settings, Console(), Console(width=300)))
    assert result.exit_code == 1 and "drop folder" in result.output and "does not exist" in result.output
    status = json.loads(await asyncio.to_thread(cli, hub_settings, "status", "--json", "test-bedarfe"))
    error = status["test-bedarfe"]["last_error"]
    assert error["stage"] == "READ" and error["class"] == "SourceUnavailable"
    assert status["test-bedarfe"]["counters"]["read"] == 0
