"""CSV and XLSX drop folders: encodings, delimiters, German dates and numbers, formulas, re-reads."""

from __future__ import annotations

import csv
import io
import os
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from connectors import Position, RecordError, load_connector
from connectors.cells import decode, formula_problem, parse_date, parse_number, sniff_dialect
from connectors.spreadsheet import CsvConnector
from schemas import Need, Offer, entity_id
from tests.connect.helpers import NEED_HEADER, need_config, need_row, write_config


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    text = buffer.getvalue()
    data = text.encode(encoding if encoding != "utf-8-sig" else "utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + data if encoding == "utf-8-sig" else data)
    return path


def connector(tmp_path: Path, folder: Path, **extra: object) -> CsvConnector:
    c = load_connector(need_config(tmp_path, folder, **extra))
    assert isinstance(c, CsvConnector)
    return c


def read_all(c: CsvConnector, position: Position | None = None) -> list[Need | Offer | RecordError]:
    out: list[Need | Offer | RecordError] = []
    for record in c.poll(position or Position()):
        try:
            out.extend(c.normalise(record) if record.error is None else [record.error])  # type: ignore[list-item]
        except RecordError as exc:
            out.append(exc)
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    rows = [NEED_HEADER, need_row("1", Ortsteil="Schönefeld-Abtnaundorf", Beschreibung="Begleitung, Jobcenter; Ämter")]
    write_csv(drop / "bedarfe.csv", rows, delimiter, encoding)
    [need] = read_all(connector(tmp_path, drop))
    assert isinstance(need, Need)
    assert need.area.district == "Schönefeld-Abtnaundorf"  # umlauts survive every encoding
    assert need.description == "Begleitung, Jobcenter; Ämter"
    assert need.category == "accompaniment_interpreting" and need.unit == "slots" and need.urgency == "high"


def test_decode_and_sniff() -> None:
    assert decode("Grünau".encode("cp1252")) == ("Grünau", "cp1252")
    assert decode(b"\xef\xbb\xbfGr\xc3\xbcnau") == ("Grünau", "utf-8")
    assert sniff_dialect("a;b;c\n1;2;3\n").delimiter == ";"
    assert sniff_dialect("a,b,c\n1,2,3\n").delimiter == ","


def test_german_dates_and_numbers() -> None:
    assert parse_date("01.12.2026") == datetime(2026, 12, 1)
    assert parse_date("1.12.26") == datetime(2026, 12, 1)
    assert parse_date("01.12.2026 18:30") == datetime(2026, 12, 1, 18, 30)
    assert parse_date("2026-12-01") == "2026-12-01"  # ISO passes through to pydantic
    assert parse_date("31.02.2026") == "31.02.2026"  # impossible: validation names it
    assert parse_number("51,3208") == pytest.approx(51.3208)
    assert parse_number("1.234,5") == pytest.approx(1234.5)
    assert parse_number("12.5") == pytest.approx(12.5)
    assert parse_number("zwölf") == "zwölf"


def test_dates_numbers_and_lists_reach_the_model(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_csv(drop / "b.csv", [NEED_HEADER, need_row("7", Ab="1.12.26", Anzahl="3,0")])
    [need] = read_all(connector(tmp_path, drop))
    assert isinstance(need, Need)
    assert need.needed_from is not None and need.needed_from.date().isoformat() == "2026-12-01"
    assert need.quantity == 3
    assert need.id == entity_id("urn:koordinate:source:test-sozialamt", "7")


def test_an_ags_a_spreadsheet_read_as_a_number_gets_its_leading_zero_back(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_csv(drop / "b.csv", [NEED_HEADER, need_row("7", AGS="6611000"), need_row("8", AGS="9564000"),
                               need_row("9", AGS="661100")])
    kassel, nuremberg, refused = read_all(connector(tmp_path, drop))
    assert isinstance(kassel, Need) and kassel.area.ags == "06611000"
    assert isinstance(nuremberg, Need) and nuremberg.area.ags == "09564000"
    assert isinstance(refused, RecordError) and "area.ags" in str(refused)  # six digits: no guess


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x.example.org";"klick")', "@SUM(A1)", "+cmd|' /C calc'!A0",
                                  "-2+3+cmd|' /C calc'!A0", "\t=1+1"])
def test_formula_cells_dead_letter_the_row(tmp_path: Path, cell: str) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_csv(drop / "b.csv", [NEED_HEADER, need_row("1", Bezeichnung=cell), need_row("2")])
    error, need = read_all(connector(tmp_path, drop))
    assert isinstance(error, RecordError) and isinstance(need, Need)
    assert error.field_path == "title" and "spreadsheet formula" in str(error) and "Bezeichnung" in str(error)


def test_numbers_and_phone_numbers_are_not_formulas() -> None:
    for value in ("+49 341 555 0101", "-12,5", "+3", "-(0341) 555"):
        assert formula_problem("c", value) is None
    assert formula_problem("c", "- bitte melden") is not None


def test_validation_problems_name_field_and_column(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    write_csv(drop / "b.csv", [NEED_HEADER, need_row("1", AGS="1471300"),
                               need_row("2", Beschreibung="Rückruf unter 0341 5550199"), need_row("", )])
    bad_ags, phone, no_id = read_all(connector(tmp_path, drop))
    assert isinstance(bad_ags, RecordError) and bad_ags.field_path == "area.ags" and "column 'AGS'" in str(bad_ags)
    assert isinstance(phone, RecordError) and phone.field_path == "description" and "5550199" not in str(phone)
    assert isinstance(no_id, RecordError) and no_id.field_path == "Nr"


def test_file_read_once_and_changed_file_reread_with_a_newer_revision(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    path = write_csv(drop / "b.csv", [NEED_HEADER, need_row("1"), need_row("2")])
    c = connector(tmp_path, drop)
    records = list(c.poll(Position()))
    assert [r.offset["row"] for r in records] == [1, 2] and records[-1].remaining == 0
    done = Position().advanced(records)
    assert list(c.poll(done)) == []  # unchanged: nothing to read
    resumed = list(c.poll(Position().advanced(records[:1])))  # stopped after row 1: only row 2 again
    assert [r.offset["row"] for r in resumed] == [2] and resumed[0].offset["revision"] == records[0].offset["revision"]
    write_csv(path, [NEED_HEADER, need_row("1"), need_row("2", Anzahl="5")])
    os.utime(path, ns=(1, 1))  # even a clock going backwards keeps revisions monotonic
    again = list(c.poll(done))
    assert len(again) == 2 and again[0].offset["revision"] == records[0].offset["revision"] + 1


def test_xlsx_cached_values_dates_and_formula_strings(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    book = Workbook()
    sheet = book.active
    sheet.append(["Nr", "Angebot", "Kategorie", "Träger", "AGS", "Breite", "Beginn", "Stand"])
    sheet.append(["A-1", "Sprachcafé Lindenau", "Sprachcafé", "Lindenauer Nachbarn", "14713000", 51.3394,
                  datetime(2026, 1, 6, 18, 0), datetime(2026, 11, 20)])
    sheet.append(["A-2", "@Zelle", "Sprachcafé", "X", "14713000", None, None, None])
    sheet.append([None] * 8)  # blank rows are layout
    book.save(drop / "angebote.xlsx")
    c = load_connector(write_config(
        tmp_path / "x.yaml", name="x", kind="xlsx", source="urn:x", path=str(drop), entity="offer", record_id="Nr",
        columns={"title": "Angebot", "category": "Kategorie", "organisation.name": "Träger", "area.ags": "AGS",
                 "location.lat": "Breite", "valid_from": "Beginn", "occurred_at": "Stand"},
        defaults={"organisation.kind": "initiative"}))
    records = list(c.poll(Position()))
    assert len(records) == 2
    offer = c.normalise(records[0])[0]
    assert isinstance(offer, Offer) and offer.location and offer.location.lat == pytest.approx(51.3394)
    assert offer.valid_from and offer.valid_from.hour == 18
    assert records[0].payload.decode().startswith('["A-1"')
    with pytest.raises(RecordError, match="formula"):
        c.normalise(records[1])


def test_unreadable_xlsx_is_one_read_error(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "kaputt.xlsx").write_bytes(b"not a zip")
    c = load_connector(write_config(tmp_path / "x.yaml", name="x", kind="xlsx", source="urn:x", path=str(drop),
                                    entity="offer", record_id="Nr", columns={"title": "T"}))
    [record] = list(c.poll(Position()))
    assert record.error is not None and "XLSX" in str(record.error) and record.payload == b"not a zip"
