"""iCalendar feeds of initiatives (a URL or a file): each VEVENT (by UID) becomes an offer with its schedule.

RRULE -> a RecurringSlot (rule text, DTSTART, duration); a one-off event or a moved occurrence
(RECURRENCE-ID) -> a window. Revision: LAST-MODIFIED in epoch microseconds, else SEQUENCE, else the
revision of the feed's content (like a file's); an edited event is a new revision of the same offer,
which is how schedule updates travel. EXDATEs and cancelled single occurrences are not carried yet.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, Literal

from icalendar import Calendar, Component
from pydantic import Field, model_validator

from connectors.base import ConfigPath, ConnectorConfig, Event, Position, SourceConnector, SourceRecord
from connectors.errors import RecordError, SourceUnavailable
from connectors.http import HttpClient
from connectors.lenient import validate_leniently
from schemas import Offer, entity_id, map_free_text
from schemas.parts import Contact, Organisation, ServiceArea

_POSTCODE_CITY = re.compile(r"^(?P<street>.*?),?\s*(?P<postcode>\d{5})\s+(?P<city>[^,]+)")


class IcalConfig(ConnectorConfig):
    kind: Literal["ical"]
    url: str | None = None
    path: ConfigPath | None = None
    organisation: Organisation
    area: ServiceArea
    districts_by_location: dict[str, str] = Field({}, description="LOCATION substring -> district served")
    category: str | None = Field(None, description="fixed category code; default: from CATEGORIES")
    category_map: dict[str, str] = {}
    contact: Contact | None = None
    languages: list[str] = []
    default_duration_minutes: int = Field(120, gt=0)

    @model_validator(mode="after")
    def _one_feed(self) -> IcalConfig:
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of 'url' and 'path'")
        return self


class IcalConnector(SourceConnector[IcalConfig]):
    """One calendar feed; the feed is re-read when its content changes (ETag / content hash)."""

    config_model = IcalConfig
    _http: HttpClient | None = None

    def open(self) -> None:
        self._http = HttpClient() if self.config.url else None

    def close(self) -> None:
        if self._http:
            self._http.close()

    def poll(self, position: Position) -> Iterator[SourceRecord]:
        partition = {"feed": self.config.url or self.config.path.name}  # type: ignore[union-attr]
        stored = position.offset_of(partition) or {}
        data, validators, seen_us = self._fetch(stored)
        if data is None:
            return  # 304: unchanged since the last read
        sha = hashlib.sha256(data).hexdigest()
        if stored.get("sha256") == sha:
            if stored["row"] >= stored["rows"]:
                return
            revision, start = stored["revision"], stored["row"]
        else:
            revision, start = max(seen_us, stored.get("revision", -1) + 1), 0
        base = {"sha256": sha, "revision": revision, **validators}
        try:
            events = _events_by_uid(data)
        except ValueError as exc:
            yield SourceRecord(partition, {**base, "row": 0, "rows": 0}, data[:512 * 1024],
                               error=RecordError.single("", f"not an iCalendar feed: {exc}"), remaining=0)
            return
        for number, components in enumerate(events[start:], start=start + 1):
            payload = b"".join(c.to_ical() for c in components)
            yield SourceRecord(partition, {**base, "row": number, "rows": len(events)}, payload, components,
                               remaining=len(events) - number)

    def _fetch(self, stored: dict[str, Any]) -> tuple[bytes | None, dict[str, str], int]:
        if self._http is not None:
            assert self.config.url
            fetched = self._http.get(self.config.url, validators=stored)
            return (None if fetched.not_modified else fetched.content), fetched.validators, time.time_ns() // 1000
        path = self.config.path
        assert path is not None
        try:
            return path.read_bytes(), {}, path.stat().st_mtime_ns // 1000
        except FileNotFoundError:
            raise SourceUnavailable(f"calendar file {path} does not exist") from None

    def normalise(self, record: SourceRecord) -> list[Event]:
        master, *moved = record.value
        uid = str(master.get("UID", "")).strip()
        if not uid or master.get("RECURRENCE-ID") is not None:
            raise RecordError.single("UID", "event has no UID (or only moved occurrences)")
        data = {
            "id": entity_id(self.config.source, uid), "source": self.config.source, "source_record_id": uid,
            "revision": _revision(master, record.offset["revision"]),
            "title": str(master.get("SUMMARY", "")).strip(), "description": str(master.get("DESCRIPTION", "")).strip(),
            "category": self._category(master), "organisation": self.config.organisation,
            "area": self._area(master), "location": _location(master), "schedule": self._schedule(master, moved),
            "languages": self.config.languages, "contact": self.config.contact,
            "status": "ended" if str(master.get("STATUS", "")).upper() == "CANCELLED" else "active",
            "occurred_at": _when(master, "LAST-MODIFIED") or _when(master, "DTSTAMP")
            or datetime.fromtimestamp(record.offset["revision"] / 1e6).astimezone(),
        }
        return [validate_leniently(Offer, data)]  # a bad optional value is dropped with a note

    def _category(self, event: Component) -> str:
        if self.config.category:
            return self.config.category
        for text in _categories(event):
            if code := self.config.category_map.get(text) or map_free_text(text):
                return code
        raise RecordError.single("CATEGORIES", "no category of the taxonomy found; set `category` or `category_map`",
                                 ", ".join(_categories(event))[:40])

    def _area(self, event: Component) -> ServiceArea:
        where = str(event.get("LOCATION", ""))
        found = [d for text, d in self.config.districts_by_location.items() if text.casefold() in where.casefold()]
        return ServiceArea(ags=self.config.area.ags, districts=found or self.config.area.districts)

    def _schedule(self, master: Component, moved: list[Component]) -> dict[str, Any]:
        start, minutes = _start_and_minutes(master, self.config.default_duration_minutes)
        windows = [_window(c, self.config.default_duration_minutes) for c in moved
                   if str(c.get("STATUS", "")).upper() != "CANCELLED"]
        rule = master.get("RRULE")
        if rule is None:
            return {"windows": [_window(master, self.config.default_duration_minutes), *windows]}
        slot = {"rrule": rule.to_ical().decode(), "dtstart": start, "duration_minutes": minutes}
        return {"rules": [slot], "windows": windows}


def _events_by_uid(data: bytes) -> list[list[Component]]:
    calendar = Calendar.from_ical(data)
    groups: dict[str, list[Component]] = {}
    for event in calendar.walk("VEVENT"):
        group = groups.setdefault(str(event.get("UID", "")), [])
        # the master (no RECURRENCE-ID) first, then its moved occurrences
        group.insert(0, event) if event.get("RECURRENCE-ID") is None else group.append(event)
    return list(groups.values())


def _categories(event: Component) -> list[str]:
    found = event.get("CATEGORIES")
    props = found if isinstance(found, list) else [found] if found is not None else []
    return [str(c).strip() for prop in props for c in getattr(prop, "cats", [prop])]


def _when(event: Component, name: str) -> datetime | None:
    value = event.get(name)
    return value.dt if value is not None and isinstance(value.dt, datetime) else None


def _revision(event: Component, feed_revision: int) -> int:
    if modified := _when(event, "LAST-MODIFIED"):
        return int(modified.timestamp() * 1_000_000)
    sequence = event.get("SEQUENCE")
    return int(sequence) if sequence is not None else feed_revision


def _start_and_minutes(event: Component, default: int) -> tuple[datetime, int]:
    start = event["DTSTART"].dt
    if not isinstance(start, datetime):  # all-day event
        start, default = datetime.combine(start, datetime.min.time()), 24 * 60
    if event.get("DTEND") is not None:
        end = event["DTEND"].dt
        end = end if isinstance(end, datetime) else datetime.combine(end, datetime.min.time())
        return start, max(1, int((end - start).total_seconds() // 60))
    if event.get("DURATION") is not None:
        return start, max(1, int(event["DURATION"].dt.total_seconds() // 60))
    return start, default


def _window(event: Component, default: int) -> dict[str, datetime]:
    start, minutes = _start_and_minutes(event, default)
    return {"start": start, "end": start + timedelta(minutes=minutes)}


def _location(event: Component) -> dict[str, str] | None:
    text = str(event.get("LOCATION", "")).strip()
    if not text:
        return None
    match = _POSTCODE_CITY.match(text)
    if not match:
        return {"street": text}
    return {"street": match["street"].strip(" ,") or None, "postcode": match["postcode"], "city": match["city"].strip()}



