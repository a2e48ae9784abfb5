"""Timings written as people write them: German, English and spreadsheet shorthand.

'Di. 18-20 Uhr', 'dienstags ab 18:00', 'von 18 bis 20 Uhr', 'Mo/Mi/Fr 9-12', 'Mo.-Fr.',
'jeden 2. Mittwoch im Monat', '14-tägig', 'Tuesdays 6-8 pm', 'every other Thursday' ...
"""

from __future__ import annotations

import random

from .timing import Slot, Timing

DE_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
DE_LONG = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
DE_ADV = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags")
EN_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
ORD_DE = {1: "ersten", 2: "zweiten", 3: "dritten", 4: "vierten"}
ORD_EN = {1: ("first", "1st"), 2: ("second", "2nd"), 3: ("third", "3rd"), 4: ("fourth", "4th")}


def _consecutive(days: tuple[int, ...]) -> bool:
    return len(days) >= 3 and list(days) == list(range(days[0], days[-1] + 1))


def _clock_de(hm: tuple[int, int], sep: str, short: bool) -> str:
    h, m = hm
    return str(h) if short and m == 0 else f"{h}{sep}{m:02d}"


def time_de(slot: Slot, rng: random.Random) -> str:
    s, e = slot.start, slot.end
    style = rng.choice(("uhr", "uhr", "colon", "dot", "h", "vonbis", "spaced", "ab", "bis"))
    if style == "uhr":
        return f"{_clock_de(s, '.', True)}-{_clock_de(e, '.', True)} Uhr"
    if style == "colon":
        return f"{_clock_de(s, ':', False)}-{_clock_de(e, ':', False)} Uhr"
    if style == "dot":
        return f"{_clock_de(s, '.', False)}–{_clock_de(e, '.', False)} Uhr"
    if style == "h":
        return f"{_clock_de(s, ':', True)}h-{_clock_de(e, ':', True)}h"
    if style == "vonbis":
        return f"von {_clock_de(s, '.', True)} bis {_clock_de(e, '.', True)} Uhr"
    if style == "spaced":
        return f"{_clock_de(s, '.', True)} - {_clock_de(e, '.', True)} Uhr"
    if style == "ab":
        return rng.choice((f"ab {_clock_de(s, '.', True)} Uhr", f"ab {_clock_de(s, ':', False)}"))
    return f"{_clock_de(s, ':', False)} bis {_clock_de(e, ':', False)}"


def days_de(slot: Slot, rng: random.Random) -> str:
    days = slot.days
    if slot.nth:
        d = days[0] - 1
        return rng.choice((f"jeden {slot.nth}. {DE_LONG[d]} im Monat", f"am {ORD_DE[slot.nth]} {DE_LONG[d]} des Monats",
                           f"1x im Monat ({slot.nth}. {DE_SHORT[d]})", f"jeden {ORD_DE[slot.nth]} {DE_LONG[d]} im Monat"))
    if len(days) == 1:
        d = days[0] - 1
        if slot.every == 2:
            return rng.choice((f"14-tägig {DE_ADV[d]}", f"alle 14 Tage {DE_LONG[d].lower()}s",
                               f"jeden zweiten {DE_LONG[d]}", f"{DE_SHORT[d]}. (alle zwei Wochen)"))
        return rng.choice((DE_SHORT[d], f"{DE_SHORT[d]}.", DE_ADV[d], f"jeden {DE_LONG[d]}", f"immer {DE_ADV[d]}",
                           DE_LONG[d], f"{DE_ADV[d].capitalize()}"))
    if _consecutive(days) and rng.random() < 0.7:
        a, b = days[0] - 1, days[-1] - 1
        text = rng.choice((f"{DE_SHORT[a]}.-{DE_SHORT[b]}.", f"{DE_SHORT[a]}-{DE_SHORT[b]}",
                           f"{DE_LONG[a]} bis {DE_LONG[b]}"))
    else:
        short = [DE_SHORT[d - 1] for d in days]
        adv = [DE_ADV[d - 1] for d in days]
        text = rng.choice(("/".join(short), ", ".join(s + "." for s in short[:-1]) + f" und {short[-1]}.",
                           ", ".join(adv[:-1]) + f" und {adv[-1]}"))
    return f"14-tägig {text}" if slot.every == 2 else text


def slot_de(slot: Slot, rng: random.Random) -> str:
    days, time = days_de(slot, rng), time_de(slot, rng)
    return rng.choice((f"{days} {time}", f"{days}, {time}", f"{days} {time}"))


HOLIDAY_DE = (" (in den Ferien geschlossen)", ", nicht in den Schulferien", " – außer in den Ferien",
              " (Ferien: geschlossen)")
HOLIDAY_EN = (" (closed during school holidays)", ", not during school holidays", " – except school holidays")


def timing_de(timing: Timing, rng: random.Random) -> str:
    if timing.window:
        start, end = timing.window
        return rng.choice((f"am {start:%d.%m.%Y} von {start.hour} bis {end.hour} Uhr",
                           f"{start:%d.%m.}, {start:%H:%M}–{end:%H:%M} Uhr",
                           f"Samstag, {start.day}.{start.month}., ab {start.hour} Uhr"
                           if start.isoweekday() == 6 else f"{start:%d.%m.%Y}, {start.hour}-{end.hour} Uhr"))
    parts = [slot_de(s, rng) for s in timing.slots]
    text = rng.choice((" und ", "; ", ", ")).join(parts)
    if timing.holidays_closed and rng.random() < 0.8:
        text += rng.choice(HOLIDAY_DE)
    return text


