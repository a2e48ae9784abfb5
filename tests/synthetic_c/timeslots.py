"""When offers take place: slots, their RRULE form and how people write them in German and English."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
RR_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DE_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
DE_SHORT = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
ORDINAL_DE = {1: "ersten", 2: "zweiten", 3: "dritten", 4: "vierten"}
ORDINAL_EN = {1: "first", 2: "second", 3: "third", 4: "fourth"}


@dataclass(frozen=True)
class Slot:
    days: tuple[int, ...] = ()
    hour: int = 16
    minute: int = 0
    dur: int = 120
    interval: int = 1
    nth: int | None = None  # monthly: the nth weekday of the month
    appointment: bool = False

    @property
    def end(self) -> tuple[int, int]:
        total = self.hour * 60 + self.minute + self.dur
        return divmod(total, 60)


MORNING = [(9, 0), (9, 30), (10, 0), (10, 0), (10, 30)]
AFTERNOON = [(14, 0), (14, 30), (15, 0), (15, 30), (16, 0), (16, 0), (16, 30), (17, 0)]
EVENING = [(17, 30), (18, 0), (18, 0), (18, 30), (19, 0)]


def random_slot(rng: random.Random, rhythm: str, dur: int, children: bool = False) -> Slot:
    if rhythm == "appointment":
        return Slot(appointment=True, dur=dur)
    pool = AFTERNOON if children else rng.choice([MORNING, AFTERNOON, AFTERNOON, EVENING])
    hour, minute = rng.choice(pool)
    dur = min(dur, (21 - hour) * 60)
    if rhythm == "twice":
        days = rng.choice([(0, 2), (1, 3), (0, 3), (2, 4)])
        return Slot(days, hour, minute, dur)
    if rhythm == "course":
        return Slot(rng.choice([(0, 2), (1, 3)]), *rng.choice([(9, 0), (18, 0), (9, 30)]), dur)
    if rhythm == "office":
        days = rng.choice([(1,), (3,), (0, 3), (1, 3), (2,)])
        hour, minute = rng.choice([(9, 0), (10, 0), (14, 0), (13, 30)])
        return Slot(days, hour, minute, dur)
    if rhythm == "biweekly":
        return Slot((rng.choice([4, 5]),), hour, minute, dur, interval=2)
    if rhythm == "monthly":
        day = rng.choice([4, 5, 5, 6])
        return Slot((day,), *rng.choice([(10, 0), (14, 0), (15, 0), (17, 0)]), dur, nth=rng.randint(1, 4))
    days = (rng.choice([0, 1, 2, 3, 4, 4, 5]),)
    if rng.random() < 0.15:  # a weekly thing that someone turned into every other week
        return Slot(days, hour, minute, dur, interval=2)
    return Slot(days, hour, minute, dur)


def other_slot(rng: random.Random, slot: Slot, change: str | None = None) -> Slot:
    """A slot that differs from ``slot`` by its day or its time (an old timetable, a second group)."""
    if slot.appointment:
        return Slot((rng.randint(0, 4),), 10, 0, slot.dur)
    change = change or rng.choice(["day", "time", "time"])
    if change == "day":
        shift = rng.choice([1, 2, -1])
        return replace(slot, days=tuple(sorted({(d + shift) % 6 for d in slot.days})))
    delta = rng.choice([-120, -60, -30, 60, 90, 120])
    total = max(8 * 60, min(19 * 60, slot.hour * 60 + slot.minute + delta))
    if total == slot.hour * 60 + slot.minute:
        total += 60
    return replace(slot, hour=total // 60, minute=total % 60)


def rrule(slot: Slot, until: datetime | None = None, style: int = 0) -> str:
    days = ",".join(RR_DAYS[d] for d in slot.days)
    if slot.nth:
        parts = ["FREQ=MONTHLY", f"BYDAY={slot.nth}{days}"] if style != 2 else \
            ["FREQ=MONTHLY", f"BYDAY={days}", f"BYSETPOS={slot.nth}"]
    else:
        parts = ["FREQ=WEEKLY"] + ([f"INTERVAL={slot.interval}"] if slot.interval > 1 else []) + [f"BYDAY={days}"]
        if style == 1:
            parts.insert(1, "WKST=MO")
    if until:
        parts.append("UNTIL=" + until.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ"))
    text = ";".join(parts)
    return "RRULE:" + text if style == 3 else text


def first_on_or_after(slot: Slot, day: date) -> date:
    for i in range(62):
        cand = day + timedelta(days=i)
        if cand.weekday() in slot.days and (not slot.nth or (cand.day - 1) // 7 + 1 == slot.nth):
            return cand
    return day


def at(day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def schedule(slot: Slot, from_day: date, until: datetime | None = None, style: int = 0) -> dict:
    start = at(first_on_or_after(slot, from_day), slot.hour, slot.minute)
    return {"timezone": "Europe/Berlin", "rules": [
        {"rrule": rrule(slot, until, style), "dtstart": start.isoformat(), "duration_minutes": slot.dur}]}


def window(start: datetime, minutes: int) -> dict:
    return {"timezone": "Europe/Berlin", "windows": [
        {"start": start.isoformat(), "end": (start + timedelta(minutes=minutes)).isoformat()}]}


# --- free text ---------------------------------------------------------------------------------

def _hm_de(h: int, m: int, style: int) -> str:
    if style == 0:
        return f"{h}:{m:02d}"
    if style == 1:
        return f"{h}.{m:02d}"
    return f"{h}" if m == 0 else f"{h}.{m:02d}"


def _hm_en(h: int, m: int, style: int) -> str:
    if style == 0:
        return f"{h}:{m:02d}"
    suffix = "am" if h < 12 else "pm"
    h12 = h if h <= 12 else h - 12
    return f"{h12}{suffix}" if m == 0 else f"{h12}:{m:02d}{suffix}"


def text_de(slot: Slot, rng: random.Random) -> str:
    if slot.appointment:
        return rng.choice(["Termine nach Vereinbarung.", "Nach Absprache.", "Termin bitte vorher vereinbaren.",
                           "Nach telefonischer Vereinbarung."])
    st = rng.randint(0, 2)
    a, (eh, em) = _hm_de(slot.hour, slot.minute, st), slot.end
    b = _hm_de(eh, em, st)
    if slot.nth:
        d = DE_DAYS[slot.days[0]]
        return rng.choice([f"Jeden {slot.nth}. {d} im Monat, {a}–{b} Uhr.",
                           f"An jedem {ORDINAL_DE[slot.nth]} {d} im Monat von {a} bis {b} Uhr.",
                           f"{slot.nth}. {d} im Monat ab {a} Uhr"])
    adverbs = [DE_DAYS[d].lower() + "s" for d in slot.days]
    shorts = [DE_SHORT[d] for d in slot.days]
    if slot.interval == 2:
        return rng.choice([f"14-täglich {adverbs[0]} {a}-{b} Uhr", f"Alle zwei Wochen {adverbs[0]}, {a} bis {b} Uhr.",
                           f"jeden zweiten {DE_DAYS[slot.days[0]]}, ab {a} Uhr"])
    options = [
        f"{' + '.join(shorts)} {a}-{b} Uhr",
        f"Immer {' und '.join(adverbs)} ab {a} Uhr.",
        f"{' und '.join(d.capitalize() for d in adverbs)} von {a} bis {b} Uhr.",
        f"Öffnungszeiten: {', '.join(shorts)} {a}–{b} Uhr",
        f"jeden {' und '.join(DE_DAYS[d] for d in slot.days)} {a} Uhr",
    ]
    return rng.choice(options)


def text_en(slot: Slot, rng: random.Random) -> str:
    if slot.appointment:
        return rng.choice(["By appointment.", "Appointments by arrangement.", "Please arrange a time in advance."])
    st = rng.randint(0, 1)
    a, (eh, em) = _hm_en(slot.hour, slot.minute, st), slot.end
    b = _hm_en(eh, em, st)
    if slot.nth:
        return rng.choice([f"Every {ORDINAL_EN[slot.nth]} {EN_DAYS[slot.days[0]]} of the month, {a}-{b}.",
                           f"{ORDINAL_EN[slot.nth].capitalize()} {EN_DAYS[slot.days[0]]} monthly from {a}"])
    plural = [EN_DAYS[d] + "s" for d in slot.days]
    if slot.interval == 2:
        return rng.choice([f"Every other {EN_DAYS[slot.days[0]]}, {a}-{b}.", f"Fortnightly on {plural[0]} from {a}"])
    return rng.choice([f"{' and '.join(plural)} from {a} to {b}.", f"{' and '.join(plural)}, {a}-{b}",
                       f"{'/'.join(EN_SHORT[d] for d in slot.days)} {a}-{b}", f"Every {' and '.join(EN_DAYS[d] for d in slot.days)} from {a}"])


def short_de(slot: Slot) -> str:
    """The bit of a slot people put into a title: 'Do 15:30', 'Sa'."""
    if slot.appointment:
        return "nach Vereinbarung"
    return "/".join(DE_SHORT[d] for d in slot.days) + f" {slot.hour}:{slot.minute:02d}"


def date_text_de(start: datetime) -> str:
    return f"{DE_DAYS[start.weekday()]}, {start.day}.{start.month}.{start.year}, ab {start.hour}:{start.minute:02d} Uhr"


def date_text_en(start: datetime) -> str:
    return f"{EN_DAYS[start.weekday()]} {start.day} {start.strftime('%B')} {start.year}, from {_hm_en(start.hour, start.minute, 1)}"
