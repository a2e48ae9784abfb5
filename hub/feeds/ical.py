"""The iCalendar feed: one VEVENT per recurring slot (RRULE kept, not expanded) and per one-off window.

UIDs are stable: ``<offer id>-r<n>@koordinate`` for the n-th rule, ``<offer id>-w<start>@koordinate`` for
a window; SEQUENCE follows the offer's revision (`sequence_of`), DTSTAMP and LAST-MODIFIED its
``occurred_at``, so an unchanged offer writes the same bytes. CATEGORIES carry the taxonomy label and
the feed's tag (what Integreat's calendar import filters on).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from schemas import category

from hub.feeds.selection import sequence_of

PRODID = "-//Koordinate//Offer feed//DE"


def _location_text(location: dict[str, Any] | None) -> str | None:
    if not location:
        return None
    town = " ".join(p for p in (location.get("postcode"), location.get("city")) if p)
    text = ", ".join(p for p in (location.get("street"), town) if p)
    return text or None


def _common(event: Event, offer: dict[str, Any], tag: str, url: str) -> None:
    label = category(offer["category"]).label_de
    stamp = datetime.fromisoformat(offer["occurred_at"])
    event.add("summary", offer["title"])
    description = "\n\n".join(p for p in (offer.get("description"), offer["organisation"]["name"]) if p)
    event.add("description", description)
    event.add("categories", [label, tag])
    event.add("sequence", sequence_of(int(offer["revision"])))
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("url", url)
    if offer.get("status") == "full":
        event.add("comment", "ausgebucht / fully booked")
    location = offer.get("location")
    if text := _location_text(location):
        event.add("location", text)
    if location and location.get("lat") is not None and location.get("lon") is not None:
        event.add("geo", (float(location["lat"]), float(location["lon"])))


def events_of(offer: dict[str, Any], tag: str, url: str) -> list[Event]:
    """The VEVENTs of one offer; none when it has no schedule (nothing to put in a calendar)."""
    schedule = offer.get("schedule") or {}
    zone = ZoneInfo(schedule.get("timezone") or "Europe/Berlin")
    out = []
    for number, slot in enumerate(schedule.get("rules") or [], start=1):
        start = datetime.fromisoformat(slot["dtstart"]).astimezone(zone)
        event = Event()
        event.add("uid", f"{offer['id']}-r{number}@koordinate")
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=int(slot["duration_minutes"])))
        event.add("rrule", vRecur.from_ical(slot["rrule"].removeprefix("RRULE:")))
        _common(event, offer, tag, url)
        out.append(event)
    for window in schedule.get("windows") or []:
        start = datetime.fromisoformat(window["start"]).astimezone(zone)
        event = Event()
        event.add("uid", f"{offer['id']}-w{start:%Y%m%dT%H%M%S}@koordinate")
        event.add("dtstart", start)
        event.add("dtend", datetime.fromisoformat(window["end"]).astimezone(zone))
        _common(event, offer, tag, url)
        out.append(event)
    return out


def offer_url(offer: dict[str, Any], api_base: str) -> str:
    """The organisation's web page for the offer, else the offer in the read API."""
    return (offer.get("contact") or {}).get("url") or f"{api_base.rstrip('/')}/v1/offers/{offer['id']}"


def calendar_of(offers: Iterable[dict[str, Any]], *, tag: str, api_base: str, name: str) -> bytes:
    """The feed as iCalendar bytes, with the VTIMEZONEs its events use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for offer in offers:
        for event in events_of(offer, tag, offer_url(offer, api_base)):
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
