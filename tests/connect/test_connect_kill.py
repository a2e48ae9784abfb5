"""Acceptance: a source connector killed with SIGKILL mid-file resumes on restart; nothing lost, nothing new twice.

A real subprocess (`python -m hub.connect run`) reads a big generated CSV; the test waits (polling the
offsets topic) for a commit in the middle of the file, kills the process, restarts it with `--once`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from hub.connect import ConnectorState
from hub.settings import Settings
from schemas import entity_id, event_id
from tests.connect.helpers import NEED_HEADER, dead_letters, need_config, need_row, offset_history
from tests.connect.helpers import events_on
from tests.support import wait_until

pytestmark = [pytest.mark.kafka, pytest.mark.reliability]

ROWS = 30_000
BATCH = 250
SOURCE = "urn:koordinate:source:test-sozialamt"
PLANTED = {
    1_234: {"AGS": "1471300"},
    7_777: {"Beschreibung": "Rückruf unter 0341 5550199"},
    12_001: {"Bezeichnung": '=HYPERLINK("http://example.org";"x")'},
    20_000: {"Ab": "31.02.2027"},
    29_999: {"Anzahl": "viele"},
}


def big_csv(folder: Path) -> Path:
    folder.mkdir()
    lines = [";".join(NEED_HEADER)]
    for n in range(1, ROWS + 1):
        cells = need_row(str(n), **PLANTED.get(n, {}))
        lines.append(";".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if ";" in c or '"' in c else c for c in cells))
    path = folder / "bedarfe-gross.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def start(config: Path, settings: Settings, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "KOORDINATE_BOOTSTRAP_SERVERS": settings.bootstrap_servers,
           "KOORDINATE_TOPIC_PREFIX": settings.topic_prefix, "KOORDINATE_HOME": str(settings.home)}
    env.pop("KOORDINATE_CONFIG", None)
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "hub.connect", "run", *extra, str(config)],
                                stdout=out, stderr=subprocess.STDOUT, env=env)


async def wait_for_commit_mid_file(settings: Settings, process: subprocess.Popen[bytes], timeout_s: float = 120) -> int:
    """The row of the first commit that is past the first batch but short of the end of the file."""
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        partition = TopicPartition(settings.topic_name("connect-offsets"), 0)
        consumer.assign([partition])
        await consumer.seek_to_beginning(partition)

        async def commit_mid_file() -> int | None:
            assert process.poll() is None, "the connector exited before it could be killed"
            for records in (await consumer.getmany(partition, timeout_ms=200)).values():
                for record in records:
                    offset = ConnectorState.from_json(record.value).position.to_json()[0]["offset"]
                    if BATCH < offset["row"] < offset["rows"]:
                        return int(offset["row"])
            return None

        return await wait_until(commit_mid_file, timeout_s, "a commit in the middle of the file", interval_s=0)
    finally:
        await consumer.stop()


async def test_kill_mid_file_and_resume(hub_settings: Settings, topics: dict[str, str], tmp_path: Path) -> None:
    big_csv(tmp_path / "drop")
    config = need_config(tmp_path, tmp_path / "drop", batch_size=BATCH, poll_interval_s=3600)
    log = tmp_path / "connect.log"

    running = start(config, hub_settings, log)
    try:
        seen_row = await wait_for_commit_mid_file(hub_settings, running)
        running.send_signal(signal.SIGKILL)
    finally:
        if running.poll() is None:
            running.kill()
        running.wait(timeout=30)
    assert running.returncode == -signal.SIGKILL
    at_kill = (await offset_history(hub_settings, "test-bedarfe"))[-1]
    killed_at = at_kill.position.to_json()[0]["offset"]
    assert seen_row <= killed_at["row"] < ROWS, "the kill must land in the middle of the file"

    restarted = start(config, hub_settings, log, "--once")
    assert restarted.wait(timeout=240) == 0, log.read_text()[-3000:]

    final = (await offset_history(hub_settings, "test-bedarfe"))[-1]
    offset = final.position.to_json()[0]["offset"]
    assert (offset["row"], offset["rows"]) == (ROWS, ROWS)  # moved past the file
    assert offset["revision"] == killed_at["revision"]  # the restart reused the revision of that content
    good = ROWS - len(PLANTED)
    assert (final.counters.read, final.counters.produced, final.counters.dead_lettered) == (ROWS, good, len(PLANTED))

    events = await events_on(hub_settings, "needs")
    per_id = Counter(e.id for e in events)
    expected = {event_id(entity_id(SOURCE, str(n)), offset["revision"]) for n in range(1, ROWS + 1) if n not in PLANTED}
    assert set(per_id) == expected  # every good row's event, and nothing else, once per revision
    assert len(events) - len(per_id) <= BATCH  # repeats: at most the batch in flight when killed

    letters = await dead_letters(hub_settings)
    positions = {json.loads(d["offset"])["row"] for d in letters}
    assert positions == set(PLANTED)

    # unchanged file: another --once produces nothing
    again = start(config, hub_settings, log, "--once")
    assert again.wait(timeout=120) == 0
    assert len(await events_on(hub_settings, "needs")) == len(events)
    assert (await offset_history(hub_settings, "test-bedarfe"))[-1].counters == final.counters
