"""When an offer takes place, and every way sources write it: RRULEs, German and English text, shorthand.

A `When` is the truth; the renderers below are the habits. German notation varies more than English
in practice ("dienstags 16:00–18:00 Uhr", "Di. 16-18 Uhr", "Di 16-18h", "jeden 2. Mittwoch"), so it
gets more forms.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DE_DAY = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
DE_DAYS = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags")
DE_ABBR = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
EN_DAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DE_MONTH = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember")
EN_MONTH = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December")
DE_NTH = {1: "ersten", 2: "zweiten", 3: "dritten", 4: "vierten", -1: "letzten"}
DE_NTH_NUM = {1: "1.", 2: "2.", 3: "3.", 4: "4.", -1: "letzten"}
EN_NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}

_STARTS = {
    "morning": (9 * 60, 9 * 60 + 30, 10 * 60, 10 * 60 + 30),
    "afternoon": (14 * 60, 14 * 60 + 30, 15 * 60, 15 * 60 + 30, 16 * 60, 16 * 60 + 30),
    "evening": (17 * 60 + 30, 18 * 60, 18 * 60 + 30, 19 * 60),
    "weekend": (10 * 60, 11 * 60, 14 * 60),
}


@dataclass(frozen=True)
class When:
    """The real schedule of one offer."""

    rhythm: str  # weekly | biweekly | monthly | appointment | once
    days: tuple[int, ...] = ()  # 0 = Monday
    start: int = 0  # minutes after midnight
    end: int = 0
    nth: int = 0  # monthly: which weekday of the month, -1 the last
    first: date | None = None  # first session (weekly, biweekly: fixes the fortnight) or the event day
    until: date | None = None  # last day of a course term
    by_appointment: bool = False  # office hours, and appointments outside them

    @property
    def minutes(self) -> int:
        return self.end - self.start


def _align(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth given weekday of a month; nth -1 is the last."""
    if nth > 0:
        return _align(date(year, month, 1), weekday) + timedelta(weeks=nth - 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def make_when(rhythm: str, slot: str, minutes: tuple[int, ...], season_start: date, rng: random.Random) -> When:
    """A plausible schedule for an activity of this rhythm, starting in the season of `season_start`."""
    length = rng.choice(minutes)
    # a day-long session (first-aid day, outing) starts in the morning whatever the usual slot
    start = rng.choice((9 * 60, 10 * 60)) if length >= 300 else rng.choice(_STARTS[slot])
    end = start + length
    weekdays = (5, 6) if slot == "weekend" else (0, 1, 2, 3, 4)
    if rhythm == "appointment":
        return When("appointment")
    if rhythm == "holiday":
        # a holiday programme: every weekday for two weeks, from a Monday
        first = _align(season_start, 0)
        return When("weekly", (0, 1, 2, 3, 4), 9 * 60, 15 * 60, 0, first, first + timedelta(days=11))
    if rhythm == "monthly":
        day = rng.choice(weekdays)
        nth = rng.choice((1, 2, 2, 3, -1))
        first = nth_weekday(season_start.year, season_start.month, day, nth)
        if first < season_start:
            month = season_start.month % 12 + 1
            first = nth_weekday(season_start.year + (month == 1), month, day, nth)
        return When("monthly", (day,), start, end, nth, first)
    if rhythm == "biweekly":
        day = rng.choice(weekdays)
        return When("biweekly", (day,), start, end, 0, _align(season_start, day))
    count = 2 if rhythm in ("hours", "course") and slot != "weekend" and rng.random() < 0.5 else 1
    if rhythm == "consult" and rng.random() < 0.35:
        count = 2
    days = tuple(sorted(rng.sample(weekdays, count)))
    first = min(_align(season_start, d) for d in days)
    if rhythm == "course":
        return When("weekly", days, start, end, 0, first, first + timedelta(weeks=rng.choice((10, 12, 14, 16))))
    return When("weekly", days, start, end, 0, first, None, rhythm == "consult")


def event_when(day: date, rng: random.Random) -> When:
    """A one-off event: an afternoon or an evening on one day."""
    start = rng.choice((11 * 60, 14 * 60, 15 * 60, 17 * 60, 18 * 60))
    return When("once", (day.weekday(),), start, start + rng.choice((120, 180, 240)), 0, day)


def outdated(when: When, rng: random.Random) -> When:
    """The schedule as it was before the last change: another hour or another weekday."""
    if when.rhythm in ("appointment", "once"):
        return when
    if rng.random() < 0.6 or when.rhythm == "monthly" or max(when.days) >= 5 or len(when.days) >= 3:
        shift = rng.choice((-60, -30, 30, 60))
        return replace(when, start=when.start + shift, end=when.end + shift)
    return moved(when, tuple(sorted({(d + rng.choice((-1, 1))) % 5 for d in when.days})))


def moved(when: When, days: tuple[int, ...]) -> When:
    """The same schedule on other weekdays; the first session is realigned so RRULE and start agree."""
    if when.first is None:
        return replace(when, days=days)
    if when.rhythm == "monthly":
        first = nth_weekday(when.first.year, when.first.month, days[0], when.nth)
        if first < when.first:
            month = when.first.month % 12 + 1
            first = nth_weekday(when.first.year + (month == 1), month, days[0], when.nth)
    else:
        first = min(_align(when.first, d) for d in days)
    return replace(when, days=days, first=first)


def occurrence_on_or_after(when: When, ref: date) -> date:
    """The first session on or after `ref`; keeps the fortnight and the month rule of the truth."""
    if when.first is None:
        return ref
    if when.rhythm == "once":
        return when.first
    if ref <= when.first:
        return when.first
    if when.rhythm == "monthly":
        year, month = ref.year, ref.month
        for _ in range(3):
            day = nth_weekday(year, month, when.days[0], when.nth)
            if day >= ref:
                return day
            year, month = year + (month == 12), month % 12 + 1
        return day
    step = 14 if when.rhythm == "biweekly" else 7
    weeks = ((ref - when.first).days + step - 1) // step
    base = when.first + timedelta(days=weeks * step)
    if step == 7 and len(when.days) > 1:
        # the earliest session day of that week on or after ref
        for offset in range(7):
            candidate = ref + timedelta(days=offset)
            if candidate.weekday() in when.days:
                return candidate
    return base


def at(day: date, minutes: int) -> datetime:
    return datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=BERLIN)