def _clock_en(hm: tuple[int, int], style: str) -> str:
    h, m = hm
    if style == "24":
        return f"{h:02d}:{m:02d}"
    suffix = "am" if h < 12 else "pm"
    h12 = h - 12 if h > 12 else h
    body = str(h12) if m == 0 else f"{h12}{'.' if style == 'dot' else ':'}{m:02d}"
    return f"{body} {suffix}" if style == "spaced" else f"{body}{suffix}"


def time_en(slot: Slot, rng: random.Random) -> str:
    s, e = slot.start, slot.end
    style = rng.choice(("compact", "spaced", "dot", "24", "from", "range"))
    if style == "24":
        return f"{_clock_en(s, '24')}-{_clock_en(e, '24')}"
    if style == "from":
        return f"from {_clock_en(s, 'spaced')}"
    if style == "range" and (s[0] < 12) == (e[0] < 12):
        # '6-8 pm': the suffix once, as English guides write it
        return f"{_clock_en(s, 'compact')[:-2]}-{_clock_en(e, 'spaced')}"
    return f"{_clock_en(s, style if style != 'range' else 'compact')}-{_clock_en(e, style if style != 'range' else 'compact')}"


def days_en(slot: Slot, rng: random.Random) -> str:
    days = slot.days
    if slot.nth:
        d = EN_LONG[days[0] - 1]
        word, num = ORD_EN[slot.nth]
        return rng.choice((f"every {num} {d} of the month", f"the {word} {d} of each month", f"{word} {d} of the month"))
    if len(days) == 1:
        d = days[0] - 1
        if slot.every == 2:
            return rng.choice((f"every other {EN_LONG[d]}", f"fortnightly on {EN_LONG[d]}s", f"every two weeks ({EN_SHORT[d]})"))
        return rng.choice((f"{EN_LONG[d]}s", f"every {EN_LONG[d]}", EN_SHORT[d], f"on {EN_LONG[d]}s"))
    if _consecutive(days) and rng.random() < 0.7:
        a, b = days[0] - 1, days[-1] - 1
        text = rng.choice((f"{EN_SHORT[a]}-{EN_SHORT[b]}", f"{EN_LONG[a]} to {EN_LONG[b]}"))
    else:
        text = rng.choice(("/".join(EN_SHORT[d - 1] for d in days),
                           ", ".join(EN_LONG[d - 1] + "s" for d in days[:-1]) + f" and {EN_LONG[days[-1] - 1]}s"))
    return f"every other week, {text}" if slot.every == 2 else text


def timing_en(timing: Timing, rng: random.Random) -> str:
    if timing.window:
        start, end = timing.window
        return f"{EN_LONG[start.weekday()]}, {start.day} {EN_MONTHS[start.month - 1]} {start.year}, " \
               f"{_clock_en((start.hour, start.minute), 'spaced')}" \
               f" to {_clock_en((end.hour, end.minute), 'spaced')}"
    text = "; ".join(f"{days_en(s, rng)} {time_en(s, rng)}" for s in timing.slots)
    if timing.holidays_closed and rng.random() < 0.7:
        text += rng.choice(HOLIDAY_EN)
    return text


def timing_abbr(timing: Timing, rng: random.Random) -> str:
    """Spreadsheet shorthand: 'Mo/Mi 16-18', '14tg. Do 17-19', '1.Fr/Mon. 15-17'."""
    if timing.window:
        start, end = timing.window
        return f"{start:%d.%m.} {start.hour}-{end.hour}"
    out = []
    for slot in timing.slots:
        clock = f"{_clock_de(slot.start, ':', True)}-{_clock_de(slot.end, ':', True)}"
        if slot.nth:
            out.append(f"{slot.nth}.{DE_SHORT[slot.days[0] - 1]}/Mon. {clock}")
            continue
        if _consecutive(slot.days):
            days = f"{DE_SHORT[slot.days[0] - 1]}-{DE_SHORT[slot.days[-1] - 1]}"
        else:
            days = "/".join(DE_SHORT[d - 1] for d in slot.days)
        prefix = "14tg. " if slot.every == 2 else ""
        out.append(f"{prefix}{days} {clock}{rng.choice(('', '', 'h', ' Uhr'))}")
    text = ", ".join(out)
    if timing.holidays_closed and rng.random() < 0.4:
        text += " (nicht i.d. Ferien)"
    return text


def timing_prose_de(timing: Timing, rng: random.Random) -> str:
    """How a website says it in a sentence: 'immer dienstags ab 18 Uhr'."""
    if timing.window or len(timing.slots) != 1 or len(timing.slots[0].days) != 1 or timing.slots[0].nth:
        return timing_de(timing, rng)
    slot = timing.slots[0]
    d = slot.days[0] - 1
    start = _clock_de(slot.start, ".", True)
    end = _clock_de(slot.end, ".", True)
    if slot.every == 2:
        return rng.choice((f"alle zwei Wochen {DE_ADV[d]} ab {start} Uhr", f"jeden zweiten {DE_LONG[d]} von {start} bis {end} Uhr"))
    return rng.choice((f"immer {DE_ADV[d]} ab {start} Uhr", f"jeden {DE_LONG[d]} von {start} bis {end} Uhr",
                       f"{DE_ADV[d]} zwischen {start} und {end} Uhr", f"wöchentlich am {DE_LONG[d]} um {start} Uhr"))
