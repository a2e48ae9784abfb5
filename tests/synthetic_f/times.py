"""Weekly times: the slot of a real offer, its RRULE, and the ways people write it down.

A ``Slot`` is what happens in the real world (Tuesdays 18-20, every other Thursday, the second
Wednesday of the month). The functions below turn it into an RFC 5545 rule with a first start, or
into German and English prose in the notations the source systems use.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.synthetic_f.rng import pick

BERLIN = ZoneInfo("Europe/Berlin")
ANCHOR = date(2026, 1, 5)  # a Monday; sessions are anchored to its week

RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DE_DAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
DE_ADVERBS = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags")
DE_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DE_ORDINALS = ("", "ersten", "zweiten", "dritten", "vierten")
EN_ORDINALS = ("", "first", "second", "third", "fourth")


@dataclass(frozen=True)
class Slot:
    days: tuple[int, ...]  # 0 = Monday
    start: int  # minutes after midnight
    end: int
    interval: int = 1  # weeks between sessions
    nth: int = 0  # n-th weekday of the month; 0: weekly
    phase: int = 0  # which of the `interval` weeks

    @property
    def minutes(self) -> int:
        return self.end - self.start


def parse(text: str) -> Slot | None:
    """``"TU 18:00-20:00"``, ``"MO,WE,FR 09:00-12:00"``, ``"TH/2 17:00-19:00"``, ``"2WE 18:00-20:00"``."""
    if not text:
        return None
    day_part, time_part = text.split(" ")
    interval, nth = 1, 0
    if "/" in day_part:
        day_part, every = day_part.split("/")
        interval = int(every)
    if day_part[0].isdigit():
        nth, day_part = int(day_part[0]), day_part[1:]
    days = tuple(RRULE_DAYS.index(d) for d in day_part.split(","))
    begin, end = time_part.split("-")
    return Slot(days, _minutes(begin), _minutes(end), interval, nth)


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def kind(slot: Slot) -> str:
    if slot.nth:
        return "monthly"
    if slot.interval > 1:
        return "biweekly"
    if len(slot.days) > 1:
        return "multi"
    return "weekly"


def moved(slot: Slot, rnd: random.Random) -> Slot:
    """An outdated version of the slot, as a source that was not updated still shows it."""
    if rnd.random() < 0.5 and len(slot.days) == 1:
        day = (slot.days[0] + pick(rnd, (1, -1, 2))) % 7
        return replace(slot, days=(day,))
    shift = pick(rnd, (-60, 60, 30, -30))
    if slot.start + shift < 7 * 60 or slot.end + shift > 22 * 60:
        shift = -shift
    return replace(slot, start=slot.start + shift, end=slot.end + shift)


# --- RRULE


def rrule(slot: Slot, style: str = "plain") -> str:
    days = ",".join(RRULE_DAYS[d] for d in slot.days)
    if slot.nth:
        text = f"FREQ=MONTHLY;BYDAY={slot.nth}{days}"
    elif slot.interval > 1:
        text = f"FREQ=WEEKLY;INTERVAL={slot.interval};BYDAY={days}"
    else:
        text = f"FREQ=WEEKLY;BYDAY={days}"
    if style == "wkst":
        text += ";WKST=MO"
    elif style == "until":
        text += ";UNTIL=20261231T225959Z"
    elif style == "prefix":
        text = "RRULE:" + text
    elif style == "interval":
        text = text.replace("FREQ=WEEKLY;BYDAY", "FREQ=WEEKLY;INTERVAL=1;BYDAY") if slot.interval == 1 else text
    return text


def first_start(slot: Slot, periods_back: int) -> date:
    """The date of a first session `periods_back` periods before the anchor (same weekday and phase)."""
    if slot.nth:
        year, month = 2026, 1 - periods_back
        while month < 1:
            year, month = year - 1, month + 12
        return nth_weekday(year, month, slot.days[0], slot.nth)
    first = ANCHOR + timedelta(days=slot.days[0] + 7 * slot.phase)
    return first - timedelta(weeks=slot.interval * periods_back)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    day = date(year, month, 1)
    offset = (weekday - day.weekday()) % 7
    return day + timedelta(days=offset + 7 * (nth - 1))


def dtstart(slot: Slot, periods_back: int) -> str:
    day = first_start(slot, periods_back)
    when = datetime(day.year, day.month, day.day, slot.start // 60, slot.start % 60, tzinfo=BERLIN)
    return when.isoformat()


# --- German notations

STANDARD_DE = ("abbr_dot", "abbr", "ab", "immer_ab", "dotted", "full", "jeden")
HARD_DE = ("h", "von_bis", "bis", "slash")


def _h(m: int) -> str:
    return f"{m // 60}" if m % 60 == 0 else f"{m // 60}:{m % 60:02d}"


def _hh(m: int) -> str:
    return f"{m // 60}:{m % 60:02d}"


def _dot(m: int) -> str:
    return f"{m // 60}.{m % 60:02d}"


def _hx(m: int) -> str:
    return f"{m // 60}h" if m % 60 == 0 else f"{m // 60}h{m % 60:02d}"


def _join_de(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " und " + words[-1]


def _consecutive(days: tuple[int, ...]) -> bool:
    return len(days) >= 3 and list(days) == list(range(days[0], days[0] + len(days)))


def german(slot: Slot, notation: str) -> str:
    """The slot in one German notation (see STANDARD_DE and HARD_DE)."""
    s, e = slot.start, slot.end
    if slot.nth:
        day = slot.days[0]
        if notation in HARD_DE:
            return pick_by(notation, (
                f"jeden {slot.nth}. {DE_DAYS[day]} im Monat {_hx(s)}-{_hx(e)}",
                f"jeden {slot.nth}. {DE_DAYS[day]} im Monat, {_h(s)}-{_h(e)} Uhr",
                f"einmal im Monat ({slot.nth}. {DE_SHORT[day]}) von {_h(s)} bis {_h(e)} Uhr",
            ))
        return pick_by(notation, (
            f"jeden {DE_ORDINALS[slot.nth]} {DE_DAYS[day]} im Monat, {_h(s)}–{_h(e)} Uhr",
            f"am {DE_ORDINALS[slot.nth]} {DE_DAYS[day]} des Monats, {_hh(s)}–{_hh(e)} Uhr",
            f"{slot.nth}. {DE_SHORT[day]} im Monat {_h(s)}-{_h(e)} Uhr",
        ))
    if slot.interval > 1:
        day = slot.days[0]
        if notation in HARD_DE:
            return pick_by(notation, (
                f"14-tägig {DE_ADVERBS[day]} {_h(s)}-{_h(e)} Uhr",
                f"14-tägig, {DE_SHORT[day]} {_h(s)}-{_h(e)}",
                f"alle 14 Tage {DE_SHORT[day]}. {_hx(s)}-{_hx(e)}",
            ))
        return pick_by(notation, (
            f"alle zwei Wochen {DE_ADVERBS[day]}, {_h(s)}–{_h(e)} Uhr",
            f"{DE_SHORT[day]} {_h(s)}-{_h(e)} Uhr (alle 2 Wochen)",
            f"jeden zweiten {DE_DAYS[day]}, {_hh(s)}–{_hh(e)} Uhr",
        ))
    if len(slot.days) > 1:
        short = [DE_SHORT[d] for d in slot.days]
        adverbs = [DE_ADVERBS[d] for d in slot.days]
        if _consecutive(slot.days):
            if notation in HARD_DE:
                return pick_by(notation, (f"{short[0]}-{short[-1]} {_hx(s)}-{_hx(e)}",
                                          f"{short[0]}/{short[-1]} {_h(s)}-{_h(e)}"
                                          if len(short) == 2 else f"{short[0]}.-{short[-1]}. {_h(s)}-{_h(e)}"))
            return pick_by(notation, (f"{short[0]}–{short[-1]} {_h(s)}–{_h(e)} Uhr",
                                      f"{adverbs[0]} bis {adverbs[-1]} {_hh(s)}–{_hh(e)} Uhr"))
        if notation in HARD_DE:
            return pick_by(notation, ("/".join(short) + f" {_h(s)}-{_h(e)}",
                                      "/".join(short) + f" {_hx(s)}-{_hx(e)}",
                                      _join_de(adverbs) + f" von {_h(s)} bis {_h(e)} Uhr"))
        return pick_by(notation, (", ".join(short) + f" {_h(s)}-{_h(e)} Uhr",
                                  _join_de(adverbs) + f" {_h(s)}–{_h(e)} Uhr",
                                  _join_de([x + "." for x in short]) + f" jeweils {_dot(s)}–{_dot(e)} Uhr"))
    day = slot.days[0]
    forms = {
        "abbr_dot": f"{DE_SHORT[day]}. {_h(s)}-{_h(e)} Uhr",
        "abbr": f"{DE_SHORT[day]} {_h(s)}-{_h(e)}",
        "ab": f"{DE_ADVERBS[day]} ab {_hh(s)}",
        "immer_ab": f"immer {DE_ADVERBS[day]} ab {_h(s)} Uhr",
        "dotted": f"{DE_ADVERBS[day]}, {_dot(s)}–{_dot(e)} Uhr",
        "full": f"{DE_DAYS[day]}, {_hh(s)}–{_hh(e)} Uhr",
        "jeden": f"jeden {DE_DAYS[day]} von {_h(s)} bis {_h(e)} Uhr",
        "h": f"{DE_SHORT[day]} {_hx(s)}-{_hx(e)}",
        "von_bis": f"{DE_ADVERBS[day]} von {_h(s)} bis {_h(e)} Uhr",
        "bis": f"{DE_SHORT[day]}. {_h(s)} bis {_h(e)} Uhr",
        "slash": f"{DE_SHORT[day]} {_h(s)}-{_h(e)}h",
    }
    return forms[notation]


def pick_by(notation: str, options: tuple[str, ...]) -> str:
    """One of the options, chosen by the notation name (stable, no randomness needed)."""
    order = (*STANDARD_DE, *HARD_DE, *STANDARD_EN)
    return options[order.index(notation) % len(options)]


def german_short(slot: Slot) -> str:
    """The round-table spreadsheet form: ``Di 18-20``, ``Mo/Mi 18-20``, ``Do 17-19 (14-tg.)``."""
    s, e = slot.start, slot.end
    days = "/".join(DE_SHORT[d] for d in slot.days)
    if _consecutive(slot.days):
        days = f"{DE_SHORT[slot.days[0]]}-{DE_SHORT[slot.days[-1]]}"
    if slot.nth:
        return f"{slot.nth}. {days}/Monat {_h(s)}-{_h(e)}"
    if slot.interval > 1:
        return f"{days} {_h(s)}-{_h(e)} (14-tg.)"
    return f"{days} {_h(s)}-{_h(e)}"


APPOINTMENT_DE = ("nach Vereinbarung", "Termine nach Absprache", "flexibel nach Absprache",
                  "individuelle Termine nach Vereinbarung")
APPOINTMENT_EN = ("by appointment", "times arranged individually", "flexible, by arrangement")

# --- English notations

STANDARD_EN = ("en_pm", "en_every", "en_24h", "en_from")


def _en(m: int, with_suffix: bool = True) -> str:
    h, mins = divmod(m, 60)
    suffix = "am" if h < 12 else "pm"
    h12 = h % 12 or 12
    text = f"{h12}" if mins == 0 else f"{h12}:{mins:02d}"
    return f"{text} {suffix}" if with_suffix else text


def _en_range(s: int, e: int) -> str:
    if (s < 12 * 60) == (e < 12 * 60):
        return f"{_en(s, False)}-{_en(e)}"
    return f"{_en(s)}-{_en(e)}"


def english(slot: Slot, notation: str) -> str:
    s, e = slot.start, slot.end
    if slot.nth:
        day = slot.days[0]
        return pick_by(notation, (f"{EN_ORDINALS[slot.nth]} {EN_DAYS[day]} of the month, {_en_range(s, e)}",
                                  f"every {slot.nth}{_suffix(slot.nth)} {EN_DAYS[day]}, {_en_range(s, e)}",
                                  f"once a month ({EN_ORDINALS[slot.nth]} {EN_DAYS[day]}), {_hh(s)}-{_hh(e)}"))
    if slot.interval > 1:
        day = slot.days[0]
        return pick_by(notation, (f"every other {EN_DAYS[day]}, {_en_range(s, e)}",
                                  f"{EN_DAYS[day]}s {_en_range(s, e)} (fortnightly)",
                                  f"every second {EN_DAYS[day]}, {_hh(s)}-{_hh(e)}"))
    if len(slot.days) > 1:
        names = [EN_DAYS[d] + "s" for d in slot.days]
        if _consecutive(slot.days):
            return pick_by(notation, (f"{EN_SHORT[slot.days[0]]}-{EN_SHORT[slot.days[-1]]} {_en_range(s, e)}",
                                      f"{names[0]} to {names[-1]} {_en_range(s, e)}"))
        return pick_by(notation, ("/".join(EN_SHORT[d] for d in slot.days) + f" {_en_range(s, e)}",
                                  ", ".join(names[:-1]) + f" and {names[-1]}, {_en_range(s, e)}",
                                  "/".join(EN_SHORT[d] for d in slot.days) + f" {_hh(s)}-{_hh(e)}"))
    day = slot.days[0]
    return {
        "en_pm": f"{EN_DAYS[day]}s {_en_range(s, e)}",
        "en_every": f"every {EN_DAYS[day]}, {_en(s)} to {_en(e)}",
        "en_24h": f"{EN_SHORT[day]} {_hh(s)}-{_hh(e)}",
        "en_from": f"{EN_DAYS[day]}s from {_en(s)}",
    }[notation]


def _suffix(n: int) -> str:
    return {1: "st", 2: "nd", 3: "rd"}.get(n, "th")
