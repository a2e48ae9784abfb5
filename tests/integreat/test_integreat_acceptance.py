"""Acceptance: `koordinate connect run examples/integreat.yaml --once` against the fixture server and a real broker."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from hub.cli import connect_cmd
from hub.cli.context import CliState
from hub.settings import Settings
from tests.connect.helpers import dead_letters, events_on
from tests.integreat.fake import FakeIntegreat

pytestmark = pytest.mark.kafka


def connect(settings: Settings, *args: str) -> str:
    result = CliRunner().invoke(connect_cmd.app, list(args), obj=CliState(settings, Console(width=200), Console()))
    assert result.exit_code == 0, result.output
    return result.output


async def test_connect_run_once_produces_each_change_once(hub_settings: Settings, topics: dict[str, str],
                                                          integreat: FakeIntegreat, tmp_path: Path) -> None:
    config = str(integreat.config(tmp_path))
    out = await asyncio.to_thread(connect, hub_settings, "run", config, "--once")
    assert "integreat-augsburg: read 8, produced 7, dead-lettered 1" in out

    offers = await events_on(hub_settings, "offers")
    keys = Counter(e.data["source_record_id"] for e in offers)
    assert keys == Counter(["poi/101", "poi/102", "poi/103", "poi/105", "event/201", "event/202", "event/203"])
    assert {e.type for e in offers} == {"org.koordinate.offer.v1"}
    [letter] = await dead_letters(hub_settings)
    assert letter["field.path"] == "category.name" and "Werkstätten und Treffpunkte" in letter["exception.message"]
    assert json.loads(letter["payload"])["key"] == "poi/104"

    # nothing changed: nothing produced
    out = await asyncio.to_thread(connect, hub_settings, "run", config, "--once")
    assert len(await events_on(hub_settings, "offers")) == 7 and len(await dead_letters(hub_settings)) == 1

    # one edit and one vanished item: one new offer revision, one status update
    integreat.item("de", "locations", 102)["last_updated"] = "2026-11-21T08:00:00+01:00"
    integreat.remove("locations", 105)
    await asyncio.to_thread(connect, hub_settings, "run", config, "--once")
    offers = await events_on(hub_settings, "offers")
    assert Counter(e.data["source_record_id"] for e in offers) - keys == Counter(["poi/102"])  # partitions: no order
    [ended] = await events_on(hub_settings, "status")
    assert ended.data["new_status"] == "ended" and ended.data["source_record_id"] == "poi/105/status"
