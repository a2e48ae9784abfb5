"""Weekly slots (weekday 0-6, start minute of day) from free text and from schedule rules.

"jeden Di 18-20 Uhr", "dienstags ab 18:00" and "Tue 6pm" all become (1, 1080).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType

from hub.engine.dedupe.normalise import WEEKDAY_TOKENS, fold

__all__ = [
    "MonthWeek",
    "Slot",
    "matching_slots",
    "month_day",
    "month_weeks_of_rule",
    "month_weeks_of_text",
    "other_weeks_of_month",
    "MONTHS",
    "parse_course_starts",
    "parse_dates",
    "parse_weekly_slots",
    "recurs",
    "says_weekly",
    "slot_similarity",
    "slots_of_rule",
    "slots_of_window",
]

Slot = tuple[int, int]
MonthWeek = tuple[int, int]  # (weekday 0-6, which one of the month: 1-5, -1 the last)

_MONTHS = {
    name: number
    for number, names in enumerate((
        ("januar", "jan", "january", "jaenner"), ("februar", "feb", "february"), ("maerz", "mar", "march", "mrz"),
        ("april", "apr"), ("mai", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
        ("august", "aug"), ("september", "sep", "sept"), ("oktober", "okt", "october", "oct"),
        ("november", "nov"), ("dezember", "dez", "december", "dec"),
    ), start=1)
    for name in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
MONTHS: Mapping[str, int] = MappingProxyType(_MONTHS)  # folded month names and their short forms -> 1..12
_TOKEN = re.compile(
    r"(?P<date>\d{1,2}\.\d{1,2}\.(?:\d{2,4})?|\d{3,}"  # dates and years are not times
    rf"|\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b)"  # nor is the day of "16 December"
    r"|(?P<time>(?P<hour>\d{1,2})(?:[:.](?P<minute>[0-5]\d)(?!\.?\d))?"
    r"(?:\s*(?P<unit>uhr|h\b|am\b|pm\b|a\.m\.|p\.m\.))?)"
    r"|(?P<word>[a-z]+)\.?"
    r"|(?P<dash>[-–])"
    r"|(?P<join>[,/&+])"
)
# Short forms that are also everyday words count as weekdays only right before a time,
# a range or a list ("So 10 Uhr", "Do-Fr"), or when written with a dot ("Do.").
_AMBIGUOUS_DAYS = frozenset({"so", "do"})
_JOINERS = frozenset({"und", "u", "sowie", "oder"})
_TIME_LEADS = frozenset({"ab", "um", "von", "zwischen", "at", "from"})
# A weekday followed by unrelated words is not a schedule ("Di" in a list of topics);
# after this many other words the pending weekdays are forgotten.
_MAX_GAP_WORDS = 4
# "Tuesday evenings 7-9", "donnerstags nachmittags 3-5": a bare hour below noon is in the afternoon
_LATER_HALF_WORDS = frozenset({"abends", "abend", "nachmittags", "nachmittag", "evening", "evenings",
                               "afternoon", "afternoons", "night", "nights"})
_RRULE_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def parse_weekly_slots(text: str | None) -> frozenset[Slot]:
    """Weekday/start-time pairs mentioned in free text; ranges give their start time."""
    slots: set[Slot] = set()
    days: list[int] = []
    gap = 0  # words since the last weekday or time
    day_range_open = time_range_open = False
    timed = False  # the pending weekdays already got a time: a new weekday starts a new group
    time_lead = False
    previous = ""
    bare_start: set[Slot] = set()  # slots just taken from a start time written without am/pm
    # a bare hour that only the end of its range makes a time: "Sat 2-4:30 pm", "2nd Tuesday of each
    # month, 5-8 pm", "Dienstag im Monat 18-20 Uhr"
    pending_start: int | None = None
    later_half = False  # the pending weekdays are said to be in the afternoon or evening
    folded = _month_written_out(fold(text), keep=False)
    for match in _TOKEN.finditer(folded):
        word, kind = match.group("word"), match.lastgroup
        if kind == "date":
            previous, pending_start = "word", None
            continue
        if word in WEEKDAY_TOKENS and _is_weekday(match, folded):
            day = WEEKDAY_TOKENS[word]
            if timed:
                days, timed, later_half = [], False, False
            if day_range_open and days:
                start = days[-1]
                days.extend((start + step) % 7 for step in range(1, (day - start) % 7 + 1))
            else:
                days.append(day)
            day_range_open, gap, previous, pending_start = False, 0, "day", None
        elif match.group("time") is not None and match.group("hour") is not None:
            if time_range_open:  # end of "18-20 Uhr": the start is what identifies a slot
                time_range_open, previous = False, "time"
                end_hour = int(match.group("hour"))
                if _unit(match) == "pm" and end_hour < 12:
                    # "6-8 pm", "2-4:30 pm": the start shares the end's afternoon
                    slots -= bare_start
                    slots.update((day, minute + 720 if minute // 60 <= end_hour else minute) for day, minute in bare_start)
                    if pending_start is not None and pending_start <= end_hour:
                        slots.update((day, (pending_start + 12) * 60) for day in days)
                elif pending_start is not None and (_unit(match) or match.group("minute")) and 6 <= pending_start <= 22:
                    slots.update((day, pending_start * 60) for day in days)
                bare_start, pending_start = set(), None
                gap = 0
                continue
            explicit = bool(_unit(match) or match.group("minute") or time_lead)
            # A bare number counts only right after the weekday or an earlier time ("Di 18", "Sa 10-11",
            # "Mo 10-12 und 14-16"); further on it is a house number ("Wo: Lessingstraße 7").
            minute = _minute_of(match, time_lead or later_half) if explicit or gap == 0 else None
            if minute is not None and later_half and not _unit(match) and 60 <= minute < 720:
                minute += 720
            bare_start, pending_start = set(), None
            if days and minute is not None:
                added = {(day, minute) for day in days}
                slots.update(added)
                timed = True
                if not _unit(match):
                    bare_start = added
            elif days and not explicit:
                pending_start = int(match.group("hour"))
            gap, previous, time_lead = 0, "time", False
        elif kind == "dash" or word in ("bis", "to", "till", "until"):
            day_range_open = previous == "day"
            time_range_open = previous == "time"
        elif kind == "join" or word in _JOINERS:
            continue
        else:
            # a word between a number and what follows ends any range ("14-tägig Sa 10-11")
            day_range_open = time_range_open = False
            pending_start = None
            time_lead = word in _TIME_LEADS
            later_half = later_half or word in _LATER_HALF_WORDS
            gap += 0 if time_lead or word in _LATER_HALF_WORDS else 1
            if gap > _MAX_GAP_WORDS:
                days, timed, later_half = [], False, False
            previous = "word"
    return frozenset(slots)


def _is_weekday(match: re.Match[str], folded: str) -> bool:
    if match.group("word") not in _AMBIGUOUS_DAYS or match.group(0).endswith("."):
        return True
    following = folded[match.end() :].lstrip()
    next_word = following.split(" ", 1)[0]
    return following[:1].isdigit() or following[:1] in {"-", "–", ",", "/", "&", "+"} or next_word in _TIME_LEADS


def _unit(match: re.Match[str]) -> str:
    return (match.group("unit") or "").replace(".", "")


def _minute_of(match: re.Match[str], time_lead: bool) -> int | None:
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    unit = (match.group("unit") or "").replace(".", "")
    if unit == "pm" and hour < 12:
        hour += 12
    elif unit == "am" and hour == 12:
        hour = 0
    # A bare number after a weekday is a time only if it looks like one ("Di 18", not "Di 3 Kurse").
    looks_like_time = bool(unit or match.group("minute") or time_lead or 6 <= hour <= 22)
    if not looks_like_time or hour > 23:
        return None
    return hour * 60 + minute


def _rule_parts(rrule: str) -> dict[str, str]:
    """An RRULE's parts by name ("FREQ=MONTHLY;BYDAY=1SU" -> {"FREQ": "MONTHLY", "BYDAY": "1SU"})."""
    return dict(part.split("=", 1) for part in rrule.removeprefix("RRULE:").upper().split(";") if "=" in part)


