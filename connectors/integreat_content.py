"""What an Integreat item says, in the contract's terms: HTML content as text, contacts, opening hours, event times.

Contacts: the item's ``email``/``phone_number``/``website`` go into the offer's ``contact``; e-mail
addresses and phone numbers written into ``content`` are moved there too (when the field is still
free) and cut from the description, because an offer's free text must not carry them (privacy guard).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from schemas import Contact, RecurringSlot, Schedule, Window, find_contact_data

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # Integreat lists opening hours Monday first
MAX_DESCRIPTION = 5000

_BLOCKS = {"p", "br", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section"}
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(?:@|\s*[(\[]at[)\]]\s*)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)[1-9][\d ()/-]{5,22}\d|\(?0[1-9]\d{1,4}\)?[ /-]?\d[\d /-]{3,14}\d)")
_LABEL = re.compile(r"(?i)\b(?:e-?mail|mail|tel(?:efon)?|fon|phone|fax|handy|mobil|whatsapp)\b\.?\s*:?")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Paragraphs and list items as lines, entities decoded, tags and scripts dropped, spaces collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _valid(field: str, value: Any) -> str | None:
    if not value:
        return None
    try:
        return getattr(Contact(**{field: str(value).strip()}), field)  # type: ignore[no-any-return]
    except ValidationError:
        return None


def contacts_and_text(item: dict[str, Any]) -> tuple[dict[str, str] | None, str]:
    """The offer's contact and its description (content as text, contact data moved out of it)."""
    organisation = item.get("organization") or {}
    contact = {"email": _valid("email", item.get("email")), "phone": _valid("phone", item.get("phone_number")),
               "url": _valid("url", item.get("website")) or _valid("url", organisation.get("website"))
               or _valid("url", item.get("url"))}
    kept = []
    for line in html_to_text(str(item.get("content") or "")).splitlines():
        if find_contact_data(line):
            for found in _EMAIL.findall(line):
                email = re.sub(r"\s*[(\[]at[)\]]\s*", "@", found)
                contact["email"] = contact["email"] or _valid("email", email)
            for found in _PHONE.findall(line):
                contact["phone"] = contact["phone"] or _valid("phone", found.replace("(", "").replace(")", ""))
            line = _LABEL.sub("", _PHONE.sub("", _EMAIL.sub("", line)))
            line = " ".join(line.split()).strip(" ,;:-/|")
            if find_contact_data(line) or not re.search(r"\w\w", line):
                continue  # what is left is contact data the patterns missed, or only punctuation
        kept.append(line)
    text = "\n".join(kept)[:MAX_DESCRIPTION]
    found = {k: v for k, v in contact.items() if v}
    return (found or None), text


def _minutes(text: str) -> int:
    hours, minutes = str(text).split(":")[:2]
    value = int(hours) * 60 + int(minutes)
    if not 0 <= value <= 24 * 60:
        raise ValueError(f"{text!r} is no time of day")
    return value


def opening_hours_schedule(days: list[dict[str, Any]] | None, stated: datetime) -> Schedule | None:
    """Seven days of opening hours -> weekly rules in Europe/Berlin (days with equal hours share one rule).

    Closed days give nothing, ``allDay`` the whole day, each time slot its own rule (a split day gives
    two); the rules start in the week the hours were stated. None: no hours (``null`` or all closed).
    """
    if days is None:
        return None
    if not isinstance(days, list) or len(days) != 7:
        raise ValueError("opening_hours must list seven days, Monday first")
    spans: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, day in enumerate(days):
        if day.get("closed"):
            continue
        if day.get("allDay"):
            spans[(0, 24 * 60)].append(index)
            continue
        for slot in day.get("timeSlots") or []:
            start, end = _minutes(slot["start"]), _minutes(slot["end"])
            spans[(start, (end if end > start else end + 24 * 60) - start)].append(index)
    local = stated.astimezone(BERLIN).date()
    monday = local - timedelta(days=local.weekday())
    rules = []
    for (start, length), indexes in sorted(spans.items(), key=lambda kv: (min(kv[1]), kv[0])):
        first = monday + timedelta(days=min(indexes))
        rules.append(RecurringSlot(
            rrule="FREQ=WEEKLY;BYDAY=" + ",".join(WEEKDAYS[i] for i in sorted(indexes)),
            dtstart=datetime.combine(first, time(start // 60, start % 60), BERLIN), duration_minutes=length))
    return Schedule(rules=rules) if rules else None


def _local(value: str, zone: ZoneInfo) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed.astimezone(zone)


def rrule_line(text: str, zone: ZoneInfo) -> str:
    """The RRULE of Integreat's rule text (``DTSTART:…\\nRRULE:…`` or the bare rule), UNTIL in UTC."""
    lines = [line.strip() for line in text.replace("\\n", "\n").splitlines() if line.strip()]
    rules = [line.split(":", 1)[1] for line in lines if line.upper().startswith("RRULE:")]
    if not rules and len(lines) == 1 and "FREQ=" in lines[0].upper():
        rules = [lines[0]]
    if len(rules) != 1:
        raise ValueError(f"expected one RRULE in {text[:80]!r}")
    parts = []
    for part in rules[0].split(";"):
        name, _, value = part.partition("=")
        if name.upper() == "UNTIL" and not value.upper().endswith("Z"):
            # RFC 5545: with a zoned DTSTART, UNTIL is UTC; Integreat writes local wall-clock time
            until = (datetime.strptime(value, "%Y%m%dT%H%M%S") if "T" in value
                     else datetime.combine(date(int(value[:4]), int(value[4:6]), int(value[6:8])), time(23, 59, 59)))
            value = until.replace(tzinfo=zone).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        parts.append(f"{name.upper()}={value}")
    return ";".join(parts)


def event_schedule(item: dict[str, Any]) -> Schedule:
    """An event's start and end as a window, or with its recurrence rule as a recurring slot."""
    event = item["event"]
    zone_name = event.get("timezone") or "Europe/Berlin"
    zone = ZoneInfo(zone_name)
    start, end = _local(event["start"], zone), _local(event["end"], zone)
    if event.get("all_day"):
        start = datetime.combine(start.date(), time(0), zone)
        end = datetime.combine(end.date() + timedelta(days=1), time(0), zone)
    if end <= start:
        raise ValueError(f"end {event['end']} is not after start {event['start']}")
    rule = item.get("recurrence_rule") or event.get("recurrence_rule")
    if not rule:
        return Schedule(timezone=zone_name, windows=[Window(start=start, end=end)])
    minutes = int((end - start).total_seconds() // 60)
    return Schedule(timezone=zone_name, rules=[RecurringSlot(rrule=rrule_line(str(rule), zone), dtstart=start,
                                                             duration_minutes=minutes)])
