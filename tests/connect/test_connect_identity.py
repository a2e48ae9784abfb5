"""Record keys from any columns, duplicate keys dead-lettered with both positions, decimal marks by file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from connectors import Position, load_connector
from connectors.cells import parse_coordinate, parse_number
from connectors.identity import key_from_parts
from connectors.mapping import FieldMapping, row_to_event
from hub.connect.outcome import normalise_record, outcome_counters
from schemas import Offer
from tests.connect.helpers import write_config

HEADER = ["Träger", "Angebot", "Bereich", "Ort", "Plätze", "Breite", "Länge"]


def offer_csv(tmp_path: Path, rows: list[list[str]], delimiter: str = ",", **config: object):  # type: ignore[no-untyped-def]
    drop = tmp_path / "drop"
    drop.mkdir(parents=True, exist_ok=True)
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\n").writerows([HEADER, *rows])
    (drop / "angebote.csv").write_text(text.getvalue(), encoding="utf-8")
    defaults = {"area.ags": "09162000", "organisation.kind": "initiative"}
    settings = {"name": "a", "kind": "csv", "source": "urn:x", "path": str(drop), "entity": "offer",
                "record_id": ["Träger", "Angebot", "Ort"],
                "columns": {"organisation.name": "Träger", "title": "Angebot", "category": "Bereich",
                            "location.city": "Ort", "capacity": "Plätze", "location.lat": "Breite",
                            "location.lon": "Länge"},
                "defaults": defaults} | config
    return load_connector(write_config(tmp_path / "a.yaml", **settings))


def test_duplicate_keys_are_dead_lettered_naming_both_positions(tmp_path: Path) -> None:
    rows = [["Caritas", "Deutschkurs", "Sprache", "Erding", "", "", ""],
            ["Caritas", "Deutschkurs", "Sprache", "Zorneding", "", "", ""],
            ["Caritas", "Deutschkurs", "Sprache", "Erding", "12", "", ""]]
    c = offer_csv(tmp_path, rows)
    outcomes = [normalise_record(c, r) for r in c.poll(Position())]
    counters = outcome_counters(outcomes)
    assert (counters.read, counters.produced, counters.dead_lettered, counters.duplicate_keys) == (3, 1, 0, 2)
    first, third = outcomes[0].failure, outcomes[2].failure
    assert first is not None and third is not None
    assert "duplicate_record_key" in str(outcomes[0].error) and "angebote.csv row 3" in str(outcomes[0].error)
    assert "angebote.csv row 1" in str(outcomes[2].error)
    assert dict(first.headers())["__koordinate.reason"] == b"duplicate_record_key"
    [offer] = outcomes[1].events
    assert offer.source_record_id == "Caritas | Deutschkurs | Zorneding"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text("ab|, ;\"", max_size=4), st.text("xy| ", min_size=1, max_size=4)),
                min_size=1, max_size=12, unique_by=lambda r: (r[0].strip(), r[1].strip())))
def test_n_distinct_rows_give_n_distinct_ids(tmp_path: Path, rows: list[tuple[str, str]]) -> None:
    # a two-column key of awkward text (separators, quotes, blanks): distinct rows never share an id
    rows = [r for r in rows if r[1].strip()]
    c = offer_csv(tmp_path, [[org, title, "Sprache", "", "", "", ""] for org, title in rows],
                  record_id=["Träger", "Angebot"], defaults={"area.ags": "09162000", "organisation.name": "X",
                                                             "organisation.kind": "initiative"})
    outcomes = [normalise_record(c, r) for r in c.poll(Position())]
    ids = {e.id for o in outcomes for e in o.events}
    assert len(ids) == len(rows) == sum(not o.failure for o in outcomes)


def test_key_parts_never_collide() -> None:
    assert key_from_parts(["a | b", "c"]) != key_from_parts(["a", "b | c"])
    assert key_from_parts(["a", "b"]) == "a | b" and key_from_parts(["x" * 300]).startswith("key-")


@pytest.mark.parametrize(("text", "decimal", "number"), [
    ("11.753", ".", 11.753), ("1.500", ",", 1500.0), ("1,500", ".", 1500.0), ("12,5", ",", 12.5),
    ("1.234,5", ",", 1234.5), ("12.5", ",", 12.5),
])
def test_numbers_follow_the_decimal_mark(text: str, decimal: str, number: float) -> None:
    assert parse_number(text, decimal) == number  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "number"), [("11.753", 11.753), ("48,1374", 48.1374), ("-10.5526", -10.5526)])
def test_coordinates_never_take_a_thousands_separator(text: str, number: float) -> None:
    assert parse_coordinate(text) == number
    assert parse_coordinate("1.234.5") == "1.234.5"


def test_real_export_shapes_comma_and_semicolon_files(tmp_path: Path) -> None:
    # "11.753" latitude in a comma file; "1.500" capacity and "48,1374" latitude in a semicolon file
    comma = offer_csv(tmp_path / "c", [["Caritas", "Kurs", "Sprache", "Erding", "15", "11.753", "48.1374"]])
    [a] = comma.normalise(next(comma.poll(Position())))
    semicolon = offer_csv(tmp_path / "s", [["Caritas", "Kurs", "Sprache", "Erding", "1.500", "48,1374", "11,753"]],
                          delimiter=";")
    [b] = semicolon.normalise(next(semicolon.poll(Position())))
    assert isinstance(a, Offer) and isinstance(b, Offer) and a.location and b.location
    assert (a.location.lat, a.location.lon, a.capacity) == (11.753, 48.1374, 15)
    assert (b.location.lat, b.location.lon, b.capacity) == (48.1374, 11.753, 1500)


def test_decimal_option_overrides_the_file(tmp_path: Path) -> None:
    # "1.500" with "." as the mark is one and a half: no whole number of places, dropped with a note
    c = offer_csv(tmp_path, [["Caritas", "Kurs", "Sprache", "Erding", "1.500", "", ""]], delimiter=";", decimal=".")
    outcome = normalise_record(c, next(c.poll(Position())))
    assert outcome.failure is not None and "capacity" in str(outcome.error)  # capacity is not optional to drop


def test_bad_optional_values_are_dropped_with_notes() -> None:
    mapping = FieldMapping(entity="offer", record_id="nr", columns={
        "title": "t", "category": "k", "organisation.name": "o", "location.postcode": "plz", "location.lat": "lat",
        "location.lon": "lon", "contact.email": "mail", "contact.phone": "tel", "contact.url": "web",
        "schedule.rrule": "rrule", "schedule.dtstart": "start", "schedule.duration_minutes": "min"},
        defaults={"area.ags": "09162000", "organisation.kind": "initiative"})
    row = {"nr": "7", "t": "Sprachcafé", "k": "Sprache", "o": "Helferkreis", "plz": "ABC 1234", "lat": "100",
           "lon": "11.5", "mail": "http://helferkreis.de/kontakt/", "tel": '"+49 89 123456"', "web": "www.helferkreis.de",
           "rrule": "FREQ=WEEKLY;BYWEEKNO=41", "start": "01.12.2026 18:00", "min": "90"}
    offer = row_to_event(mapping, "urn:x", row, 1)
    assert isinstance(offer, Offer) and offer.contact is not None
    assert (offer.contact.phone, offer.contact.url, offer.contact.email) == ("+49 89 123456", "https://www.helferkreis.de", None)
    assert offer.location is not None and (offer.location.postcode, offer.location.lat, offer.location.lon) == (None,) * 3
    assert offer.schedule is None
    assert sorted(n.field for n in offer.quality or ()) == [
        "contact.email", "location.lat", "location.lon", "location.postcode", "schedule.rules[0]"]
    assert all(n.code == "dropped_invalid" and n.reason for n in offer.quality or ())


def test_duplicates_are_found_across_a_resumed_read(tmp_path: Path) -> None:
    rows = [["Caritas", "Kurs", "Sprache", "Erding", "", "", ""], ["Diakonie", "Kurs", "Sprache", "Erding", "", "", ""],
            ["Caritas", "Kurs", "Sprache", "Erding", "", "", ""]]
    c = offer_csv(tmp_path, rows)
    records = list(c.poll(Position()))
    resumed = list(c.poll(Position().advanced(records[:2])))  # interrupted after row 2
    assert [r.offset["row"] for r in resumed] == [3]
    assert resumed[0].error is not None and resumed[0].error.reason == "duplicate_record_key"


def test_a_schedule_rule_that_never_occurs_is_dropped_with_a_note() -> None:
    mapping = FieldMapping(entity="offer", record_id="nr", columns={
        "title": "t", "category": "k", "organisation.name": "o", "schedule.rrule": "rrule", "schedule.dtstart": "start",
        "schedule.duration_minutes": "min"},
        defaults={"area.ags": "09162000", "organisation.kind": "initiative"})
    row = {"nr": "1", "t": "Treff", "k": "Sprache", "o": "Verein", "rrule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
           "start": "01.12.2026 18:00", "min": "60"}
    offer = row_to_event(mapping, "urn:x", row, 1)
    assert offer.schedule is None and [n.field for n in offer.quality or ()] == ["schedule.rules[0]"]
    assert "never occur" in (offer.quality or ())[0].reason


def test_xlsx_numbers_follow_the_decimal_option(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    book = Workbook()
    book.active.append(["Nr", "Angebot", "Bereich", "Träger", "Breite", "Plätze"])
    book.active.append(["1", "Kurs", "Sprache", "Caritas", 48.1374, "1.500"])
    book.save(drop / "a.xlsx")
    for decimal, capacity in ((None, 1500), (".", None)):
        settings = {"name": "x", "kind": "xlsx", "source": "urn:x", "path": str(drop), "entity": "offer",
                    "record_id": "Nr", "columns": {"title": "Angebot", "category": "Bereich", "organisation.name": "Träger",
                                                   "location.lat": "Breite", "location.lon": "Breite", "capacity": "Plätze"},
                    "defaults": {"area.ags": "09162000", "organisation.kind": "initiative"}}
        c = load_connector(write_config(tmp_path / "x.yaml", **settings, **({"decimal": decimal} if decimal else {})))
        outcome = normalise_record(c, next(c.poll(Position())))
        if capacity is None:  # "1.500" with "." as the mark is 1.5 places: refused, naming capacity
            assert outcome.failure is not None and "capacity" in str(outcome.error)
            continue
        [offer] = outcome.events
        assert offer.location.lat == 48.1374 and offer.capacity == capacity  # type: ignore[union-attr]