def iso(dt: datetime) -> str:
    return dt.isoformat()


# --- RRULE


def rrule_parts(when: When, habit: str, rng: random.Random) -> list[str]:
    """The RRULE line(s) of a schedule as one source writes them (several when it splits weekdays)."""
    codes = [CODES[d] for d in when.days]
    until = ""
    if when.until:
        u = datetime(when.until.year, when.until.month, when.until.day, 22, 0)
        until = f";UNTIL={u:%Y%m%dT%H%M%S}Z"
    elif habit == "year_end":
        until = ";UNTIL=20261231T225959Z"
    if when.rhythm == "monthly":
        if rng.random() < 0.5:
            body = [f"FREQ=MONTHLY;BYDAY={when.nth}{codes[0]}"]
        else:
            body = [f"FREQ=MONTHLY;BYDAY={codes[0]};BYSETPOS={when.nth}"]
    elif when.rhythm == "biweekly":
        body = [f"FREQ=WEEKLY;INTERVAL=2;BYDAY={codes[0]}"]
    elif habit == "split" and len(codes) > 1:
        body = [f"FREQ=WEEKLY;BYDAY={c}" for c in codes]
    else:
        body = [f"FREQ=WEEKLY;BYDAY={','.join(codes)}"]
    out = []
    for line in body:
        if habit == "wkst":
            line += ";WKST=MO"
        if habit == "interval" and "INTERVAL" not in line:
            line = line.replace("FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=1")
        line += until
        if habit == "prefix":
            line = "RRULE:" + line
        out.append(line)
    return out


