"""Round trip: offers and a duplicate cluster in (topics -> read model) -> feeds out -> parsed by an independent library."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
import recurring_ical_events
from icalendar import Calendar

from connectors import Position, RecordError, load_connector
from hub.api.app import create_app
from hub.api.runtime import ApiRuntime
from hub.feeds import FeedSettings, sequence_of
from schemas import Duplicate, Offer, derived_id, entity_id, expand
from tests.api.helpers import Produce
from tests.integreat.fake import FakeIntegreat
from tests.support import wait_until

pytestmark = pytest.mark.kafka

FEED_TOKEN = "feed-secret-augsburg"
BERLIN = ZoneInfo("Europe/Berlin")
START, END = datetime(2026, 11, 2, tzinfo=BERLIN), datetime(2027, 8, 2, tzinfo=BERLIN)


@pytest.fixture
async def feeds(runtime: ApiRuntime) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(runtime)
    app.state.feed_settings = FeedSettings(token_sha256=[hashlib.sha256(FEED_TOKEN.encode()).hexdigest()],
                                           tag="Koordinate Augsburg")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api.test") as http:
        yield http


def integreat_offers(fake: FakeIntegreat, tmp_path: Path) -> list[Offer]:
    c = load_connector(fake.config(tmp_path))
    c.open()
    out = []
    for record in c.poll(Position()):
        try:
            out.extend(e for e in c.normalise(record) if isinstance(e, Offer))
        except RecordError:
            pass  # the unmapped category
    return out


def windows_of(calendar: Calendar) -> set[tuple[str, float, float]]:
    found = set()
    for event in recurring_ical_events.of(calendar).between(START, END):
        offer_id = str(event["UID"]).split("@")[0].rsplit("-", 1)[0]
        found.add((offer_id, event["DTSTART"].dt.timestamp(), event["DTEND"].dt.timestamp()))
    return found


async def test_feed_round_trip(feeds: httpx.AsyncClient, produce: Produce, integreat: FakeIntegreat,
                               tmp_path: Path) -> None:
    offers = {o.source_record_id: o for o in integreat_offers(integreat, tmp_path)}
    store = offers["poi/101"]
    # the same clothing store entered by its Verein in another system, with less detail
    copy_source = "urn:koordinate:source:caritas-kalender"
    copy = store.model_copy(update={"id": entity_id(copy_source, "kk-1"), "source": copy_source,
                                    "source_record_id": "kk-1", "location": None, "description": ""})
    cluster = Duplicate(id=derived_id("cluster", store.id), kind="same_offer",
                        offer_ids=sorted([store.id, copy.id]), score=0.93, status="suspected")
    course, advent = offers["event/201"], offers["event/202"]
    rejected = Duplicate(id=derived_id("cluster", course.id), kind="same_offer",
                         offer_ids=sorted([course.id, advent.id]), score=0.61, status="rejected")
    await produce("offers", *offers.values(), copy)
    await produce("duplicates", cluster, rejected)

    url = f"/feeds/offers.json?ags=09761000&token={FEED_TOKEN}"

    async def applied() -> bool:
        body = (await feeds.get(url)).json()
        return body["total"] == 6 and any(i["id"] == store.id for i in body["items"])

    await wait_until(applied, describe="offers and clusters in the read model")
    listed = (await feeds.get(url)).json()["items"]

    response = await feeds.get(f"/feeds/offers.ics?ags=09761000&token={FEED_TOKEN}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    vevents = list(calendar.walk("VEVENT"))
    uids = [str(e["UID"]) for e in vevents]
    assert len(uids) == len(set(uids))

    shown = {o.id: o for o in offers.values() if o.status == "active"}  # paused poi/103 leaves the feed
    assert copy.id not in {u.split("@")[0].rsplit("-", 1)[0] for u in uids}  # the cluster appears once
    assert {i["id"] for i in listed} == set(shown)  # the JSON feed is the same selection
    expected = {(o.id, i.start.timestamp(), i.end.timestamp())
                for o in shown.values() if o.schedule for i in expand(o.schedule, START, END)}
    assert windows_of(calendar) == expected and len(expected) > 100

    by_uid = {str(e["UID"]): e for e in vevents}
    first = by_uid[f"{store.id}-r1@koordinate"]
    assert [str(c) for c in first["CATEGORIES"].cats] == ["Kleidung", "Koordinate Augsburg"]
    assert str(first["RRULE"].to_ical().decode()) == "FREQ=WEEKLY;BYDAY=MO,WE"
    assert int(first["SEQUENCE"]) == sequence_of(store.revision) and first["GEO"].latitude == 48.3701
    assert str(first["LOCATION"]) == "Franziskanergasse 14, 86152 Augsburg"
    assert str(first["URL"]) == "https://caritas-augsburg.example.org"
    assert "0821" not in response.text and "@caritas" not in response.text  # no phone, no e-mail in feeds
    assert f"{advent.id}-w20261205T100000@koordinate" in by_uid  # a window is its own VEVENT

    # calendar clients poll cheaply
    again = await feeds.get(f"/feeds/offers.ics?ags=09761000&token={FEED_TOKEN}",
                            headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    since = await feeds.get(f"/feeds/offers.ics?ags=09761000&token={FEED_TOKEN}",
                            headers={"If-Modified-Since": response.headers["last-modified"]})
    assert since.status_code == 304

    clothing = Calendar.from_ical((await feeds.get(
        f"/feeds/offers.ics?category=clothing&token={FEED_TOKEN}&tag=Kleidung-Integreat")).content)
    assert {str(e["UID"]).split("-w")[0].split("-r")[0] for e in clothing.walk("VEVENT")} == {store.id, advent.id}
    assert all("Kleidung-Integreat" in [str(c) for c in e["CATEGORIES"].cats] for e in clothing.walk("VEVENT"))

    # a changed offer: new revision, new SEQUENCE, new ETag
    await produce("offers", store.model_copy(update={"revision": store.revision + 60_000_000, "title": "Kleiderkammer"}))

    async def bumped() -> bool:
        body = (await feeds.get(url)).json()
        return any(i["title"] == "Kleiderkammer" for i in body["items"])

    await wait_until(bumped, describe="the new revision")
    fresh = await feeds.get(f"/feeds/offers.ics?ags=09761000&token={FEED_TOKEN}",
                            headers={"If-None-Match": response.headers["etag"]})
    assert fresh.status_code == 200
    event = {str(e["UID"]): e for e in Calendar.from_ical(fresh.content).walk("VEVENT")}[f"{store.id}-r1@koordinate"]
    assert int(event["SEQUENCE"]) == int(first["SEQUENCE"]) + 60


async def test_feeds_need_a_feed_token(feeds: httpx.AsyncClient) -> None:
    assert (await feeds.get("/feeds/offers.ics")).status_code == 401
    assert (await feeds.get("/feeds/offers.ics?token=wrong")).status_code == 403
    assert (await feeds.get(f"/feeds/offers.json?token={FEED_TOKEN}&category=kleider")).status_code == 400
    assert (await feeds.get(f"/feeds/offers.json?token={FEED_TOKEN}&ags=123")).status_code == 422
    empty = await feeds.get(f"/feeds/offers.ics?token={FEED_TOKEN}")
    assert empty.status_code == 200 and Calendar.from_ical(empty.content).walk("VEVENT") == []
