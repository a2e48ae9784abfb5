"""HXL 3W sheets: the hashtag row anywhere in the first 25 rows, attribute matching, required tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors import Position, RecordError, load_connector
from connectors.hxl import HxlConnector, find_tag_row, match_columns, parse_tag
from schemas import Offer
from tests.connect.helpers import EXAMPLES, write_config

TAGS = "#org+name,#sector,#activity+name,#adm2+code,#adm3+name,#status,#targeted,#reached,#x_unbekannt"
ROW = "Lernpaten Plagwitz,Sprache und Bildung,Lesepatenschaften,14713000,Plagwitz,laufend,10,4,egal"


def hxl(tmp_path: Path, text: str, **config: object) -> HxlConnector:
    drop = tmp_path / "drop"
    drop.mkdir(exist_ok=True)
    (drop / "3w.csv").write_text(text, encoding="utf-8")
    c = load_connector(write_config(tmp_path / "h.yaml", name="h", kind="hxl", source="urn:x", path=str(drop), **config))
    assert isinstance(c, HxlConnector)
    return c


@pytest.mark.parametrize("above", [0, 1, 5, 24])
def test_tag_row_anywhere_in_the_first_25_rows(tmp_path: Path, above: int) -> None:
    c = hxl(tmp_path, "Titel der Tabelle,,\n" * above + TAGS + "\n" + ROW + "\n\n")
    [record] = list(c.poll(Position()))
    [offer] = c.normalise(record)
    assert isinstance(offer, Offer)
    assert (offer.organisation.name, offer.category, offer.area.districts, offer.status, offer.capacity) == (
        "Lernpaten Plagwitz", "language_education", ["Plagwitz"], "active", 10)


def test_tag_row_below_row_25_is_not_found(tmp_path: Path) -> None:
    c = hxl(tmp_path, "x,y\n" * 25 + TAGS + "\n" + ROW + "\n")
    [record] = list(c.poll(Position()))
    assert record.error is not None and "no HXL hashtag row" in str(record.error)


def test_missing_required_tag_is_named(tmp_path: Path) -> None:
    c = hxl(tmp_path, TAGS.replace("#sector", "#sektor") + "\n" + ROW + "\n")
    [record] = list(c.poll(Position()))
    assert isinstance(record.error, RecordError)
    assert record.error.field_path == "#sector" and "required HXL tag missing" in str(record.error)
    assert record.offset == {**record.offset, "row": 0, "rows": 0}  # the file counts as read: not retried


def test_tag_parsing_and_attribute_matching() -> None:
    assert parse_tag(" #Org +Name ") == ("org", frozenset({"name"}))
    assert parse_tag("Organisation") is None
    columns = match_columns(["#org+impl+name", "#org+name+funder", "#adm1+code"], ["#org+name", "#org+funder", "#adm2"])
    assert columns == {"#org+name": 0, "#org+funder": 1}
    assert find_tag_row([["Titel"], ["Organisation", "Sektor"], ["#org", "#sector", "Notiz"]]) == 2


def test_record_key_of_chosen_columns_is_stable_across_exports(tmp_path: Path) -> None:
    key = ["#org", "#sector", "#activity", "#adm3"]
    first = hxl(tmp_path, TAGS + "\n" + ROW + "\n", record_id=key)
    [a] = first.normalise(next(first.poll(Position())))
    second = hxl(tmp_path, "Neuer Titel,,\n" + TAGS + "\n" + ROW.replace(",10,4,", ",12,6,") + "\n", record_id=key)
    [b] = second.normalise(next(second.poll(Position())))
    assert a.id == b.id and b.capacity == 12 and a.source_record_id == (
        "Lernpaten Plagwitz | Sprache und Bildung | Lesepatenschaften | Plagwitz")


def test_default_record_key_is_the_whole_row(tmp_path: Path) -> None:
    # rows that the old fixed tags (org, sector, activity, district) could not tell apart
    c = hxl(tmp_path, TAGS + "\n" + ROW + "\n" + ROW.replace(",10,4,", ",12,6,") + "\n" + ROW + "\n")
    records = list(c.poll(Position()))
    assert [r.error.reason if r.error else None for r in records] == [
        "duplicate_record_key", None, "duplicate_record_key"]
    assert "3w.csv row 3" in str(records[0].error) and "3w.csv row 1" in str(records[2].error)
    [offer] = c.normalise(records[1])
    assert offer.source_record_id.startswith("row-") and offer.capacity == 12


def test_plain_org_tag_and_untagged_columns_by_header(tmp_path: Path) -> None:
    text = ("Organisation,Sektor,Projekt-Nr,Ort,Breite,Länge\n#org,#sector,,#loc+name,#geo+lat,#geo+lon\n"
            "Caritas,Bildung,P-17,Jugendzentrum Chorweiler,\"50,1374\",11.753\n")
    c = hxl(tmp_path, text, record_id="projekt-nr", defaults={"area.ags": "05315000"})
    [offer] = c.normalise(next(c.poll(Position())))
    assert (offer.organisation.name, offer.organisation.kind, offer.source_record_id) == ("Caritas", "initiative", "P-17")
    assert offer.location is not None and (offer.location.name, offer.location.lat, offer.location.lon) == (
        "Jugendzentrum Chorweiler", 50.1374, 11.753)


def test_attributes_narrow_and_exclude() -> None:
    tags = ["#org+code", "#org+impl", "#sector+code", "#sector+name"]
    assert match_columns(tags, ["#org", "#org-code", "#sector+name", "#sector-name"]) == {
        "#org": 0, "#org-code": 1, "#sector+name": 3, "#sector-name": 2}


def test_example_3w_sheet() -> None:
    c = load_connector(EXAMPLES / "ehrenamt-3w.yaml")
    offers = [e for r in c.poll(Position()) for e in c.normalise(r)]
    assert len(offers) == 9 and {o.area.ags for o in offers} == {"14713000"}  # type: ignore[union-attr]
