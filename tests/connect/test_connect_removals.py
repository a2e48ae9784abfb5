"""A row gone from a re-exported file ends its offer, after the grace period, never on a failed read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import connectors.files
from connectors import Position, SourceConnector, load_connector
from connectors.removals import Removal
from schemas import Offer, StatusUpdate, entity_id
from tests.connect.helpers import write_config

HEADER = "Nr;Angebot;Bereich;Träger\n"


def rows(*numbers: int) -> str:
    return HEADER + "".join(f"{n};Kurs {n};Sprache;Caritas\n" for n in numbers)


def connector(tmp_path: Path, **config: object) -> SourceConnector:  # type: ignore[type-arg]
    (tmp_path / "drop").mkdir(parents=True, exist_ok=True)
    return load_connector(write_config(
        tmp_path / "a.yaml", name="a", kind="csv", source="urn:x", path=str(tmp_path / "drop"), entity="offer",
        record_id="Nr", columns={"title": "Angebot", "category": "Bereich", "organisation.name": "Träger"},
        defaults={"area.ags": "09162000", "organisation.kind": "initiative"}, **config))


def read(c: SourceConnector, tmp_path: Path, text: str, position: Position) -> tuple[list, Position]:  # type: ignore[type-arg]
    file = tmp_path / "drop" / "angebote.csv"
    file.write_text(text, encoding="utf-8")
    records = list(c.poll(position))
    return [e for r in records for e in c.normalise(r)], position.advanced(records)


def test_row_gone_from_a_re_export_ends_its_offer(tmp_path: Path) -> None:
    c = connector(tmp_path)
    first, position = read(c, tmp_path, rows(1, 2, 3), Position())
    assert [type(e) for e in first] == [Offer] * 3
    second, position = read(c, tmp_path, rows(1, 3, 4), position)
    *offers, ended = second
    assert [o.source_record_id for o in offers] == ["1", "3", "4"] and isinstance(ended, StatusUpdate)
    assert (ended.entity_id, ended.new_status, ended.reason) == (entity_id("urn:x", "2"), "ended", "removed_from_source")
    assert ended.revision >= offers[0].revision
    third, _ = read(c, tmp_path, rows(1, 3, 4) + "\n", position)  # same rows, new content: nothing ends again
    assert not any(isinstance(e, StatusUpdate) for e in third)


def test_grace_period_and_a_row_that_comes_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [2_000_000_000 * 10**9]
    monkeypatch.setattr(connectors.files.time, "time_ns", lambda: now[0])
    c = connector(tmp_path, removal_grace_s=3600)
    _, position = read(c, tmp_path, rows(1, 2, 3), Position())
    events, position = read(c, tmp_path, rows(1, 3), position)
    assert not any(isinstance(e, StatusUpdate) for e in events)  # within the grace period
    events, position = read(c, tmp_path, rows(1, 2), position)  # 2 is back, 3 is gone now
    assert not any(isinstance(e, StatusUpdate) for e in events)
    now[0] += 3601 * 10**9
    records = list(c.poll(position))  # the file is unchanged: only the due removal comes
    [ended] = [e for r in records for e in c.normalise(r)]
    assert isinstance(ended, StatusUpdate) and ended.entity_id == entity_id("urn:x", "3")
    assert list(c.poll(position.advanced(records))) == []


def test_unreadable_re_export_ends_nothing(tmp_path: Path) -> None:
    c = connector(tmp_path, removal_grace_s=None)
    _, position = read(c, tmp_path, rows(1, 2), Position())
    events, _ = read(c, tmp_path, rows(1), position)
    assert not any(isinstance(e, StatusUpdate) for e in events)  # removals switched off
    c = connector(tmp_path / "x")
    _, position = read(c, tmp_path / "x", rows(1, 2), Position())
    (tmp_path / "x" / "drop" / "angebote.csv").write_bytes(b"")  # an empty export: no rows, no header
    records = list(c.poll(position))
    assert not any(isinstance(e, StatusUpdate) for r in records if r.error is None for e in c.normalise(r))


def test_removal_survives_an_interrupted_read(tmp_path: Path) -> None:
    c = connector(tmp_path)
    _, position = read(c, tmp_path, rows(1, 2, 3), Position())
    (tmp_path / "drop" / "angebote.csv").write_text(rows(1, 3), encoding="utf-8")
    records = list(c.poll(position))
    assert isinstance(records[-1].value, Removal)
    interrupted = position.advanced(records[:1])  # committed after the first row, then the process died
    resumed = list(c.poll(interrupted))
    events = [e for r in resumed for e in c.normalise(r)]
    assert [type(e).__name__ for e in events] == ["Offer", "StatusUpdate"]
    assert events[1].entity_id == entity_id("urn:x", "2")  # type: ignore[union-attr]
    assert list(c.poll(position.advanced(records))) == []  # after a complete read nothing is left to end


def test_json_list_missing_a_record_ends_it_and_duplicate_ids_are_caught(tmp_path: Path) -> None:
    listing = tmp_path / "liste.json"
    config = write_config(tmp_path / "j.yaml", name="j", kind="json_rest", source="urn:j", path=str(listing),
                          entity="need", record_id="nr", fields={"title": "titel", "category": "art"},
                          defaults={"area.ags": "14713000", "urgency": "normal"})
    c = load_connector(config)
    c.open()

    def poll(items: list[dict[str, str]], position: Position) -> tuple[list, Position]:  # type: ignore[type-arg]
        listing.write_text(json.dumps(items), encoding="utf-8")
        records = list(c.poll(position))
        return records, position.advanced(records)

    item = {"titel": "Lesepaten", "art": "Hausaufgabenhilfe"}
    _, position = poll([{"nr": "1", **item}, {"nr": "2", **item}], Position())
    records, position = poll([{"nr": "1", **item}, {"nr": "3", **item}, {"nr": "3", **item}], position)
    assert [r.error.reason if r.error else None for r in records[:3]] == [
        None, "duplicate_record_key", "duplicate_record_key"]
    [ended] = c.normalise(records[3])
    assert isinstance(ended, StatusUpdate) and (ended.entity_id, ended.new_status) == (entity_id("urn:j", "2"), "withdrawn")
    records, _ = poll([{"nr": "1", **item}, {"nr": "3", **item}, {"nr": "3", **item}], position)
    assert records == []  # unchanged list: nothing new, nothing ends again


def test_hsds_complete_listing_ends_the_offers_of_a_service_gone(tmp_path: Path) -> None:
    def service(sid: str, locations: list[str]) -> dict[str, object]:
        return {"id": sid, "name": "Beratung", "last_modified": "2026-11-01T10:00:00Z",
                "organization": {"id": "o", "name": "Caritas"},
                "service_at_locations": [{"id": loc, "location": {"id": loc, "name": loc}} for loc in locations]}

    folder = tmp_path / "hsds"
    folder.mkdir()
    config = write_config(tmp_path / "h.yaml", name="h", kind="hsds", source="urn:h", path=str(folder),
                          ags="09162000", complete_listing=True, category_map={"Beratung": "everyday_help"})
    c = load_connector(config)
    c.open()

    def poll(services: list[dict[str, object]], position: Position) -> tuple[list, Position]:  # type: ignore[type-arg]
        (folder / "services.json").write_text(json.dumps({"contents": services, "total_pages": 1}), encoding="utf-8")
        records = list(c.poll(position))
        return records, position.advanced(records)

    first, position = poll([service("s1", ["a", "b"]), service("s2", ["c"])], Position())
    assert len([e for r in first for e in c.normalise(r)]) == 3
    gone, position = poll([service("s1", ["a", "b"])], position)  # s2 gone, s1 unchanged
    [ended] = [e for r in gone for e in c.normalise(r)]
    assert isinstance(ended, StatusUpdate) and ended.entity_id == entity_id("urn:h", "s2@c")
    again, _ = poll([service("s1", ["a", "b"])], position)
    assert again == []