def slots_of_rule(rrule: str, dtstart: datetime | str | None) -> frozenset[Slot]:
    """Weekly slots of one RFC 5545 RRULE with its DTSTART (wall time, Europe/Berlin)."""
    start = datetime.fromisoformat(dtstart) if isinstance(dtstart, str) else dtstart
    parts = _rule_parts(rrule)
    if "BYDAY" in parts:
        days = {_RRULE_DAYS[day[-2:]] for day in parts["BYDAY"].split(",") if day[-2:] in _RRULE_DAYS}
    elif parts.get("FREQ") == "DAILY":
        days = set(range(7))
    elif start is not None:
        days = {start.weekday()}
    else:
        return frozenset()
    hours = [int(h) for h in parts["BYHOUR"].split(",")] if "BYHOUR" in parts else None
    minute = int(parts.get("BYMINUTE", "0").split(",")[0])
    if hours is None:
        if start is None:
            return frozenset()
        hours, minute = [start.hour], start.minute
    return frozenset((day, hour * 60 + minute) for day in days for hour in hours)


def slots_of_window(start: datetime | str) -> Slot:
    """A one-off window counts as the weekly slot it falls on."""
    moment = datetime.fromisoformat(start) if isinstance(start, str) else start
    return (moment.weekday(), moment.hour * 60 + moment.minute)


