"""When a real offer takes place, and how that becomes RFC 5545 rules, windows and occurrences.

A real offer has one ``Timing``: recurring slots (weekly, fortnightly, monthly on the n-th weekday)
or a one-off window, plus whether it pauses in the school holidays. Sources render it as RRULEs
(in their own RRULE spelling), as single dated windows, or as text (see timing_text.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

BERLIN = ZoneInfo("Europe/Berlin")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Slot:
    days: tuple[int, ...]           # ISO weekdays, 1 = Monday
    start: tuple[int, int]
    end: tuple[int, int]
    every: int = 1                  # 2: fortnightly
    nth: int | None = None          # monthly on the n-th weekday (days has one day then)

    @property
    def minutes(self) -> int:
        return (self.end[0] * 60 + self.end[1]) - (self.start[0] * 60 + self.start[1])


@dataclass(frozen=True)
class Timing:
    slots: tuple[Slot, ...] = ()
    holidays_closed: bool = False
    since: date = date(2025, 9, 1)
    until: date | None = None
    window: tuple[datetime, datetime] | None = None   # a one-off event

    @property
    def is_event(self) -> bool:
        return self.window is not None


def berlin(d: date, hm: tuple[int, int]) -> datetime:
    return datetime(d.year, d.month, d.day, hm[0], hm[1], tzinfo=BERLIN)


def iso(dt: datetime) -> str:
    return dt.isoformat()


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    first = date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    day = first + timedelta(days=offset + 7 * (nth - 1))
    return day if day.month == month else None


def first_date(slot: Slot, since: date) -> date:
    """The first day on or after `since` the slot happens on."""
    if slot.nth:
        year, month = since.year, since.month
        while True:
            day = _nth_weekday(year, month, slot.days[0], slot.nth)
            if day and day >= since:
                return day
            month += 1
            if month == 13:
                year, month = year + 1, 1
    day = since
    while day.isoweekday() not in slot.days:
        day += timedelta(days=1)
    return day


def rrule_text(slot: Slot, until: date | None, rng: random.Random, style: str | None = None) -> str:
    """The slot as one RRULE line, in one of the spellings systems export."""
    style = style or rng.choice(("plain", "plain", "prefixed", "wkst", "reordered"))
    days = ",".join(BYDAY[d - 1] for d in slot.days)
    if slot.nth:
        if rng.random() < 0.5:
            parts = ["FREQ=MONTHLY", f"BYDAY={slot.nth}{days}"]
        else:
            parts = ["FREQ=MONTHLY", f"BYDAY={days}", f"BYSETPOS={slot.nth}"]
    else:
        parts = ["FREQ=WEEKLY", f"BYDAY={days}"]
        if slot.every > 1:
            parts.insert(1, f"INTERVAL={slot.every}")
    if until:
        end = datetime(until.year, until.month, until.day, 22, 59, 59)
        parts.append(f"UNTIL={end:%Y%m%dT%H%M%SZ}")
    if style == "wkst":
        parts.append("WKST=MO")
    if style == "reordered":
        parts = parts[1:] + parts[:1]
    text = ";".join(parts)
    return "RRULE:" + text if style == "prefixed" else text


def schedule_rules(timing: Timing, rng: random.Random, split_days: bool = False,
                   with_until: bool = True) -> dict:
    """A contract Schedule (as a dict) with one rule per slot, or per day when `split_days`."""
    style = rng.choice(("plain", "plain", "prefixed", "wkst", "reordered"))
    rules = []
    for slot in timing.slots:
        parts = [replace(slot, days=(d,)) for d in slot.days] if split_days and not slot.nth else [slot]
        for part in parts:
            start = first_date(part, timing.since)
            rules.append({
                "rrule": rrule_text(part, timing.until if with_until else None, rng, style),
                "dtstart": iso(berlin(start, part.start)),
                "duration_minutes": part.minutes,
            })
    return {"timezone": "Europe/Berlin", "rules": rules, "windows": []}


def schedule_window(timing: Timing) -> dict:
    assert timing.window
    start, end = timing.window
    return {"timezone": "Europe/Berlin", "rules": [], "windows": [{"start": iso(start), "end": iso(end)}]}


def occurrences(timing: Timing, after: datetime, count: int) -> list[tuple[datetime, datetime]]:
    """The next `count` meetings after `after` (what an event calendar posts as single dates)."""
    if timing.window:
        return [timing.window] if timing.window[0] > after else []
    found: list[tuple[datetime, datetime]] = []
    for slot in timing.slots:
        start = first_date(slot, timing.since)
        rule = rrule_text(slot, timing.until, random.Random(0), "plain")
        dtstart = datetime(start.year, start.month, start.day, slot.start[0], slot.start[1])
        naive_after = after.astimezone(BERLIN).replace(tzinfo=None)
        for occ in rrulestr(rule, dtstart=dtstart, ignoretz=True).xafter(naive_after, count=count):
            begin = occ.replace(tzinfo=BERLIN)
            found.append((begin, begin + timedelta(minutes=slot.minutes)))
    return sorted(found)[:count]


def shifted(timing: Timing, rng: random.Random) -> Timing:
    """An outdated version of the timing: an hour earlier or later, or another weekday, as old guides
    and stale records still show it."""
    if timing.window or not timing.slots:
        return timing
    slot = timing.slots[0]
    if rng.random() < 0.6:
        delta = rng.choice((-1, 1))
        new = replace(slot, start=(max(7, slot.start[0] + delta), slot.start[1]),
                      end=(min(22, slot.end[0] + delta), slot.end[1]))
        if new.minutes <= 0:
            new = replace(slot, start=(slot.start[0] + 1, slot.start[1]), end=(slot.end[0] + 1, slot.end[1]))
    else:
        day = slot.days[0] % 7 + 1 if slot.days[0] < 6 else 1
        new = replace(slot, days=(day,) + slot.days[1:] if day not in slot.days[1:] else (day,))
    return replace(timing, slots=(new,) + timing.slots[1:])
