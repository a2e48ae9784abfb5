"""iCal feeds: RRULE to recurring slots, revisions from LAST-MODIFIED/SEQUENCE, file and URL (conditional GET)."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from connectors import Position, RecordError, load_connector
from connectors.ical import IcalConnector
from schemas import Offer, entity_id
from tests.connect.helpers import EXAMPLES, write_config

FEED = EXAMPLES / "kalender" / "willkommen-gruenau.ics"
SOURCE = "https://willkommen-gruenau.example.org/kalender.ics"


def offers_of(c: IcalConnector, position: Position | None = None) -> list[Offer]:
    return [e for r in c.poll(position or Position()) for e in c.normalise(r)]  # type: ignore[misc]


def test_example_calendar_becomes_offers_with_schedules() -> None:
    c = load_connector(EXAMPLES / "willkommen-gruenau.yaml")
    assert isinstance(c, IcalConnector)
    c.open()
    offers = {o.source_record_id.split("@")[0]: o for o in offers_of(c)}
    course = offers["deutschkurs-a1"]
    assert course.id == entity_id(SOURCE, "deutschkurs-a1@willkommen-gruenau.example.org")
    rule = course.schedule.rules[0]  # type: ignore[union-attr]
    assert rule.rrule == "FREQ=WEEKLY;BYDAY=MO,WE" and rule.duration_minutes == 90
    assert rule.dtstart.isoformat() == "2026-01-05T09:30:00+01:00"
    assert course.revision == 1794302100000000  # LAST-MODIFIED 2026-11-10T09:15Z in epoch microseconds
    assert course.category == "language_education" and course.location and course.location.postcode == "04209"
    cafe = offers["sprachcafe"]
    assert cafe.category == "language_education"  # via category_map
    assert [w.start.day for w in cafe.schedule.windows] == [21]  # type: ignore[union-attr]  # moved occurrence
    assert offers["spielgruppe"].area.districts == ["Grünau-Nord"]  # from LOCATION
    assert offers["fahrradwerkstatt"].revision == 1 and offers["fahrradwerkstatt"].schedule.rules[0].duration_minutes == 180  # type: ignore[union-attr]
    advent = offers["kleidertausch-advent"]
    assert advent.schedule.rules == [] and advent.schedule.windows[0].start.hour == 11  # type: ignore[union-attr]
    assert advent.category == "clothing"


def ical_config(tmp_path: Path, **feed: str) -> Path:
    return write_config(tmp_path / "i.yaml", name="i", kind="ical", source="urn:x", **feed,
                        organisation={"name": "Testinitiative", "kind": "initiative"}, area={"ags": "14713000"})


def test_event_without_a_taxonomy_category_is_a_record_error(tmp_path: Path) -> None:
    feed = tmp_path / "f.ics"
    feed.write_bytes(FEED.read_bytes().replace(b"CATEGORIES:Spielgruppe", b"CATEGORIES:Sonstiges"))
    c = load_connector(ical_config(tmp_path, path=str(feed)))
    errors = []
    for record in c.poll(Position()):
        try:
            c.normalise(record)
        except RecordError as exc:
            errors.append(exc)
    assert [e.field_path for e in errors] == ["CATEGORIES"] and "Sonstiges" in str(errors[0])


def test_broken_feed_is_one_read_error(tmp_path: Path) -> None:
    feed = tmp_path / "f.ics"
    feed.write_text("das ist kein Kalender")
    [record] = list(load_connector(ical_config(tmp_path, path=str(feed))).poll(Position()))
    assert record.error is not None and "not an iCalendar feed" in str(record.error)


def test_url_feed_uses_etag_and_skips_unchanged(tmp_path: Path, httpserver: HTTPServer) -> None:
    seen: list[str | None] = []

    def calendar(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(FEED.read_bytes(), headers={"ETag": '"v1"', "Content-Type": "text/calendar"})

    httpserver.expect_request("/kalender.ics").respond_with_handler(calendar)
    c = load_connector(ical_config(tmp_path, url=httpserver.url_for("/kalender.ics")))
    c.open()
    try:
        records = list(c.poll(Position()))
        assert len(records) == 5 and records[0].offset["etag"] == '"v1"'
        assert list(c.poll(Position().advanced(records))) == []
        assert seen == [None, '"v1"']
    finally:
        c.close()