def matching_slots(a: Iterable[Slot], b: Iterable[Slot], tolerance_minutes: int) -> frozenset[Slot]:
    """Slots of `a` that have a slot in `b` on the same weekday within the tolerance."""
    b_slots = tuple(b)
    return frozenset(
        (day, minute)
        for day, minute in a
        if any(day == other_day and abs(minute - other) <= tolerance_minutes for other_day, other in b_slots)
    )


def slot_similarity(a: frozenset[Slot], b: frozenset[Slot], tolerance_minutes: int) -> float | None:
    """Overlap coefficient with tolerance: 1.0 if the smaller schedule lies inside the other."""
    if not a or not b:
        return None
    smaller, larger = (a, b) if len(a) <= len(b) else (b, a)
    return len(matching_slots(smaller, larger, tolerance_minutes)) / len(smaller)


_DATE = re.compile(
    rf"\b(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.(?:\d{{2,4}})?(?!\d)"  # 15.08. / 15.8.2026
    rf"|\b(?P<day2>[0-3]?\d)(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_NAMES})\b\.?"  # 15. August / 19 September
    rf"|\b(?P<month3>{_MONTH_NAMES})\.?\s+(?P<day3>[0-3]?\d)(?:st|nd|rd|th)?\b(?![.:]\d)"  # September 19
)


# Two dates joined as a period ("13.11.–05.02.2026", "vom 13. November bis 5. Februar", "16 December
# to 24 February"): the term of a course, not days of an event
_ONE_DATE = re.sub(r"\(\?P<\w+>", "(?:", _DATE.pattern)
_DATE_RANGE = re.compile(rf"(?:{_ONE_DATE})\s*(?:[-–—]|bis|to|until|till)\s*(?:{_ONE_DATE})")


# "ab 23.02.2026", "Kurs ab 22. Februar 2027", "from 14 September 2026", "starting 3 March 2026": when a
# course's term starts (with its year: a date without one may be any term's)
_COURSE_START = re.compile(rf"\b(?:ab|from|starting|start|beginn|kursbeginn|starts)\s*:?\s*(?:{_ONE_DATE})\s*(?:20\d\d)?")
_YEAR_AT_END = re.compile(r"(20\d\d)\s*$")


def parse_dates(text: str | None) -> frozenset[str]:
    """Calendar days ("MM-DD") named in free text: "am 15. August", "15.08.", "on September 19".

    Without a year: a listing says "am 5. September", and two listings of one event agree on the
    day whatever year the systems assume. A period ("13.11.–05.02.2026") or a course's start ("Kurs ab
    14.09.2026") names no event's days.
    """
    found: set[str] = set()
    for match in _DATE.finditer(_COURSE_START.sub(" ", _DATE_RANGE.sub(" ", fold(text)))):
        day_text = match.group("day") or match.group("day2") or match.group("day3")
        month, day = _month_of(match), int(day_text)
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.add(f"{month:02d}-{day:02d}")
    return frozenset(found)


