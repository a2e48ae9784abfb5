"""The shape of one kind of activity and the compact notation the vocabulary files use.

Lists are written as one string separated by ";" so the vocabulary reads like a table.
"""

from __future__ import annotations

from dataclasses import dataclass


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _hours(text: str) -> tuple[tuple[tuple[int, int], tuple[int, int]], ...]:
    out = []
    for span in _split(text.replace(",", ";")):
        start, end = span.split("-")
        out.append((_clock(start), _clock(end)))
    return tuple(out)


def _clock(text: str) -> tuple[int, int]:
    if ":" in text:
        h, m = text.split(":")
        return int(h), int(m)
    return int(text), 0


@dataclass(frozen=True)
class Activity:
    key: str
    category: str
    near: str                  # the neighbouring category another system may file it under
    orgs: tuple[str, ...]      # organisation types that run it
    de: tuple[str, ...]        # German names, the first the plain one
    en: tuple[str, ...]
    easy: tuple[str, ...]      # Leichte Sprache titles
    abbr: tuple[str, ...]      # spreadsheet abbreviations
    brand: tuple[str, ...]     # brand-like names an offer may carry
    role: tuple[str, ...]      # how a volunteer exchange names the role
    task: str                  # what volunteers do, for role postings
    d_de: tuple[str, ...]
    d_en: tuple[str, ...]
    d_easy: tuple[str, ...]
    marks: tuple[str, ...]     # word starts that every marked name contains (see facts.py)
    hours: tuple[tuple[tuple[int, int], tuple[int, int]], ...]
    freq: str                  # w weekly, w2 fortnightly, m monthly, multi several days, office office hours
    days: tuple[int, ...]      # ISO weekdays it may fall on
    langs: tuple[str, ...]
    groups: tuple[str, ...]
    facets: tuple[str, ...]    # level, age, gender, daypart: what parallel groups differ in
    counsel: bool
    volunteer: bool
    capacity: tuple[int, int] | None
    mailbox: str
    venue: tuple[str, ...]     # venue kinds it happens at; "home": the organisation's own place


def A(key: str, category: str, near: str, orgs: str, *, de: str, en: str, easy: str = "", abbr: str = "",
      brand: str = "", role: str = "", task: str = "", d_de: str = "", d_en: str = "", d_easy: str = "",
      marks: str = "", hours: str = "16-18", freq: str = "w", days: str = "12345", langs: str = "",
      groups: str = "", facets: str = "", counsel: bool = False, volunteer: bool = True,
      cap: tuple[int, int] | None = None, mailbox: str = "", venue: str = "home") -> Activity:
    return Activity(
        key=key, category=category, near=near, orgs=tuple(orgs.split()), de=_split(de), en=_split(en),
        easy=_split(easy), abbr=_split(abbr), brand=_split(brand), role=_split(role), task=task,
        d_de=_split(d_de), d_en=_split(d_en), d_easy=_split(d_easy), marks=_split(marks.lower()),
        hours=_hours(hours), freq=freq, days=tuple(int(d) for d in days), langs=tuple(langs.split()),
        groups=tuple(groups.split()), facets=tuple(facets.split()), counsel=counsel, volunteer=volunteer,
        capacity=cap, mailbox=mailbox, venue=tuple(venue.split()),
    )
