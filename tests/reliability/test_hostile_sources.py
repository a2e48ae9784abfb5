"""Hostile input through every source connector kind: each record ends as an event or a dead letter.

One `koordinate connect`-style run (the runtime, against Kafka) over CSV, XLSX, HXL and iCal drop
folders and JSON REST sources that misbehave; the runtime returns (nothing crashes it), every
connector's counters reconcile (read = produced + dead-lettered) and match what is on the topics.
Offline: a hypothesis barrage of CSV cells, the zip bomb refused by its declared sizes, a slow source.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections import Counter
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import Workbook
from werkzeug import Response

from connectors import Position, RecordError, SourceUnavailable, load_connector
from connectors.http import HttpClient, Retry
from connectors.spreadsheet import MAX_XLSX_UNPACKED
from hub.connect import connector_states, run_connectors
from schemas import to_model
from tests.connect.helpers import NEED_HEADER, dead_letters, events_on, need_config, need_row, write_config
from tests.connect.test_json_rest import need, need_config as json_need_config

pytestmark = [pytest.mark.reliability]

SHEET_XML = "xl/worksheets/sheet1.xml"


def zip_bomb(unpacked_mb: int = 300) -> bytes:
    """A real XLSX whose sheet XML inflates to `unpacked_mb` MiB of blanks (about 300 KiB packed)."""
    book = Workbook()
    book.active.append(NEED_HEADER)
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            if info.filename != SHEET_XML:
                bomb.writestr(info, source.read(info))
                continue
            sheet = zipfile.ZipInfo(SHEET_XML)
            sheet.compress_type = zipfile.ZIP_DEFLATED
            with bomb.open(sheet, "w", force_zip64=True) as writer:
                writer.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                             b'spreadsheetml/2006/main"><sheetData>')
                blanks = b" " * (1 << 20)
                for _ in range(unpacked_mb):
                    writer.write(blanks)
                writer.write(b"</sheetData></worksheet>")
    return out.getvalue()


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


HOSTILE_CSV = (
    csv_bytes([NEED_HEADER, need_row("1"), need_row("2", Bezeichnung='=HYPERLINK("http://evil.example","klick")'),
               need_row("3", Beschreibung="@SUM(A1:A9)"), need_row("4", Anzahl="-2+3"),
               need_row("5", AGS="99999999"), need_row("6", Kategorie="Unbekannt")])
    + b'7;"broken quoting;never closed;x\n'  # swallows the rest of the file into one cell
)
CP1252_CSV = csv_bytes([NEED_HEADER, need_row("8", Ortsteil="Schönefeld")], "cp1252")
HXL = ("#org+name,#sector,#activity+name,#adm2+code,#adm3+name\n"
       "Lernpaten,Sprache und Bildung,Lesepaten,14713000,Plagwitz\n"
       "=cmd|' /C calc'!A0,Sprache und Bildung,x,14713000,Plagwitz\n"
       "Ohne Kreis,Sprache und Bildung,x,,Plagwitz\n")
ICAL = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:ok@test\r
DTSTART:20261201T170000Z\r
DURATION:PT2H\r
RRULE:FREQ=WEEKLY;BYDAY=TU\r
SUMMARY:Sprachcafe\r
CATEGORIES:Sprachcafé\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:endless@test\r
DTSTART:20261201T170000Z\r
DURATION:PT1H\r
RRULE:FREQ=SECONDLY\r
SUMMARY:Flut\r
CATEGORIES:Sprachcafé\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:never@test\r
DTSTART:20261201T170000Z\r
DURATION:PT1H\r
RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r
SUMMARY:Nie\r
CATEGORIES:Sprachcafé\r
END:VEVENT\r
BEGIN:VEVENT\r
SUMMARY:ohne UID\r
DTSTART:20261201T170000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _folder(tmp_path: Path, name: str, files: dict[str, bytes]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file, data in files.items():
        (folder / file).write_bytes(data)
    return folder


def _configs(tmp_path: Path, httpserver) -> list[Path]:
    csv_drop = _folder(tmp_path, "csv", {"a.csv": HOSTILE_CSV, "b.csv": CP1252_CSV, "c.csv": b"\xff\xfe\x00\x00garbage"})
    xlsx_drop = _folder(tmp_path, "xlsx", {"bomb.xlsx": zip_bomb(), "broken.xlsx": b"PK\x03\x04 not really"})
    hxl_drop = _folder(tmp_path, "hxl", {"3w.csv": HXL.encode()})
    ical_file = tmp_path / "feed.ics"
    ical_file.write_text(ICAL)
    httpserver.expect_request("/big").respond_with_data(b"[" + b'{"nr": "x"},' * 1_500_000 + b"{}]")
    httpserver.expect_request("/away").respond_with_response(
        Response(status=302, headers={"Location": "http://elsewhere.invalid/steal"}))
    httpserver.expect_request("/fine").respond_with_json([need(1), need(2, anzahl="viele")])
    return [
        need_config(tmp_path, csv_drop, name="csv"),
        write_config(tmp_path / "xlsx.yaml", name="xlsx", kind="xlsx", source="urn:test:xlsx", path=str(xlsx_drop),
                     entity="need", record_id="Nr", columns={"title": "Bezeichnung"}),
        write_config(tmp_path / "hxl.yaml", name="hxl", kind="hxl", source="urn:test:hxl", path=str(hxl_drop)),
        write_config(tmp_path / "ical.yaml", name="ical", kind="ical", source="urn:test:ical", path=str(ical_file),
                     organisation={"name": "Testinitiative", "kind": "initiative"}, area={"ags": "14713000"}),
        *[json_need_config(tmp_path / name, httpserver.url_for(f"/{name}"), name=name) for name in ("big", "away", "fine")],
    ]


@pytest.mark.kafka
async def test_every_hostile_source_record_is_an_event_or_a_dead_letter(hub_settings, hub_topics, tmp_path, httpserver):
    for name in ("big", "away", "fine"):
        (tmp_path / name).mkdir()
    configs = _configs(tmp_path, httpserver)
    started = time.monotonic()
    states = await run_connectors(hub_settings, configs, once=True)  # returns: nothing crashed the runtime
    took = time.monotonic() - started

    letters = Counter(letter["connector.name"] for letter in await dead_letters(hub_settings))
    events = await events_on(hub_settings, "needs") + await events_on(hub_settings, "offers")
    sources = Counter(e.source for e in events)
    stored = await connector_states(hub_settings)  # what `koordinate connect status` shows
    assert {n: s.counters for n, s in stored.items()} == {n: s.counters for n, s in states.items()}
    for name, state in states.items():
        c = state.counters
        assert c.read == c.produced + c.dead_lettered, f"{name}: {c}"
        assert letters[name] == c.dead_lettered, f"{name}: {letters[name]} dead letters on the topic, {c}"
    produced = {name: s.counters.produced for name, s in states.items()}
    dead = {name: s.counters.dead_lettered for name, s in states.items()}
    assert produced["csv"] == 2 and dead["csv"] >= 5  # rows 1 and 8; formulas, bad AGS and category, quoting
    assert sources["urn:koordinate:source:test-sozialamt"] == 2
    assert (produced["xlsx"], dead["xlsx"]) == (0, 2)  # the bomb and the broken file, each one dead letter
    assert (produced["hxl"], dead["hxl"]) == (1, 2)
    # no UID: dead-lettered; FREQ=SECONDLY and a rule that never occurs lose their schedule, not the offer
    assert (produced["ical"], dead["ical"]) == (3, 1)
    offers = [to_model(e) for e in events if e.source == "urn:test:ical"]
    unscheduled = {o.title: o for o in offers if o.title in ("Flut", "Nie")}
    assert set(unscheduled) == {"Flut", "Nie"}
    assert all(o.schedule is None and any(n.field.startswith("schedule") for n in o.quality or ())
               for o in unscheduled.values())
    assert (produced["fine"], dead["fine"]) == (1, 1)
    assert (produced["big"], dead["big"], produced["away"], dead["away"]) == (0, 1, 0, 1)
    reasons = {letter["connector.name"]: letter["exception.message"] for letter in await dead_letters(hub_settings)
               if letter["connector.name"] in ("xlsx", "big", "away")}
    assert "zip bomb" in reasons["xlsx"] or "not a readable" in reasons["xlsx"]
    assert "more than" in reasons["big"] and "another host" in reasons["away"]
    assert took < 60, f"the hostile sources took {took:.0f} s"


def test_zip_bomb_is_refused_by_its_declared_size_without_unpacking(tmp_path):
    bomb = zip_bomb(300)
    assert len(bomb) < 2 * 1024 * 1024
    [info] = [i for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist() if i.filename == SHEET_XML]
    assert info.file_size > MAX_XLSX_UNPACKED
    drop = _folder(tmp_path, "drop", {"bomb.xlsx": bomb})
    c = load_connector(write_config(tmp_path / "x.yaml", name="x", kind="xlsx", source="urn:x", path=str(drop),
                                    entity="need", record_id="Nr", columns={"title": "Bezeichnung"}))
    started = time.monotonic()
    [record] = list(c.poll(Position()))
    assert record.error is not None and "zip bomb" in str(record.error)
    assert time.monotonic() - started < 2  # unpacking 300 MiB of XML would take far longer


def test_a_source_that_trickles_its_answer_times_out_as_unavailable():
    """A server sending one byte at a time under the per-read timeout still hits the total deadline."""

    def trickle(request: httpx.Request) -> httpx.Response:
        def body():
            for _ in range(100):
                time.sleep(0.1)
                yield b" "
        return httpx.Response(200, content=body())

    client = HttpClient(timeout_s=1, total_timeout_s=0.5, retry=Retry(attempts=2, backoff_s=0.01),
                        transport=httpx.MockTransport(trickle))
    started = time.monotonic()
    with pytest.raises(SourceUnavailable, match="ReadTimeout"):
        client.get("http://slow.example/")
    assert time.monotonic() - started < 5


CELLS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["=1+1", "@x", "+49 341 123", "-5", "\t=cmd", '=HYPERLINK("http://x")', "\r\n", '"', ";;", "\x00"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=1, max_size=len(NEED_HEADER) + 2), max_size=8),
       encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_random_csv_rows_become_events_or_record_errors(tmp_path_factory, rows, encoding):
    drop = tmp_path_factory.mktemp("drop")
    (drop / "x.csv").write_bytes(csv_bytes([NEED_HEADER, *rows], encoding))
    c = load_connector(need_config(drop.parent, drop, name=f"h{drop.name}"))
    records = list(c.poll(Position()))
    outcomes = Counter()
    for record in records:
        if record.error is not None:
            outcomes["error"] += 1
            continue
        try:
            outcomes["events"] += len(c.normalise(record))
        except RecordError:
            outcomes["error"] += 1
    assert outcomes["events"] + outcomes["error"] >= len(records)

