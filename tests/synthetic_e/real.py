"""A real offer: what happens in the world, before any system writes it down.

Every listing of one real offer is rendered from this record; the facts a careful reader would use to
tell two real offers apart (organisation, venue, time, level, term, event date) live here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .activity_model import Activity
from .facts import Fact
from .organisations import Org
from .timing import Timing
from .towns import District, Town
from .venues import Venue


@dataclass(frozen=True)
class Variant:
    """What sets one of several parallel offers apart, and how each system may spell it."""

    kind: str                  # level | age | gender | daypart | term | event | district
    de: tuple[str, ...]        # spellings in German titles
    en: tuple[str, ...]        # spellings in English titles
    marks: tuple[str, ...]     # what facts.py looks for (lower case)


@dataclass
class RealOffer:
    truth_id: str
    org: Org
    activity: Activity
    town: Town
    district: District
    venue: Venue | None
    timing: Timing | None
    category: str
    languages: list[str]
    target_groups: list[str]
    capacity: int | None
    brand: str | None = None
    variant: Variant | None = None       # level, age group, term, event ...
    event_of: str | None = None          # the regular offer's title core, for a special event
    blurb: str | None = None             # a programme description shared word for word
    programme: str | None = None         # a programme name several carriers use
    mailbox: str = ""
    contact_phone: bool = True
    family: str = ""                     # hard-negative family name, "" if none
    group: str = ""                      # the family's group id
    fact: Fact | None = None
    sibling_facts: list[Fact] = field(default_factory=list)
    valid_from: date | None = None
    valid_until: date | None = None
    prefer: tuple[str, ...] = ()         # source kinds that must list it
    status: str = "active"
    texts_de: tuple[str, ...] = ()       # own description sentences (special events)
    texts_en: tuple[str, ...] = ()
