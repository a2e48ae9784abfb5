"""Pair scoring: the comparison levels of two offers, weighed by the scoring model into one probability.

The score is the model's match probability (0..1; weights learnt by logistic regression or as
Fellegi–Sunter log2(m/u), see model.py); each field's weight (bits of evidence,
positive for agreement, negative for disagreement) travels with the pair so people see why.
The tier is a coarse reading aid for reviewers (1: shared contact and the same slot; 2: same group
at the same place or time; 3: text only); it no longer decides anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from hub.engine.dedupe.comparisons import Comparison, compare, marked_siblings, misspelt, organisation_similarity
from hub.engine.dedupe.config import DedupeConfig, model_of
from hub.engine.dedupe.field_values import FieldValues
from hub.engine.dedupe.profile import OfferProfile

__all__ = ["PairEvidence", "comparisons_of", "field_similarities", "organisation_similarity", "pair_key", "score_pair"]


def pair_key(offer_a: str, offer_b: str) -> tuple[str, str]:
    """A pair is unordered; its key is the sorted id tuple."""
    return (offer_a, offer_b) if offer_a <= offer_b else (offer_b, offer_a)


@dataclass(frozen=True, slots=True)  # slots: one per stored pair, and a pair's dict cost ~100 bytes
class PairEvidence:
    offer_a: str
    offer_b: str
    score: float
    tier: int
    fields: Mapping[str, float] = field(default_factory=dict)
    weights: Mapping[str, float] = field(default_factory=dict)  # bits of evidence per field

    def compact(self) -> PairEvidence:
        """The pair as an index keeps it (every pair it scored above the review threshold): its similarities
        rounded to four places, its field values in compact mappings. Only a kept pair pays for it; most
        pairs scored are dropped at once."""
        rounded = {name: _similarity(similarity) for name, similarity in self.fields.items()}
        return PairEvidence(self.offer_a, self.offer_b, self.score, self.tier, FieldValues(rounded),
                            FieldValues.of(self.weights))

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
            "weights": dict(self.weights),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PairEvidence:
        return cls(data["offer_a"], data["offer_b"], data["score"], data["tier"], dict(data["fields"]),
                   dict(data.get("weights", {})))


def comparisons_of(a: OfferProfile, b: OfferProfile, config: DedupeConfig, idf: Any = None) -> dict[str, Comparison]:
    """Comparison level and similarity of every field both offers have (title terms weighed by `idf`,
    by default the model's table)."""
    model = model_of(config)
    return compare(a, b, config, model.idf if idf is None else idf, model.default_idf, model.title_synonyms)


def field_similarities(a: OfferProfile, b: OfferProfile, config: DedupeConfig) -> dict[str, float]:
    """Similarity 0..1 of each field both offers have; fields one of them lacks are absent."""
    return {name: similarity for name, (_, similarity) in comparisons_of(a, b, config).items()}


def _names_the_same_offer(comparisons: Mapping[str, Comparison]) -> bool:
    title = comparisons.get("title")
    schedule = comparisons.get("schedule")
    if schedule is not None and schedule[0] == 0:
        return True
    if title is None or title[0] > 2:
        return False
    # Titles that each swap in a word of their own ("Russian" / "Chinese translator", "Eastern" /
    # "Western volunteer day") name siblings of one group unless the weekly time says otherwise.
    contrast = comparisons.get("title_contrast")
    return contrast is None or contrast[0] == 0 or title[0] == 0


def _a_repost_in_one_source(a: OfferProfile, b: OfferProfile, comparisons: Mapping[str, Comparison]) -> bool:
    """Two records of one source name the same offer only by repeating it: the same title (up to a
    typo, an inflection or the word order), or the same text about the offer under a title that
    adds or drops a word. Titles that each swap in a word of their own are one template's siblings.

    A source lists each of its offers under its own title; two of its records with titles that are
    merely alike ("Logo design" / "Graphic design", "Website design" / "WordPress blog") are an
    organisation's sibling offers. Across sources the wording differs for one offer, so this holds
    only within one.
    """
    if a.source != b.source:
        return True
    own_a, own_b = _own_words(a.title_norm, b.title_norm), _own_words(b.title_norm, a.title_norm)
    description = comparisons.get("description")  # the text beyond the organisation's shared sentences
    if a.title_norm and not own_a and not own_b:
        # the same words, up to a typo, an inflection or their order; unless the texts under them
        # tell of other things and no weekly time joins them: one source's title over several roles
        schedule = comparisons.get("schedule")
        return description is None or description[0] < 3 or (schedule is not None and schedule[0] == 0)
    if own_a and own_b:
        return False  # one template, a word swapped: "... in Brooklyn" / "... in the Bronx" on one day
    if a.description_norm and fuzz.ratio(a.description_norm, b.description_norm) >= 90 and _text_names_its_offer(a):
        return True
    return description is not None and description[0] == 0


def _own_words(text: str, other_text: str) -> list[str]:
    """Words of `text` that `other_text` lacks, up to a typo or an inflection ("Wii Fitness Instructor"
    has "wii" of its own against "Fitness Instructor")."""
    words, others = set(text.split()), set(other_text.split())
    return [word for word in words - others if not any(_near(word, other) for other in others)]


def _near(word: str, other: str) -> bool:
    """A typo or an inflection ("Bewrbung"), or one word the start of the other ("Deutsch" /
    "Deutschkurs")."""
    shorter, longer = sorted((word, other), key=len)
    return (len(shorter) >= 4 and longer.startswith(shorter)) or misspelt(word, other)


def _text_names_its_offer(profile: OfferProfile) -> bool:
    """The description speaks of the offer (a word of its title), not only of the organisation: an
    organisation's introduction repeated under each of its roles says nothing about which one it is."""
    title_words = {word for word in profile.title_norm.split() if len(word) >= 4}
    return bool(title_words & set(profile.description_norm.split()))


def _one_groups_offer_without_where_or_when(comparisons: Mapping[str, Comparison]) -> bool:
    """One organiser (or one e-mail or phone), the same title, and nothing about place or time that
    sets them apart: what is missing decides, and only a person can supply it."""
    title = comparisons.get("title")
    if title is None or title[0] > 1:  # most pairs: asked of every scored pair, the title first
        return False
    level = {name: value[0] for name, value in comparisons.items()}
    same_group = level.get("organisation") == 0 or level.get("contact") == 0
    return (same_group and level.get("venue", 0) < 2 and level.get("schedule", 0) < 2
            and level.get("title_contrast", 0) == 0)


def _same_group_or_place(comparisons: Mapping[str, Comparison]) -> bool:
    contact, venue = comparisons.get("contact"), comparisons.get("venue")
    return contact is not None and contact[0] <= 1 and venue is not None and venue[0] == 0


def _tier(comparisons: Mapping[str, Comparison]) -> int:
    level = {name: value[0] for name, value in comparisons.items()}
    if level.get("schedule") == 2 or level.get("venue") == 2:
        return 3  # another time or another place of the same group is another offer
    if level.get("contact") == 0 and level.get("schedule") == 0:
        return 1
    if level.get("organisation", 9) <= 1 and (level.get("venue") == 0 or level.get("schedule") == 0):
        return 2
    return 3


def score_pair(a: OfferProfile, b: OfferProfile, config: DedupeConfig, idf: Any = None) -> PairEvidence:
    """Score two offers. Same id means the same entity and is a misuse."""
    if a.offer_id == b.offer_id:
        raise ValueError(f"an offer is not its own duplicate: {a.offer_id}")
    comparisons = comparisons_of(a, b, config, idf)
    probability, weights = model_of(config).weigh(comparisons)
    repost = _a_repost_in_one_source(a, b, comparisons)
    if not _names_the_same_offer(comparisons) or not repost:
        # Organisation, contact, venue, district and category say who and where, not which offer:
        # one organisation's different roles agree on all of them. Without the title or the weekly
        # slot agreeing too, a pair goes to a person at most.
        probability = min(probability, config.auto_threshold - 0.01)
        title = comparisons.get("title")
        if not repost and (title is None or title[0] >= 3):
            probability = min(probability, config.review_threshold - 0.01)
    if repost and _one_groups_offer_without_where_or_when(comparisons):
        # one organiser's offer under the same title, and one record leaves out where or when: it may be
        # the offer the other lists or another of the group's places; the records cannot tell, a person can
        probability = max(probability, config.review_threshold)
    if marked_siblings(a, b):
        # two groups, levels or audiences of one course meet at the same hour in two rooms, so not
        # even the weekly time makes them one: a person decides
        probability = min(probability, config.auto_threshold - 0.01)
    if a.lists_the_organisation_itself and b.lists_the_organisation_itself and _same_group_or_place(comparisons):
        # A list of initiatives (one record per group, named after it): a group renamed between two
        # snapshots keeps its homepage and place, and a person should see the pair.
        probability = max(probability, config.review_threshold)
    first, second = sorted((a.offer_id, b.offer_id))
    similarities = {name: similarity for name, (_, similarity) in comparisons.items()}  # rounded when kept
    return PairEvidence(first, second, round(probability, 4), _tier(comparisons), similarities, weights)


_SIMILARITIES: dict[float, float] = {}


def _similarity(value: float) -> float:
    """The similarity rounded to four places, one float object per value (most are 0.0 and 1.0, and a
    stored pair keeps about eight)."""
    rounded = round(value, 4)
    return _SIMILARITIES.setdefault(rounded, rounded) if len(_SIMILARITIES) < 20_002 else rounded
