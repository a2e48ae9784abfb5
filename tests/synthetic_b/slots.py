"""When a real offer takes place, and how sources write it: as an RRULE or as German/English text."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

BERLIN = ZoneInfo("Europe/Berlin")
CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_DE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
ABBR_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
DAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ABBR_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NTH_DE = {1: "ersten", 2: "zweiten", 3: "dritten", 4: "vierten", -1: "letzten"}
NTH_EN = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
MONTH_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember")
MONTH_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December")


@dataclass(frozen=True)
class Slot:
    """A session: weekly (every `interval` weeks) on `days`, monthly on the `nth` weekday, or once `on` a day."""

    freq: str  # WEEKLY | MONTHLY | ONCE
    days: tuple[int, ...]
    start: tuple[int, int]
    minutes: int
    interval: int = 1
    nth: int = 0
    on: date | None = None

    @property
    def end(self) -> tuple[int, int]:
        total = self.start[0] * 60 + self.start[1] + self.minutes
        return divmod(total, 60)


def make_slot(rng: random.Random, rhythm: str, hours: tuple[int, ...], minutes: int) -> Slot | None:
    """A plausible slot for a concept's rhythm; None for offers by appointment."""
    if rhythm == "appointment":
        return None
    start = (rng.choice(hours), 30 if rng.random() < 0.2 else 0)
    minutes = max(60, minutes + rng.choice((0, 0, 0, -30, 30)))
    weekday = rng.choice((0, 1, 2, 3, 4)) if rng.random() < 0.85 else 5
    if rhythm == "once":
        # one-off events mostly fall on a Saturday, some on a weekday evening
        day = date(2026, 3, 2) + timedelta(days=rng.randrange(0, 250))
        day += timedelta(days=(5 - day.weekday()) % 7 if rng.random() < 0.7 else 0)
        return Slot("ONCE", (day.weekday(),), start, minutes, on=day)
    if rhythm == "weekly":
        return Slot("WEEKLY", (weekday,), start, minutes)
    if rhythm == "biweekly":
        return Slot("WEEKLY", (weekday,), start, minutes, interval=2)
    if rhythm == "monthly":
        return Slot("MONTHLY", (weekday,), start, minutes, nth=rng.choice((1, 2, 3, 4, -1)))
    if rhythm == "weekend":
        return Slot("WEEKLY", (rng.choice((5, 5, 6)),), start, minutes)
    # office hours: two or three weekdays, same times
    days = tuple(sorted(rng.sample(range(5), rng.choice((2, 2, 3)))))
    return Slot("WEEKLY", days, start, minutes)


def other_day(slot: Slot, rng: random.Random) -> Slot:
    """The same session on a different weekday (a second group), or a one-off event on another date."""
    if slot.on is not None:
        day = slot.on + timedelta(weeks=rng.randint(4, 26))
        return replace(slot, on=day, days=(day.weekday(),))
    choices = [d for d in range(6) if d not in slot.days]
    day = rng.choice(choices)
    return replace(slot, days=(day,) if len(slot.days) == 1 else tuple(sorted({day, *slot.days[1:]})))


def rrule_text(slot: Slot, rng: random.Random) -> str:
    """The RRULE in one of the equivalent notations sources produce."""
    byday = ",".join(CODES[d] for d in slot.days)
    if slot.freq == "MONTHLY":
        if rng.random() < 0.3:
            rule = f"FREQ=MONTHLY;BYDAY={byday};BYSETPOS={slot.nth}"
        else:
            rule = f"FREQ=MONTHLY;BYDAY={slot.nth}{byday}"
    else:
        rule = f"FREQ=WEEKLY;BYDAY={byday}" if slot.interval == 1 else f"FREQ=WEEKLY;INTERVAL={slot.interval};BYDAY={byday}"
        if rng.random() < 0.15:
            rule = rule.replace("FREQ=WEEKLY;", "FREQ=WEEKLY;WKST=MO;")
    if rng.random() < 0.2:
        rule += ";UNTIL=20271231T225959Z"
    return rule


def session_start(slot: Slot, rule: str, anchor: datetime, skip: int) -> datetime:
    """The `skip`-th session from the offer's first one on or after `anchor`.

    Sources that listed the offer later give a later DTSTART, but always a real session, so a
    fortnightly rule keeps its week.
    """
    begin = anchor.replace(hour=slot.start[0], minute=slot.start[1], second=0, microsecond=0, tzinfo=None)
    base = rule.split(";UNTIL=")[0]
    found = None
    for i, found in enumerate(rrulestr(base, dtstart=begin)):
        if i >= skip:
            break
    assert found is not None
    return found.replace(tzinfo=BERLIN)


def _hm_de(hm: tuple[int, int], style: str) -> str:
    h, m = hm
    if style == "short":
        return f"{h}" if m == 0 else f"{h}.{m:02d}"
    if style == "dot":
        return f"{h}.{m:02d}"
    return f"{h}:{m:02d}"


