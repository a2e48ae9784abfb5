"""The integreat connector against a fake API: mapping, schedules, languages, contacts, changes, politeness."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from connectors import ConfigError, Position, SourceUnavailable, load_connector
from connectors.integreat import IntegreatConnector
from connectors.integreat_content import html_to_text, rrule_line
from connectors.integreat_regions import ags_of_region
from schemas import Offer, StatusUpdate, entity_id
from tests.connect.helpers import read
from tests.integreat.fake import FIXTURES, FakeIntegreat

SOURCE = "https://integreat.app/augsburg"


def connector(fake: FakeIntegreat, tmp_path: Path, **changes: object) -> IntegreatConnector:
    c = load_connector(fake.config(tmp_path, **changes))
    assert isinstance(c, IntegreatConnector)
    c.open()
    return c


def by_key(events: list[object]) -> dict[str, Offer]:
    return {e.source_record_id: e for e in events if isinstance(e, Offer)}


def test_locations_and_events_become_offers(integreat: FakeIntegreat, tmp_path: Path) -> None:
    events, errors, _ = read(connector(integreat, tmp_path), Position())
    offers = by_key(events)
    assert sorted(offers) == ["event/201", "event/202", "event/203", "poi/101", "poi/102", "poi/103", "poi/105"]
    store = offers["poi/101"]
    # one offer for three languages; the key is the POI id, not the per-language translation id
    assert store.id == entity_id(SOURCE, "poi/101") and store.languages == ["de", "en", "ar"]
    assert store.title == "Kleiderkammer St. Max" and store.category == "clothing"  # taxonomy synonym
    assert store.area.ags == "09761000" and store.organisation.name == "Caritasverband Augsburg e.V."
    assert store.location and store.location.postcode == "86152" and store.location.lat == 48.3701
    # HTML stripped, entities decoded; phone and e-mail moved out of the text into the contact
    assert store.description == "Kostenlose Kleidung für Erwachsene & Kinder.\nWinterjacken\nSchuhe"
    assert store.contact and store.contact.phone == "0821 455 1234"
    assert store.contact.email == "kleiderkammer@caritas-augsburg.example.org"
    rules = [(r.rrule, r.dtstart.strftime("%a %H:%M"), r.duration_minutes) for r in store.schedule.rules]  # type: ignore[union-attr]
    # Monday split into two slots; Tuesday closed (no rule); Thursday all day; Wednesday shares Monday's morning
    assert rules == [("FREQ=WEEKLY;BYDAY=MO,WE", "Mon 09:00", 180), ("FREQ=WEEKLY;BYDAY=MO", "Mon 14:00", 180),
                     ("FREQ=WEEKLY;BYDAY=TH", "Thu 00:00", 1440)]
    assert store.revision == 1794298800000000  # the newest last_updated of its languages (ar, 09:20)
    assert offers["poi/102"].schedule is None and offers["poi/102"].category == "language_education"  # map by id
    assert offers["poi/103"].status == "paused" and offers["poi/103"].organisation.kind == "municipal"
    assert offers["poi/105"].category == "mobility"  # category unknown, the title names it
    course = offers["event/201"]
    slot = course.schedule.rules[0]  # type: ignore[union-attr]
    assert slot.rrule == "FREQ=WEEKLY;INTERVAL=1;WKST=MO;BYDAY=TU,TH;UNTIL=20270331T215959Z"
    assert slot.dtstart.isoformat() == "2026-11-03T18:00:00+01:00" and slot.duration_minutes == 90
    assert course.title == "Deutschkurs A1 für Anfängerinnen" and course.languages == ["de", "en"]
    advent = offers["event/202"].schedule.windows[0]  # type: ignore[union-attr]
    assert (advent.start.hour, advent.end.hour) == (10, 14)
    party = offers["event/203"]
    assert party.category == "leisure_sport" and party.location is None  # event_category; no venue
    day = party.schedule.windows[0]  # type: ignore[union-attr]
    assert (day.start.isoformat(), day.end.isoformat()) == ("2027-07-10T00:00:00+02:00", "2027-07-11T00:00:00+02:00")
    [unmapped] = errors
    assert unmapped.field_path == "category.name" and "Werkstätten und Treffpunkte" in str(unmapped)


def test_repolling_emits_only_changes_and_ends_vanished_items(integreat: FakeIntegreat, tmp_path: Path) -> None:
    c = connector(integreat, tmp_path)
    first, _, position = read(c, Position())
    again, errors, position = read(c, position)
    assert again == [] and errors == []

    integreat.item("de", "events", 202)["last_updated"] = "2026-11-20T10:00:00+01:00"
    integreat.item("de", "events", 202)["title"] = "Kleiderspenden-Ausgabe am 2. Advent"
    integreat.remove("locations", 105)
    changed, _, position = read(c, position)
    [edited] = [e for e in changed if isinstance(e, Offer)]
    [ended] = [e for e in changed if isinstance(e, StatusUpdate)]
    assert edited.source_record_id == "event/202" and edited.revision > by_key(first)["event/202"].revision
    assert ended.entity_id == entity_id(SOURCE, "poi/105") and ended.new_status == "ended"
    assert read(c, position)[0] == []  # the end is said once

    # it comes back (same last_updated as before): a new revision, newer than the end
    integreat.lists[("de", "locations")].append(_poi_105())
    back, _, _ = read(c, position)
    assert [e.source_record_id for e in back] == ["poi/105"] and back[0].revision > ended.revision  # type: ignore[attr-defined]


def _poi_105() -> dict[str, object]:
    items = json.loads((FIXTURES / "augsburg-de-locations.json").read_text(encoding="utf-8"))
    return next(i for i in items if i["location"]["id"] == 105)


def test_a_translation_added_is_a_change(integreat: FakeIntegreat, tmp_path: Path) -> None:
    c = connector(integreat, tmp_path)
    _, _, position = read(c, Position())
    integreat.lists[("en", "locations")] = [i for i in integreat.lists[("en", "locations")] if i["location"]["id"] != 102]
    changed, _, _ = read(c, position)
    assert [(e.source_record_id, e.languages) for e in changed] == [("poi/102", ["de"])]  # type: ignore[attr-defined]


def test_politeness_one_request_per_list_and_language_with_the_development_header(
        integreat: FakeIntegreat, tmp_path: Path) -> None:
    read(connector(integreat, tmp_path), Position())
    seen = sorted(r.full_path for r in integreat.requests)
    assert len(seen) == 6 and len(set(seen)) == 6  # 2 lists x 3 languages, once each
    assert "/api/v3/augsburg/de/events/?combine_recurring=True" in seen
    assert all(r.headers.get("X-Integreat-Development") == "true" for r in integreat.requests)
    assert all(r.headers.get("User-Agent", "").startswith("koordinate-connect/") for r in integreat.requests)


def test_an_empty_answer_does_not_end_every_offer(integreat: FakeIntegreat, tmp_path: Path) -> None:
    c = connector(integreat, tmp_path, lists=["events"])
    _, _, position = read(c, Position())
    for language in ("de", "en", "ar"):
        integreat.lists[(language, "events")] = []
    with pytest.raises(SourceUnavailable, match="returned no items"):
        read(c, position)


def test_region_lookup_and_its_override(integreat: FakeIntegreat, tmp_path: Path) -> None:
    assert ags_of_region("augsburg") == "09761000" and ags_of_region("Landeshauptstadt München") == "09162000"
    assert ags_of_region("atlantis") is None
    with pytest.raises(ConfigError, match="not in the AGS lookup"):
        load_connector(integreat.config(tmp_path, region="atlantis"))
    c = connector(integreat, tmp_path, region="augsburg", ags="09772125")
    assert c.ags == "09772125"
    with pytest.raises(ConfigError, match="not taxonomy codes: kleider"):
        load_connector(integreat.config(tmp_path, category_map={"Kleiderkammer": "kleider"}))


def test_rule_text_and_html_helpers() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert rrule_line("FREQ=WEEKLY;BYDAY=MO", berlin) == "FREQ=WEEKLY;BYDAY=MO"
    assert rrule_line("RRULE:FREQ=MONTHLY;BYDAY=1SA;UNTIL=20270101", berlin) == \
        "FREQ=MONTHLY;BYDAY=1SA;UNTIL=20270101T225959Z"
    assert rrule_line("DTSTART:20261103T180000\nRRULE:FREQ=DAILY;UNTIL=20260705T180000Z", berlin) == \
        "FREQ=DAILY;UNTIL=20260705T180000Z"
    with pytest.raises(ValueError):
        rrule_line("DTSTART:20261103T180000", berlin)
    html = "<h2>Angebot</h2><p>Hilfe&nbsp;beim <b>Ausfüllen</b></p><script>x()</script><ul><li>A</li><li>B</li></ul>"
    assert html_to_text(html) == "Angebot\nHilfe beim Ausfüllen\nA\nB"