def schedule_dict(when: When, ref: date, habit: str, rng: random.Random) -> dict[str, object] | None:
    """A contract schedule: RRULE rules with an aligned first start, or one window for an event."""
    if when.rhythm == "appointment":
        return None
    if when.rhythm == "once":
        assert when.first is not None
        return {"timezone": "Europe/Berlin", "rules": [],
                "windows": [{"start": iso(at(when.first, when.start)), "end": iso(at(when.first, when.end))}]}
    lines = rrule_parts(when, habit, rng)
    first = occurrence_on_or_after(when, ref)
    rules = []
    for i, line in enumerate(lines):
        day = first
        if len(lines) > 1:  # one rule per weekday: each starts on its own weekday
            day = _align(first, when.days[i])
        rules.append({"rrule": line, "dtstart": iso(at(day, when.start)), "duration_minutes": when.minutes})
    return {"timezone": "Europe/Berlin", "rules": rules, "windows": []}


# --- German text


def _hm(minutes: int, style: str) -> str:
    h, m = divmod(minutes, 60)
    if style == "colon":
        return f"{h}:{m:02d}"
    if style == "dot":
        return f"{h}.{m:02d}"
    return str(h) if m == 0 else f"{h}:{m:02d}"  # "hour": full hours bare


def _range_de(when: When, style: str) -> str:
    a, b = _hm(when.start, style), _hm(when.end, style)
    if style == "terse":
        return f"{_hm(when.start, 'hour')}-{_hm(when.end, 'hour')}h"
    if style == "von":
        return f"von {a} bis {b} Uhr"
    return f"{a}–{b} Uhr" if style == "colon" else f"{a}-{b} Uhr"


