"""A plain rule matcher, the baseline the detection is measured against on the same offers.

It links two offers of one municipality when the organisation is alike (token-set ratio of the
normalised names >= 85) and they share the street, the place's name, or a phone or e-mail, and, where
both give a weekly time, meet on the same weekday within half an hour; the links are joined into
clusters as they come (union-find). That is the kind of matcher a municipality's IT could write in an
afternoon. It reads the hub's profiles (street, contact and weekly times parsed as the detection parses
them), so what differs between the two is how evidence is weighed and clusters are formed, not parsing.

On sets where one organisation rarely runs two offers at one place and time it is hard to beat; where
it often does (levels, age groups, an organisation's roles at its venue), its precision falls. Both
figures beside the detection's say which kind of set a figure comes from.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from rapidfuzz import fuzz

from hub.engine.dedupe.components import connected_groups
from hub.engine.dedupe.profile import OfferProfile
from hub.replay.lenient_offers import Leniency
from hub.replay.offers import offer_of_line
from hub.replay.reading import BadLine

ORGANISATION_RATIO = 85
SLOT_MINUTES = 30


def rule_pairs(lines: list[str]) -> set[tuple[str, str]]:
    """The offer-id pairs the rule links (before the clusters join them)."""
    leniency = Leniency()
    profiles = []
    for number, text in enumerate(lines, start=1):
        offer = offer_of_line(number, text, leniency)
        if not isinstance(offer, BadLine):
            profiles.append(leniency.profile(offer))
    by_area: dict[str, list[OfferProfile]] = defaultdict(list)
    for profile in profiles:
        by_area[profile.ags].append(profile)
    linked = set()
    for members in by_area.values():
        for a, b in combinations(members, 2):
            if _linked(a, b):
                linked.add(tuple(sorted((a.offer_id, b.offer_id))))
    return linked


def rule_clusters(lines: list[str]) -> list[list[str]]:
    """Clusters of two or more offers: the rule's links joined transitively."""
    links = sorted(rule_pairs(lines))
    linked = sorted({offer_id for pair in links for offer_id in pair})
    return [sorted(group) for group in connected_groups(linked, links) if len(group) > 1]


def _linked(a: OfferProfile, b: OfferProfile) -> bool:
    if not a.organisation_norm or not b.organisation_norm:
        return False
    if fuzz.token_set_ratio(a.organisation_norm, b.organisation_norm) < ORGANISATION_RATIO:
        return False
    same_street = bool(a.street_norm) and a.street_norm == b.street_norm
    same_place = bool(a.venue_name_norm) and a.venue_name_norm == b.venue_name_norm
    same_contact = bool(a.contact_keys & b.contact_keys)
    if not (same_street or same_place or same_contact):
        return False
    if a.weekly_slots and b.weekly_slots:
        return any(day_a == day_b and abs(minute_a - minute_b) <= SLOT_MINUTES
                   for day_a, minute_a in a.weekly_slots for day_b, minute_b in b.weekly_slots)
    return True
