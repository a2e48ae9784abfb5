"""The kinds of systems offers are listed in, and each one's habits.

A habit is a probability that a listing of that kind carries or distorts a field. The numbers are
what one sees browsing such systems: a city portal geocodes and stores RRULEs, a volunteer agency
writes long structured texts, a parish website writes warm prose with the time in the text, an
organisation's own website uses its official name and always its own contact, a
coordination office's spreadsheet is terse and full of abbreviations, an English listing translates.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.synthetic_b.noise import slug
from tests.synthetic_b.places import Municipality, Venue
from tests.synthetic_b.world import RealOffer


@dataclass(frozen=True)
class Habits:
    kind: str
    weight: float  # how likely an offer is listed here
    rrule: float  # schedule as RRULE (else in the text, if at all)
    time_in_text: float  # the time also/only written in the description
    no_time: float  # neither rule nor text
    coords: float
    postcode: float
    street: float
    venue_name: float
    short_venue: float  # "JuZ Grünau" instead of "Jugendzentrum Grünau"
    districts: float
    alt_category: float
    contact: float
    other_contact: float  # a department address instead of the general one
    official_name: float
    name_noise: float  # e.V. variants, transliteration, case
    typo: float
    title_case: float
    compound: float
    languages: float
    capacity: float
    target_groups: float


HABITS: dict[str, Habits] = {h.kind: h for h in (
    Habits("municipal_portal", 0.30, 0.80, 0.25, 0.05, 0.90, 0.95, 0.95, 0.90, 0.10, 0.90, 0.10, 0.95, 0.15,
           0.85, 0.05, 0.01, 0.00, 0.10, 0.50, 0.50, 0.70),
    Habits("volunteer_agency", 0.26, 0.30, 0.95, 0.05, 0.30, 0.80, 0.85, 0.80, 0.30, 0.50, 0.25, 0.90, 0.25,
           0.40, 0.20, 0.03, 0.00, 0.20, 0.60, 0.30, 0.50),
    Habits("church_website", 0.10, 0.05, 0.95, 0.05, 0.00, 0.50, 0.70, 0.95, 0.50, 0.20, 0.20, 0.80, 0.30,
           0.60, 0.20, 0.03, 0.00, 0.15, 0.20, 0.10, 0.20),
    Habits("organisation_website", 0.10, 0.00, 0.95, 0.05, 0.10, 0.90, 0.90, 0.90, 0.20, 0.30, 0.15, 1.00, 0.30,
           0.95, 0.05, 0.01, 0.00, 0.10, 0.40, 0.30, 0.30),
    Habits("coordination_spreadsheet", 0.20, 0.00, 0.85, 0.10, 0.00, 0.30, 0.60, 0.85, 0.70, 0.60, 0.30, 0.60,
           0.20, 0.20, 0.40, 0.12, 0.25, 0.25, 0.30, 0.10, 0.10),
    Habits("english_listing", 0.14, 0.40, 0.90, 0.05, 0.60, 0.85, 0.85, 0.80, 0.20, 0.30, 0.20, 0.85, 0.20,
           0.40, 0.40, 0.02, 0.00, 0.00, 0.90, 0.20, 0.30),
)}


def eligible_kinds(offer: RealOffer) -> list[str]:
    """Parish websites list their own offers and what happens in their houses; the rest list anything."""
    kinds = ["municipal_portal", "volunteer_agency", "coordination_spreadsheet", "english_listing"]
    if offer.org.kind == "church" or offer.venue.kind == "church":
        kinds.append("church_website")
    if offer.org.kind != "church":
        kinds.append("organisation_website")
    return kinds


def parish_domain(offer: RealOffer) -> str:
    if offer.org.kind == "church":
        return offer.org.domain
    return f"{slug(offer.venue.name)}-{slug(offer.venue.municipality.name)}.example.org"


def source_uri(kind: str, offer: RealOffer) -> str:
    muni: Municipality = offer.org.municipality
    city = slug(muni.name)
    if kind == "municipal_portal":
        return f"urn:koordinate:source:stadtportal-{city}"
    if kind == "volunteer_agency":
        return f"urn:koordinate:source:freiwilligenagentur-{city}"
    if kind == "coordination_spreadsheet":
        return f"urn:koordinate:source:koordinierungsstelle-{city}-tabelle"
    if kind == "english_listing":
        return f"https://welcome-{slug(muni.name_en)}.example.org"
    if kind == "organisation_website":
        return f"https://{offer.org.domain}"
    return f"https://{parish_domain(offer)}"


def record_id(kind: str, number: int, title: str) -> str:
    """Record ids in each system's own style."""
    if kind == "municipal_portal":
        return f"ang-{number:05d}"
    if kind == "volunteer_agency":
        return str(40000 + number * 7)
    if kind == "coordination_spreadsheet":
        return f"zeile-{number + 1}"
    if kind == "english_listing":
        return f"offer/{number}"
    if kind == "organisation_website":
        return f"angebote/{slug(title)[:60]}" if number == 1 else f"angebote/{slug(title)[:60]}-{number}"
    return f"gruppen/{slug(title)[:60]}-{number}"


def venue_name(venue: Venue, short: bool, pick: int) -> str:
    if short and venue.short_names:
        return venue.short_names[pick % len(venue.short_names)]
    return venue.name