def _join_de(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def text_de(when: When, style: str) -> str:
    """German: style 'long' (dienstags 16:00–18:00 Uhr), 'abbr' (Di. 16-18 Uhr), 'terse' (Di 16-18h), 'prose'."""
    if when.rhythm == "appointment":
        return {"long": "Termine nach Vereinbarung", "abbr": "nach Vereinbarung", "terse": "n. V.",
                "prose": "Termine werden individuell vereinbart"}[style]
    if when.rhythm == "once":
        assert when.first is not None
        d = when.first
        if style == "terse":
            return f"{d:%d.%m.} {_range_de(when, 'terse')}"
        if style == "abbr":
            return f"{DE_ABBR[d.weekday()]}., {d.day}.{d.month}.{d.year}, {_range_de(when, 'hour')}"
        if style == "prose":
            return f"am {DE_DAY[d.weekday()]}, den {d.day}. {DE_MONTH[d.month - 1]} {d.year}, {_range_de(when, 'von')}"
        return f"{DE_DAY[d.weekday()]}, {d:%d.%m.%Y}, {_range_de(when, 'colon')}"
    day = when.days[0]
    if when.rhythm == "monthly":
        if style == "terse":
            text = f"jd. {DE_NTH_NUM[when.nth]} {DE_ABBR[day]} im Monat {_range_de(when, 'terse')}"
        elif style == "abbr":
            text = f"{DE_NTH_NUM[when.nth]} {DE_ABBR[day]}. im Monat, {_range_de(when, 'hour')}"
        elif style == "prose":
            nth = "jeden 2." if when.nth == 2 else f"jeden {DE_NTH[when.nth]}"
            text = f"{nth} {DE_DAY[day]} im Monat {_range_de(when, 'von')}"
        else:
            text = f"am {DE_NTH[when.nth]} {DE_DAY[day]} des Monats, {_range_de(when, 'colon')}"
    elif when.rhythm == "biweekly":
        text = {"terse": f"14-tägl. {DE_ABBR[day]} {_range_de(when, 'terse')}",
                "abbr": f"alle 2 Wochen {DE_ABBR[day]}. {_range_de(when, 'hour')}",
                "prose": f"jeden 2. {DE_DAY[day]} {_range_de(when, 'von')}",
                "long": f"14-täglich {DE_DAYS[day]}, {_range_de(when, 'colon')}"}[style]
    elif when.days == (0, 1, 2, 3, 4):
        text = {"terse": f"Mo-Fr {_range_de(when, 'terse')}", "abbr": f"Mo.–Fr. {_range_de(when, 'hour')}",
                "prose": f"immer montags bis freitags {_range_de(when, 'von')}",
                "long": f"montags bis freitags {_range_de(when, 'colon')}"}[style]
    else:
        if style == "terse":
            text = f"{'/'.join(DE_ABBR[d] for d in when.days)} {_range_de(when, 'terse')}"
        elif style == "abbr":
            text = f"{' + '.join(DE_ABBR[d] + '.' for d in when.days)} {_range_de(when, 'hour')}"
        elif style == "prose":
            days = _join_de([DE_DAYS[d] for d in when.days])
            text = f"immer {days} {_range_de(when, 'von')}"
        else:
            text = f"{_join_de([DE_DAYS[d] for d in when.days])} {_range_de(when, 'colon')}"
    if when.by_appointment:
        text += {"terse": " u. n. V.", "abbr": " u. nach Vereinb.", "prose": ", außerdem nach Vereinbarung",
                 "long": " sowie nach Vereinbarung"}[style]
    if when.until and when.first:
        f, u = when.first, when.until
        text += {"terse": f" ({f:%d.%m.}-{u:%d.%m.})", "abbr": f", {f:%d.%m.}–{u:%d.%m.%Y}",
                 "prose": f", vom {f.day}. {DE_MONTH[f.month - 1]} bis {u.day}. {DE_MONTH[u.month - 1]} {u.year}",
                 "long": f" (Kurszeitraum {f:%d.%m.%Y} bis {u:%d.%m.%Y})"}[style]
    return text


# --- English text


def _h12(minutes: int) -> tuple[str, str]:
    h, m = divmod(minutes, 60)
    suffix = "am" if h < 12 else "pm"
    h12 = h % 12 or 12
    return (str(h12) if m == 0 else f"{h12}:{m:02d}"), suffix


def _range_en(when: When, style: str) -> str:
    if style == "24h":
        return f"{_hm(when.start, 'colon')}–{_hm(when.end, 'colon')}"
    (a, sa), (b, sb) = _h12(when.start), _h12(when.end)
    if when.end == 12 * 60:
        return f"{a} {sa} – 12 noon"
    return f"{a}-{b} {sb}" if sa == sb else f"{a} {sa} – {b} {sb}"


def text_en(when: When, style: str) -> str:
    """English: style 'guide' (Tuesdays 4-6 pm), 'formal' (every Tuesday, 4-6 pm) or 'short' (Tue 16:00–18:00)."""
    rng_style = "24h" if style == "short" else "12h"
    if when.rhythm == "appointment":
        return {"guide": "by appointment", "formal": "appointments by arrangement", "short": "by appt."}[style]
    if when.rhythm == "once":
        assert when.first is not None
        d = when.first
        return f"{EN_DAY[d.weekday()]} {d.day} {EN_MONTH[d.month - 1]} {d.year}, {_range_en(when, rng_style)}"
    day = when.days[0]
    if when.rhythm == "monthly":
        text = f"{EN_NTH[when.nth]} {EN_DAY[day]} of the month, {_range_en(when, rng_style)}"
        if style == "formal":
            text = "every " + text
    elif when.rhythm == "biweekly":
        text = {"guide": f"every other {EN_DAY[day]}, {_range_en(when, rng_style)}",
                "formal": f"fortnightly on {EN_DAY[day]}s, {_range_en(when, rng_style)}",
                "short": f"{EN_ABBR[day]} (fortnightly) {_range_en(when, rng_style)}"}[style]
    elif when.days == (0, 1, 2, 3, 4):
        text = f"Mon–Fri {_range_en(when, rng_style)}" if style == "short" else \
            f"Monday to Friday, {_range_en(when, rng_style)}"
    else:
        if style == "short":
            text = f"{'/'.join(EN_ABBR[d] for d in when.days)} {_range_en(when, rng_style)}"
        elif style == "formal":
            text = f"every {' and '.join(EN_DAY[d] for d in when.days)}, {_range_en(when, rng_style)}"
        else:
            text = f"{' and '.join(EN_DAY[d] + 's' for d in when.days)} {_range_en(when, rng_style)}"
    if when.by_appointment:
        text += " and by appointment"
    if when.until and when.first:
        f, u = when.first, when.until
        text += f", {f.day} {EN_MONTH[f.month - 1]} to {u.day} {EN_MONTH[u.month - 1]} {u.year}"
    return text
