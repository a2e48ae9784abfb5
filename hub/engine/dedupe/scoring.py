"""Pair scoring: per-field similarities of two offers, an evidence tier and one score in 0..1.

Tier 1: shared contact or URL and the same slot (strongest); tier 2: same organisation, same
venue or slot and a similar title; tier 3: fuzzy text only (weakest, capped below auto).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.profile import OfferProfile
from hub.engine.dedupe.slots import slot_similarity

__all__ = ["PairEvidence", "field_similarities", "organisation_similarity", "pair_key", "score_pair"]

# Relative weight of each field in the score; fields one side lacks are left out, so an
# offer without contact or location is judged on what it has.
_WEIGHTS: Mapping[str, float] = {
    "organisation": 2.0,
    "title": 3.0,
    "description": 1.5,
    "venue": 1.5,
    "contact": 1.0,
    "schedule": 2.0,
    "category": 0.5,
    "district": 0.5,
    "target_group": 1.5,
}


def pair_key(offer_a: str, offer_b: str) -> tuple[str, str]:
    """A pair is unordered; its key is the sorted id tuple."""
    return (offer_a, offer_b) if offer_a <= offer_b else (offer_b, offer_a)


@dataclass(frozen=True)
class PairEvidence:
    offer_a: str
    offer_b: str
    score: float
    tier: int
    fields: Mapping[str, float] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.offer_a, self.offer_b)

    def to_dict(self) -> dict[str, Any]:
        return {
            "offer_a": self.offer_a,
            "offer_b": self.offer_b,
            "score": self.score,
            "tier": self.tier,
            "fields": dict(self.fields),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PairEvidence:
        return cls(data["offer_a"], data["offer_b"], data["score"], data["tier"], dict(data["fields"]))


def _ratio(a: str, b: str, scorer: Any = fuzz.token_set_ratio) -> float | None:
    if not a or not b:
        return None
    return scorer(a, b) / 100.0


def _title(a: str, b: str) -> float | None:
    # token_set forgives retyped titles that drop words; token_sort notices that
    # "Beratung am Wochenende" is not "Beratung". Their mean keeps some of both.
    if not a or not b:
        return None
    # Compounds split one way or the other ("pc kurs" / "computerkurs") meet when glued.
    glued = fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))
    return max((fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2, glued) / 100.0


def organisation_similarity(a: OfferProfile, b: OfferProfile) -> float | None:
    """The weakest word decides: "Willkommensinitiative Grünau" is not "... Gohlis".

    Every word of the shorter name must sound alike or nearly match a word of the longer
    one; a name that is one word of a longer one ("Flüchtlingshilfe") counts less.
    """
    if not a.organisation_norm or not b.organisation_norm:
        return None
    if a.organisation_key == b.organisation_key:
        return 1.0
    glued = fuzz.ratio(a.organisation_norm.replace(" ", ""), b.organisation_norm.replace(" ", "")) / 100.0
    shorter, longer = sorted((a.organisation_words, b.organisation_words), key=len)
    weakest = min(
        max(1.0 if code == other_code else fuzz.ratio(word, other) / 100.0 for other, other_code in longer)
        for word, code in shorter
    )
    if len(shorter) == 1 and len(longer) > 1:
        weakest *= 0.8
    return max(weakest, glued if glued >= 0.9 else 0.0)


def _distance_m(a: OfferProfile, b: OfferProfile) -> float:
    lat = math.radians((a.lat + b.lat) / 2)  # type: ignore[operator]
    dx = math.radians(b.lon - a.lon) * math.cos(lat)  # type: ignore[operator]
    dy = math.radians(b.lat - a.lat)  # type: ignore[operator]
    return 6_371_000.0 * math.hypot(dx, dy)


def _venue(a: OfferProfile, b: OfferProfile, config: DedupeConfig) -> float | None:
    similarities: list[float] = []
    if a.street_norm and b.street_norm:
        street = fuzz.ratio(a.street_norm, b.street_norm) / 100.0
        postcodes_differ = a.postcode and b.postcode and a.postcode.strip() != b.postcode.strip()
        similarities.append(street * (0.5 if postcodes_differ else 1.0))
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        distance = _distance_m(a, b)
        similarities.append(1.0 if distance <= config.venue_distance_m else max(0.0, 1 - distance / 2000))
    return max(similarities) if similarities else None


def _overlap(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a or not b:
        return None
    return 1.0 if a & b else 0.0


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a or not b:
        return None
    return len(a & b) / len(a | b)


def field_similarities(a: OfferProfile, b: OfferProfile, config: DedupeConfig) -> dict[str, float]:
    """Similarity 0..1 of each field both offers have; fields one of them lacks are absent."""
    values = {
        "organisation": organisation_similarity(a, b),
        "title": _title(a.title_norm, b.title_norm),
        "description": _ratio(a.description_norm, b.description_norm),
        "venue": _venue(a, b, config),
        "contact": _overlap(a.contact_keys, b.contact_keys),
        "schedule": slot_similarity(a.weekly_slots, b.weekly_slots, config.slot_tolerance_minutes),
        "category": 1.0 if a.category == b.category else 0.0,
        "district": _overlap(a.district_set, b.district_set),
        "target_group": _jaccard(a.target_groups, b.target_groups),
    }
    return {name: value for name, value in values.items() if value is not None}


def _tier(fields: Mapping[str, float], min_title: float) -> int:
    """1: shared contact and same slot; 2: same group at the same place or time; 3: text only.

    Tiers 1 and 2 also need similar text: one group often runs two offers at one place and
    time (childcare during its language course).
    """
    same_slot = fields.get("schedule", 0.0) >= 0.5
    same_place_or_time = fields.get("venue", 0.0) >= 0.9 or same_slot
    # The title names the offer; a description mentioning the other offer ("Kinderbetreuung
    # während des Deutschkurses") must not carry a pair on its own.
    text = fields.get("title", 0.0)
    contradicted = fields.get("schedule", 1.0) == 0.0 or fields.get("venue", 1.0) < 0.5
    same_group = fields.get("organisation", 0.0) >= 0.85 or fields.get("contact") == 1.0
    if contradicted or text < min_title:
        return 3
    if fields.get("contact") == 1.0 and same_slot:
        return 1
    # A record without place and time (a short portal entry) still names the same thing.
    if same_group and (same_place_or_time or fields.get("title", 0.0) >= 0.95):
        return 2
    return 3


def score_pair(a: OfferProfile, b: OfferProfile, config: DedupeConfig) -> PairEvidence:
    """Score two offers. Same id means the same entity and is a misuse."""
    if a.offer_id == b.offer_id:
        raise ValueError(f"an offer is not its own duplicate: {a.offer_id}")
    fields = field_similarities(a, b, config)
    total = sum(_WEIGHTS[name] for name in fields)
    score = sum(_WEIGHTS[name] * value for name, value in fields.items()) / total
    # Contradicting hard facts outweigh similar wording: another time or another venue of
    # the same group is another offer, whatever the title says.
    if fields.get("schedule", 1.0) == 0.0:
        score *= 0.75
    if fields.get("venue", 1.0) < 0.5:
        score *= 0.85
    tier = _tier(fields, config.min_title_similarity)
    if tier == 3:
        # Without the same group at the same place or time, similar text is not enough to
        # decide automatically (parallel offers look like this): at most it goes to review.
        score = min(score, config.auto_threshold - 0.01)
    first, second = sorted((a.offer_id, b.offer_id))
    rounded = {name: round(value, 4) for name, value in fields.items()}
    return PairEvidence(first, second, round(min(score, 1.0), 4), tier, rounded)
