"""When an offer or need takes place: RFC 5545 recurrence rules and one-off windows, expanded to intervals.

Recurrences are expanded in the schedule's local time zone, so an 18:00 Tuesday session stays at
18:00 wall-clock time across the DST switch. dateutil does the RRULE work; nothing is hand-written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Protocol, Self, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import DAILY, HOURLY, WEEKLY, rrule, rrulestr
from pydantic import Field, field_validator, model_validator

from schemas._base import ContractModel, field_error
from schemas._types import BerlinDateTime, as_berlin_if_naive

DEFAULT_LIMIT = 1000
"""At most this many occurrences per rule and range: a rule without COUNT or UNTIL stays finite."""


class _RuleParts(Protocol):
    """The parsed parts of a dateutil rrule that are read here; dateutil exposes no public accessor,
    and its type stubs leave the private attributes out."""

    _freq: int
    _bymonth: tuple[int, ...] | None
    _bymonthday: tuple[int, ...]
    _bynmonthday: tuple[int, ...]
    _dtstart: datetime
    _count: int | None
    _until: datetime | None
    _interval: int


def _parts(rule: rrule) -> _RuleParts:
    return cast(_RuleParts, rule)


@dataclass(frozen=True, order=True)
class Interval:
    """A concrete, tz-aware time span [start, end)."""

    start: datetime
    end: datetime


class RecurringSlot(ContractModel):
    """A recurring session: an RRULE (``FREQ=WEEKLY;BYDAY=TU``), its first start and its length."""

    rrule: str = Field(min_length=1, examples=["FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T230000Z"])
    dtstart: BerlinDateTime
    duration_minutes: int = Field(gt=0, le=7 * 24 * 60)

    @model_validator(mode="after")
    def _rule_parses(self) -> Self:
        problem = _rule_problem(self.rrule)
        if problem is not None:
            raise field_error("RecurringSlot", ("rrule",), *problem, self.rrule)
        return self


# Any zone-aware start reads a rule the same way (dtstart is a BerlinDateTime, always aware): whether
# a rule is valid depends on its text alone.
_REFERENCE_START = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@lru_cache(maxsize=4096)
def _rule_problem(text: str) -> tuple[str, str] | None:
    """Why an RRULE is refused (error code, message), or None. Cached by the text: every slot has its
    own first start, so `_parse`'s cache, keyed by it too, missed on validation, which then cost more
    than the rest of validating an offer."""
    try:
        rule = _parse(text, _REFERENCE_START)
    except (ValueError, TypeError) as exc:
        return ("rrule_syntax",
                f"not a valid RFC 5545 RRULE ({exc}); e.g. 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T230000Z'")
    # minute- and second-level rules are no plausible volunteer schedule, only a way to flood expansion
    if _parts(rule)._freq > HOURLY:  # noqa: SLF001 - dateutil exposes no public accessor
        return "rrule_frequency", "FREQ must be YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY"
    if not _can_occur(rule):
        return "rrule_empty", "the rule can never occur (BYMONTHDAY does not exist in any BYMONTH)"
    return None


def _can_occur(rule: rrule) -> bool:
    # dateutil searches up to the year 9999 for a first match of an impossible rule (seconds of
    # CPU per call); the one impossible shape plausible in practice is a day missing from every month
    parts = _parts(rule)
    months = parts._bymonth or range(1, 13)  # noqa: SLF001
    days = parts._bymonthday  # noqa: SLF001
    if not days:
        return True
    longest = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}
    return any(d <= longest.get(m, 31) for m in months for d in days) or bool(parts._bynmonthday)  # noqa: SLF001


class Window(ContractModel):
    """A one-off span of time, e.g. a donation drive on a Saturday."""

    start: BerlinDateTime
    end: BerlinDateTime

    @model_validator(mode="after")
    def _end_after_start(self) -> Self:
        if self.end <= self.start:
            raise field_error("Window", ("end",), "window_order", "end must be after start", self.end.isoformat())
        return self


class Schedule(ContractModel):
    """Recurring rules and/or one-off windows in one IANA time zone (default Europe/Berlin)."""

    timezone: str = "Europe/Berlin"
    rules: list[RecurringSlot] = Field(default_factory=list)
    windows: list[Window] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone name such as 'Europe/Berlin'") from None
        return value


def _parse(text: str, local_start: datetime) -> rrule:
    # cached: dateutil's parser costs more than the rest of validating an offer, and every offer of
    # a group repeats the same few rules (an rrule is not changed by iterating it). The zone is part
    # of the key: the same instant in another zone expands to other wall-clock times.
    return _parse_in_zone(text, local_start, local_start.tzinfo)


@lru_cache(maxsize=4096)
def _parse_in_zone(text: str, local_start: datetime, zone: object) -> rrule:
    text = text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:"):]
    if "\n" in text or ":" in text:
        raise ValueError("one RRULE line only (no DTSTART, RDATE or EXDATE)")
    if "COUNT=" in text.upper() and "UNTIL=" in text.upper():
        raise ValueError("COUNT and UNTIL must not both be given")
    try:
        rule = rrulestr(text, dtstart=local_start)
    except ValueError as exc:
        if "UNTIL" not in str(exc):
            raise
        # UNTIL written as local time (no Z): expand on naive wall-clock time instead
        rule = rrulestr(text, dtstart=local_start.replace(tzinfo=None))
    if not isinstance(rule, rrule):
        raise ValueError("one RRULE only")
    return rule


def _expand_rule(slot: RecurringSlot, zone: ZoneInfo, start: datetime, end: datetime, limit: int) -> list[Interval]:
    rule = _parse(slot.rrule, slot.dtstart.astimezone(zone))
    naive = _parts(rule)._dtstart.tzinfo is None  # noqa: SLF001
    duration = timedelta(minutes=slot.duration_minutes)

    def local(dt: datetime) -> datetime:
        dt = dt.astimezone(zone)
        return dt.replace(tzinfo=None) if naive else dt

    # an UNTIL at the range end keeps rules that never match from iterating to the year 9999
    lower, upper = local(start - duration), local(end)
    if _parts(rule)._count is None:  # noqa: SLF001
        until = _parts(rule)._until  # noqa: SLF001
        rule = rule.replace(until=upper if until is None else min(until, upper), dtstart=_start_near(rule, lower))
    out: list[Interval] = []
    for occurrence in rule.xafter(lower, inc=False):
        if occurrence >= upper or len(out) >= limit:
            break
        begin = occurrence.replace(tzinfo=zone) if naive else occurrence
        # the fixed-offset form is what models store; wall-clock arithmetic happened above
        out.append(Interval(as_berlin_if_naive(begin), as_berlin_if_naive(begin + duration)))
    return out


# Periods a rule's first start can move by without changing its occurrences: whole weeks or days
# (times the rule's INTERVAL) keep weekday, time of day and the INTERVAL's phase. Months and years are
# left alone: moving a start of the 31st by a month would change its day.
_WHOLE_PERIODS = {WEEKLY: timedelta(weeks=1), DAILY: timedelta(days=1)}


def _start_near(rule: rrule, lower: datetime) -> datetime:
    """The rule's first start, moved forward by whole periods to at most one period before `lower`.

    dateutil finds the occurrences after `lower` by walking every one from the first start: a weekly
    group that started years ago cost hundreds of steps per expansion, and coverage expands every
    offer of an area. Only for rules without COUNT (which counts from the first start); both
    datetimes are in the rule's zone (or both naive), so the arithmetic is on wall-clock time, as
    dateutil's."""
    parts = _parts(rule)
    period = _WHOLE_PERIODS.get(parts._freq)  # noqa: SLF001
    first = parts._dtstart  # noqa: SLF001
    if period is None or parts._count is not None or lower <= first:  # noqa: SLF001
        return first
    step = period * parts._interval  # noqa: SLF001
    return first + step * max(0, (lower - first) // step - 1)


def expand(schedule: Schedule, start: datetime, end: datetime, limit: int = DEFAULT_LIMIT) -> list[Interval]:
    """Every session of the schedule that overlaps [start, end), sorted; naive bounds are Berlin time.

    Sessions are returned whole (not clipped to the range). Each rule yields at most ``limit``
    occurrences, which keeps rules without COUNT or UNTIL finite.
    """
    start, end = as_berlin_if_naive(start), as_berlin_if_naive(end)
    zone = ZoneInfo(schedule.timezone)
    out: list[Interval] = []
    for slot in schedule.rules:
        out.extend(i for i in _expand_rule(slot, zone, start, end, limit) if i.end > start)
    out.extend(Interval(w.start, w.end) for w in schedule.windows if w.start < end and w.end > start)
    return sorted(out)


def overlaps(a: Schedule, b: Schedule, start: datetime, end: datetime, limit: int = DEFAULT_LIMIT) -> list[Interval]:
    """The spans inside [start, end) when both schedules are in session, merged and sorted."""
    start, end = as_berlin_if_naive(start), as_berlin_if_naive(end)
    left, right = expand(a, start, end, limit), expand(b, start, end, limit)
    found: list[Interval] = []
    i = j = 0
    while i < len(left) and j < len(right):
        lo = max(left[i].start, right[j].start, start)
        hi = min(left[i].end, right[j].end, end)
        if lo < hi:
            found.append(Interval(lo, hi))
        # advance whichever ends first; the other may still overlap the next one
        if left[i].end <= right[j].end:
            i += 1
        else:
            j += 1
    return _merge(sorted(found))


def schedules_overlap(a: Schedule, b: Schedule, start: datetime, end: datetime) -> bool:
    """Whether both schedules are in session at some moment inside [start, end)."""
    return bool(overlaps(a, b, start, end))


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for iv in intervals:
        if merged and iv.start <= merged[-1].end:
            merged[-1] = Interval(merged[-1].start, max(merged[-1].end, iv.end))
        else:
            merged.append(iv)
    return merged
