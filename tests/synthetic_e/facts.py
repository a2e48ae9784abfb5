"""The fact that tells the members of a hard-negative family apart, and checks that a listing shows it.

A fact lives in one field of the listing:
- ``title``: the title contains one of the real offer's marks (an activity, a level, an age group, a
  term, an event) and none of its siblings' marks;
- ``org``: the organisation name is one of the organisation's own spellings;
- ``area``: the municipality (AGS);
- ``venue``: the location's name or street names the venue.

A mark matches at the start of a word ("sprach" in "Offenes Sprachcafé" does not match, in
"Sprachcafé" it does); marks of three letters or fewer must be whole words ("KK", "MBE").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=20000)
def _pattern(mark: str) -> re.Pattern[str]:
    tail = r"(?![^\W\d_])" if len(mark) <= 3 else ""
    return re.compile(r"(?<![^\W\d_])" + re.escape(mark) + tail, re.IGNORECASE)


def has_mark(text: str, mark: str) -> bool:
    return bool(text) and bool(_pattern(mark.lower()).search(text))


@dataclass(frozen=True)
class Fact:
    field: str                  # title | org | area | venue
    values: tuple[str, ...]     # marks, spellings, AGS or venue markers
    display: str = ""           # how to add it to a title when a source left it out


def shown(offer: dict[str, Any], fact: Fact) -> bool:
    """Whether the listing shows this fact."""
    if fact.field == "title":
        return any(has_mark(offer["title"], m) for m in fact.values)
    if fact.field == "org":
        return offer["organisation"]["name"] in fact.values
    if fact.field == "area":
        return offer["area"]["ags"] in fact.values
    if fact.field == "venue":
        loc = offer.get("location") or {}
        texts = [(loc.get("name") or "").lower(), (loc.get("street") or "").lower()]
        return any(v in t for v in fact.values for t in texts if t)
    raise ValueError(fact.field)


def shows_other(offer: dict[str, Any], own: Fact, others: list[Fact]) -> bool:
    """Whether the listing shows a sibling's fact (only title facts can leak this way)."""
    if own.field != "title":
        return False
    return any(shown(offer, other) for other in others if other.values)