def _time_de(slot: Slot, rng: random.Random) -> str:
    style = rng.choice(("short", "dot", "colon"))
    a, b = _hm_de(slot.start, style), _hm_de(slot.end, style)
    return rng.choice((f"{a}-{b} Uhr", f"{a} – {b} Uhr", f"von {a} bis {b} Uhr", f"ab {a} Uhr", f"{a}-{b}"))


def _hm_en(hm: tuple[int, int]) -> tuple[str, str]:
    h, m = hm
    half = "am" if h < 12 else "pm"
    h12 = h % 12 or 12
    return (f"{h12}" if m == 0 else f"{h12}:{m:02d}"), half


def _time_en(slot: Slot, rng: random.Random) -> str:
    (a, ah), (b, bh) = _hm_en(slot.start), _hm_en(slot.end)
    if rng.random() < 0.3:
        return f"{slot.start[0]:02d}:{slot.start[1]:02d}-{slot.end[0]:02d}:{slot.end[1]:02d}"
    if rng.random() < 0.15:
        return f"from {a} {ah}"
    return f"{a}-{b} {bh}" if ah == bh else f"{a} {ah}-{b} {bh}"


def window(slot: Slot) -> tuple[datetime, datetime]:
    """Start and end of a one-off event."""
    assert slot.on is not None
    start = datetime(slot.on.year, slot.on.month, slot.on.day, *slot.start, tzinfo=BERLIN)
    return start, start + timedelta(minutes=slot.minutes)


def text_de(slot: Slot | None, rng: random.Random) -> str:
    """The schedule as a German listing writes it ("Di. 18-20 Uhr", "jeden 2. Mittwoch im Monat")."""
    if slot is None:
        return rng.choice(("Termine nach Vereinbarung", "nach Absprache", "Termin bitte vorher vereinbaren"))
    time = _time_de(slot, rng)
    d = slot.days[0]
    if slot.on is not None:
        on = slot.on
        return rng.choice((f"am {DAY_DE[d]}, {on.day:02d}.{on.month:02d}.{on.year}, {time}",
                           f"{ABBR_DE[d]}. {on.day}.{on.month}., {time}",
                           f"am {on.day}. {MONTH_DE[on.month - 1]} {time}"))
    if slot.freq == "MONTHLY":
        return rng.choice((
            f"jeden {slot.nth if slot.nth > 0 else 'letzten'}{'.' if slot.nth > 0 else ''} {DAY_DE[d]} im Monat, {time}",
            f"am {NTH_DE[slot.nth]} {DAY_DE[d]} des Monats, {time}",
            f"einmal im Monat ({NTH_DE[slot.nth]} {DAY_DE[d]}), {time}",
        ))
    if slot.interval == 2:
        return rng.choice((f"alle 14 Tage {DAY_DE[d].lower()}s, {time}", f"14-tägig {ABBR_DE[d]} {time}",
                           f"jeden zweiten {DAY_DE[d]}, {time}"))
    if len(slot.days) > 1:
        abbrs = [ABBR_DE[x] for x in slot.days]
        advs = [DAY_DE[x].lower() + "s" for x in slot.days]
        return rng.choice((f"{' + '.join(abbrs)} {time}", f"{', '.join(advs[:-1])} und {advs[-1]} {time}",
                           f"Öffnungszeiten: {', '.join(abbrs)} {time}"))
    dot = rng.choice((".", ""))
    return rng.choice((f"{ABBR_DE[d]}{dot} {time}", f"{DAY_DE[d].lower()}s {time}", f"jeden {DAY_DE[d]} {time}",
                       f"immer {DAY_DE[d].lower()}s, {time}"))


def text_en(slot: Slot | None, rng: random.Random) -> str:
    """The schedule as an English listing writes it ("Tuesdays 6-8 pm", "every 2nd Wednesday")."""
    if slot is None:
        return rng.choice(("by appointment", "by arrangement", "please book an appointment"))
    time = _time_en(slot, rng)
    d = slot.days[0]
    if slot.on is not None:
        on = slot.on
        return rng.choice((f"{DAY_EN[d]} {on.day} {MONTH_EN[on.month - 1]}, {time}",
                           f"on {MONTH_EN[on.month - 1]} {on.day}, {time}", f"{ABBR_EN[d]} {on.day:02d}/{on.month:02d}, {time}"))
    if slot.freq == "MONTHLY":
        return rng.choice((f"every {NTH_EN[slot.nth]} {DAY_EN[d]} of the month, {time}",
                           f"{NTH_EN[slot.nth]} {DAY_EN[d]} of each month, {time}"))
    if slot.interval == 2:
        return rng.choice((f"every other {DAY_EN[d]}, {time}", f"fortnightly on {DAY_EN[d]}s, {time}"))
    if len(slot.days) > 1:
        names = [DAY_EN[x] + "s" for x in slot.days]
        return rng.choice((f"{', '.join(names[:-1])} and {names[-1]} {time}",
                           f"{'/'.join(ABBR_EN[x] for x in slot.days)} {time}"))
    return rng.choice((f"{DAY_EN[d]}s {time}", f"every {DAY_EN[d]}, {time}", f"{ABBR_EN[d]} {time}"))