def parse_course_starts(text: str) -> frozenset[tuple[int, int]]:
    """(year, month) of each term start a folded text names ("ab 23.02.2026" -> (2026, 2))."""
    starts: set[tuple[int, int]] = set()
    for found in _COURSE_START.finditer(text):
        year = _YEAR_AT_END.search(found.group(0))
        date = _DATE.search(found.group(0))
        if year is None or date is None:
            continue
        month = _month_of(date)
        if 1 <= month <= 12:
            starts.add((int(year.group(1)), month))
    return frozenset(starts)


def _month_of(date: re.Match[str]) -> int:
    """The month of a `_DATE` match, written as a number or a name."""
    month_text = date.group("month") or date.group("month2") or date.group("month3")
    return int(month_text) if month_text.isdigit() else _MONTHS[month_text]


def month_day(date: str) -> str:
    """"MM-DD" of an ISO date or of a month-day already ("2026-09-05" and "09-05" give "09-05")."""
    return date[-5:]


# "dienstags", "mittwochs", "on Tuesdays": a weekday said in the plural is every week's
_WEEKDAYS_IN_PLURAL = (r"(?:mon|diens|mittwoch|donners|frei|sams|sonn)tags|mittwochs|sonnabends"
                       r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days")
_RECURRING = re.compile(
    r"\b(?:jede[nrs]?|immer|woechentlich|taeglich|alle\s+(?:\d+|zwei|drei|vier)\s+(?:tage|wochen)|\d+-?taegig"
    rf"|monat\w*|every|each|weekly|daily|fortnightly|monthly|month|{_WEEKDAYS_IN_PLURAL})\b"
)


# Stricter: the text says the offer meets every week on a day ("Jeden Donnerstag: Fußball", "dienstags",
# "every Tuesday", "wöchentlich"); "jeder ist willkommen" or "wie immer" say nothing of the sort.
_WEEKDAY_NAMES = (r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
                  r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)")
_WEEKLY = re.compile(
    rf"\b(?:jede[nrs]?\s+{_WEEKDAY_NAMES}|every\s+{_WEEKDAY_NAMES}|woechentlich|weekly|{_WEEKDAYS_IN_PLURAL})\b"
)


def says_weekly(text: str | None) -> bool:
    """Whether a text says its offer meets every week ("Jeden Donnerstag", "dienstags", "every Tuesday")."""
    return bool(_WEEKLY.search(fold(text)))


def recurs(text: str | None) -> bool:
    """Whether a text says its offer comes again ("jeden Dienstag", "samstags", "every Tuesday",
    "14-tägig"), rather than naming one day ("Sa. 29.8.", "Saturday, 19 September")."""
    return bool(_RECURRING.search(fold(text)))


# Which weekday of the month: "am 1. und 3. Dienstag im Monat", "jeden ersten Samstag", "am letzten
# Freitag des Monats", "first Sunday of the month", "2nd Tuesday of each month". The second alone
# ("jeden zweiten Mittwoch", "every second Tuesday", "jeden 2. Mittwoch") usually means every other
# week, so it counts only where the month is named or another ordinal comes with it.
_ORDINAL_WORDS = {
    "erste": 1, "ersten": 1, "erster": 1, "zweite": 2, "zweiten": 2, "zweiter": 2, "dritte": 3, "dritten": 3,
    "dritter": 3, "vierte": 4, "vierten": 4, "vierter": 4, "letzte": -1, "letzten": -1, "letzter": -1,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1,
}
_ORDINAL = r"(?:[1-5]\.|[1-5](?:st|nd|rd|th)\b|" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r")"
_LONG_DAY_NAMES = "|".join(sorted((name for name in WEEKDAY_TOKENS if len(name) > 3), key=len, reverse=True))
_MONTH_WEEK = re.compile(
    rf"(?<![\d.])(?P<ordinals>{_ORDINAL}(?:\s*(?:,|und|u\.|&|\+|and|or|oder)\s*{_ORDINAL})*)\s+"
    rf"(?P<day>{_LONG_DAY_NAMES})\b(?P<month>(?:\s+(?:im|in|des|of|the|pro|per|a|each|every|jeden|jedes))*\s+(?:monat|monats|month))?"
)
# "2. Do im Monat": a weekday's short name counts with the month said after it
_SHORT_DAY_NAMES = "|".join(sorted((name for name in WEEKDAY_TOKENS if len(name) <= 3), key=len, reverse=True))
_SHORT_MONTH_WEEK = re.compile(
    rf"(?<![\d.])(?P<ordinals>{_ORDINAL}(?:\s*(?:,|und|u\.|&|\+|and|or|oder)\s*{_ORDINAL})*)\s*"
    rf"(?P<day>{_SHORT_DAY_NAMES})\b\.?(?P<month>(?:\s+(?:im|in|des|of|the|pro|per|a|each|every|jeden|jedes))*\s+(?:monat|monats|month))"
)
_ORDINAL_PART = re.compile(_ORDINAL)
_RRULE_ORDINAL_DAY = re.compile(r"^([+-]?[1-5])(MO|TU|WE|TH|FR|SA|SU)$")


def month_weeks_of_text(text: str | None) -> frozenset[MonthWeek]:
    """The weekdays of the month a text names ("1. und 3. Dienstag im Monat" -> (1, 1), (1, 3); a
    spreadsheet's "2.Do/Mon." -> (3, 2))."""
    found: set[MonthWeek] = set()
    folded = _month_written_out(fold(text))
    for match in (*_MONTH_WEEK.finditer(folded), *_SHORT_MONTH_WEEK.finditer(folded)):
        ordinals = [_ordinal(part) for part in _ORDINAL_PART.findall(match.group("ordinals"))]
        if ordinals == [2] and not match.group("month"):
            continue  # "jeden zweiten Mittwoch": every other week
        day = WEEKDAY_TOKENS[match.group("day")]
        found.update((day, ordinal) for ordinal in ordinals)
    return frozenset(found)


# "2.Do/Mon.", "1. Mi/Monat", "2. Do im Mon.": a spreadsheet's month, not a Monday
_MONTH_ABBREVIATED = re.compile(rf"(?<![\d.])({_ORDINAL}\s*[a-z]{{2,10}}\.?)\s*/\s*mon(?:at)?\b\.?|\b(im|pro|je)\s+mon\.")


def _month_written_out(folded: str, *, keep: bool = True) -> str:
    """The month of "2.Do/Mon." written out ("2.do. im monat"), or with `keep=False` left out ("2.do."),
    as the weekly times read it: words between a day and "18-21" make the hours no time of it. The day
    keeps a full stop, which marks "do" as Thursday rather than the word (`_is_weekday`)."""
    if "mon" not in folded:
        return folded
    month = " im monat" if keep else ""
    return _MONTH_ABBREVIATED.sub(
        lambda m: f"{m.group(1).rstrip('.')}.{month}" if m.group(1) else (f"{m.group(2)} monat" if keep else ""), folded)


def month_weeks_of_rule(rrule: str) -> frozenset[MonthWeek]:
    """The weekdays of the month of a monthly RRULE ("FREQ=MONTHLY;BYDAY=1SU", "BYDAY=SA;BYSETPOS=-1")."""
    parts = _rule_parts(rrule)
    if parts.get("FREQ") != "MONTHLY" or "BYDAY" not in parts:
        return frozenset()
    found: set[MonthWeek] = set()
    positions = [int(p) for p in parts.get("BYSETPOS", "").split(",") if p.strip().lstrip("+-").isdigit()]
    for day in parts["BYDAY"].split(","):
        if matched := _RRULE_ORDINAL_DAY.match(day.strip()):
            found.add((_RRULE_DAYS[matched.group(2)], _week_of_month(int(matched.group(1)))))
        elif day.strip() in _RRULE_DAYS:
            found.update((_RRULE_DAYS[day.strip()], _week_of_month(position)) for position in positions)
    return frozenset(found)


def other_weeks_of_month(a: frozenset[MonthWeek], b: frozenset[MonthWeek]) -> bool:
    """Both name which weekday of the month, on a weekday they share, and never the same one: the
    first and the third Sunday are two dates, two groups or two offers."""
    shared_days = {day for day, _ in a} & {day for day, _ in b}
    return any({n for d, n in a if d == day}.isdisjoint({n for d, n in b if d == day}) for day in shared_days)


def _ordinal(part: str) -> int:
    return int(part[0]) if part[0].isdigit() else _ORDINAL_WORDS[part]


def _week_of_month(position: int) -> int:
    return -1 if position < 0 else position
