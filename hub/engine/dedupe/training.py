"""Estimating a ScoringModel from data: term weights, labelled pairs, reviews, and EM without labels.

Pure functions over profiles and comparison vectors; reading files and choosing pairs is the
shell's job (hub/replay/training.py, `koordinate dedupe train`).

- Labelled pairs (a truth file, or reviews: confirmed = same, rejected = different) give m and u
  by counting levels on each side, with add-one smoothing so an unseen level is not infinite.
- Without labels, `expectation_maximisation` estimates m, u and the prior from the candidate
  pairs alone, as splink does: start from a guess, weigh every pair by its match probability
  under the current model (E), re-count the levels with those weights (M), repeat.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hub.engine.dedupe.blocking import CandidateIndex
from hub.engine.dedupe.comparisons import LEVELS, NO_SYNONYMS, Comparison, compare
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.model import ScoringModel
from hub.engine.dedupe.profile import OfferProfile

__all__ = [
    "LabelledPair", "candidate_pairs", "document_frequencies", "expectation_maximisation", "fit_labelled", "fit_logistic",
    "idf_table", "labelled_pairs", "learned_title_synonyms", "review_pairs",
]

Levels = Mapping[str, int]
# The least a field's disagreement may weigh (bits). Systems write these fields their own way, so a
# training set whose copies agree on them (a generator, one city's portal) would teach that any
# difference rules a pair out: free text is rewritten (another language, an agency's wording, an
# organisation's intro), organisation names are re-worded or abbreviated, and systems file one offer
# under different categories and districts. Disagreement there may lower a pair, never veto it alone.
# Schedules read from free text and geocoded places can be misread (a geocoder placing an address
# kilometres off, "6-8 pm" read as morning): they may weigh more, but not without bound.
FLOORS: Mapping[str, float] = {"description": 0.0, "organisation": -3.0, "category": -1.0, "district": -1.0,
                               "schedule": -4.0, "venue": -4.0}
# Levels held at zero: a title sharing only a word or a broad concept with another ("weak") is no
# evidence either way; one organisation's different roles often share that much.
NEUTRAL: frozenset[tuple[str, int]] = frozenset({("title", 3), ("title_in_group", 3)})


@dataclass(frozen=True)
class LabelledPair:
    levels: Levels
    same: bool
    weight: float = 1.0  # a reviewer's decision may count for more than one generated label


def levels_of(comparisons: Mapping[str, Comparison]) -> dict[str, int]:
    return {name: level for name, (level, _) in comparisons.items()}


def document_frequencies(profiles: Iterable[OfferProfile]) -> tuple[Counter[str], int]:
    """In how many titles each title term occurs, and how many titles there are."""
    frequencies: Counter[str] = Counter()
    count = 0
    for profile in profiles:
        frequencies.update(profile.title_terms)
        count += 1
    return frequencies, count


def idf_table(frequencies: Mapping[str, int], documents: int, min_frequency: int = 2) -> tuple[dict[str, float], float]:
    """Smoothed IDF of terms seen at least `min_frequency` times; rarer and unseen terms get the default.

    Keeping only repeated terms keeps the model file small; a term seen once is as rare as an unseen one.
    """
    default = round(math.log((documents + 1) / 1.5) + 1, 3)
    table = {
        term: round(math.log((documents + 1) / (frequency + 0.5)) + 1, 3)
        for term, frequency in frequencies.items()
        if frequency >= min_frequency
    }
    return table, default


def _estimate(pairs: Iterable[tuple[Levels, float, float]], smoothing: float) -> tuple[dict[str, tuple[float, ...]], dict[str, tuple[float, ...]], float, float]:
    """m and u per level from (levels, weight as duplicate, weight as different) triples."""
    m_counts = {name: [0.0] * len(labels) for name, labels in LEVELS.items()}
    u_counts = {name: [0.0] * len(labels) for name, labels in LEVELS.items()}
    total_same = total_different = 0.0
    for levels, same, different in pairs:
        total_same += same
        total_different += different
        for name, level in levels.items():
            if name in m_counts:
                m_counts[name][level] += same
                u_counts[name][level] += different

    def normalised(counts: list[float]) -> tuple[float, ...]:
        total = sum(counts) + smoothing * len(counts)
        return tuple(round((count + smoothing) / total, 6) for count in counts)

    return ({name: normalised(c) for name, c in m_counts.items()},
            {name: normalised(c) for name, c in u_counts.items()}, total_same, total_different)


def fit_labelled(
    pairs: Sequence[LabelledPair], idf: Mapping[str, float], default_idf: float, version: str,
    smoothing: float = 1.0, trained_on: Mapping[str, object] | None = None,
) -> ScoringModel:
    """m and u counted on labelled candidate pairs; the prior is the labelled share of duplicates."""
    m, u, same, different = _estimate(
        ((pair.levels, pair.weight if pair.same else 0.0, 0.0 if pair.same else pair.weight) for pair in pairs), smoothing
    )
    if same == 0 or different == 0:
        raise ValueError("labels: need at least one duplicate and one different pair")
    prior = (same + 1) / (same + different + 2)
    info = {"method": "fellegi-sunter", "duplicates": round(same, 1), "different": round(different, 1), **(trained_on or {})}
    return ScoringModel.from_probabilities(version, prior, m, u, idf=dict(idf), default_idf=default_idf, trained_on=info)


def _newton(x: Any, y: Any, w: Any, ridge: float, iterations: int, offset: Any) -> Any:
    import numpy as np

    penalty = np.full(x.shape[1], ridge)
    penalty[-1] = 0.0  # the intercept is not shrunk
    beta = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta + offset, -30, 30)))
        gradient = x.T @ (w * (y - p)) - penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-6:
            break
    return beta


def fit_logistic(
    pairs: Sequence[LabelledPair], idf: Mapping[str, float], default_idf: float, version: str,
    ridge: float = 2.0, iterations: int = 50, trained_on: Mapping[str, object] | None = None,
) -> ScoringModel:
    """Weights by a ridge-penalised logistic regression on one-hot comparison levels (Newton steps).

    Unlike Fellegi–Sunter it does not assume the fields independent: organisation, contact, venue and
    district agree together on every pair of one organisation's offers and are not counted four times.
    Weights are kept monotone: a closer level of a field never weighs less than a looser one (adjacent
    levels that break this are fused and share one weight), so a quirk of the training data cannot
    make "more alike" count against a pair on new data.
    """
    import numpy as np  # training only; scoring at run time stays plain Python

    y = np.array([1.0 if pair.same else 0.0 for pair in pairs])
    w = np.array([pair.weight for pair in pairs])
    if y.sum() == 0 or y.sum() == len(y):
        raise ValueError("labels: need at least one duplicate and one different pair")
    # groups[name]: levels sharing one weight, strongest agreement first
    groups = {name: [[level] for level in range(len(labels))] for name, labels in LEVELS.items()}
    fixed: dict[tuple[str, int], float] = dict.fromkeys(NEUTRAL, 0.0)  # (name, level) -> weight in nats, held
    while True:
        columns = [(name, tuple(group)) for name in LEVELS for group in groups[name] if (name, group[0]) not in fixed]
        column_of = {(name, level): index for index, (name, group) in enumerate(columns) for level in group}
        x = np.zeros((len(pairs), len(columns) + 1))
        x[:, -1] = 1.0
        offset = np.zeros(len(pairs))
        for row, pair in enumerate(pairs):
            for name, level in pair.levels.items():
                if (name, level) in column_of:
                    x[row, column_of[(name, level)]] = 1.0
                elif (name, level) in fixed:
                    offset[row] += fixed[(name, level)]
        beta = _newton(x, y, w, ridge, iterations, offset)
        value = {key: float(beta[index]) for key, index in column_of.items()} | fixed
        changed = False
        for name in LEVELS:
            values = [value[(name, group[0])] for group in groups[name]]
            for index in range(len(values) - 1):
                if values[index] < values[index + 1] - 1e-9:
                    merged = groups[name][index] + groups[name][index + 1]
                    groups[name][index : index + 2] = [merged]
                    # a level held at zero holds the levels fused with it; otherwise they are free again
                    held = any((name, level) in NEUTRAL for level in merged)
                    for level in merged:
                        if held:
                            fixed[(name, level)] = 0.0
                        else:
                            fixed.pop((name, level), None)
                    changed = True
                    break
            if changed:
                break
            floor = FLOORS.get(name)
            for group in groups[name]:
                if floor is not None and value[(name, group[0])] < floor * math.log(2) - 1e-9:
                    fixed.update({(name, level): floor * math.log(2) for level in group})
                    changed = True
        if not changed:
            break
    bits = beta / math.log(2)
    weights = {name: tuple(value[(name, level)] / math.log(2) for level in range(len(labels))) for name, labels in LEVELS.items()}
    info = {"method": "logistic", "ridge": ridge, "floors": dict(FLOORS), "duplicates": float(w[y == 1].sum()), "different": float(w[y == 0].sum()),
            **(trained_on or {})}
    return ScoringModel(version=version, intercept=float(bits[-1]), weights=weights, idf=dict(idf), default_idf=default_idf,
                        trained_on=info)


def expectation_maximisation(
    vectors: Sequence[Levels], start: ScoringModel, version: str, iterations: int = 25, smoothing: float = 1.0,
    tolerance: float = 1e-4, trained_on: Mapping[str, object] | None = None,
) -> ScoringModel:
    """m, u and prior estimated from unlabelled candidate pairs, starting from `start`."""
    model = start
    for iteration in range(1, iterations + 1):
        weighted = []
        for levels in vectors:
            probability, _ = model.weigh({name: (level, 0.0) for name, level in levels.items()})
            weighted.append((levels, probability, 1.0 - probability))
        m, u, same, different = _estimate(weighted, smoothing)
        prior = min(max(same / (same + different), 1e-6), 1 - 1e-6)
        change = abs(prior - model.prior) + max(
            abs(new - old) for name in LEVELS for new, old in zip(m[name], model.m.get(name, (0.0,) * len(m[name])))
        )
        info = {"method": "fellegi-sunter-em", "iterations": iteration, "pairs": len(vectors), **(trained_on or {})}
        model = ScoringModel.from_probabilities(version, prior, m, u, idf=model.idf, default_idf=model.default_idf,
                                                trained_on=info)
        if change < tolerance:
            break
    return model


Pair = tuple[str, str]


def candidate_pairs(profiles: Sequence[OfferProfile], config: DedupeConfig) -> list[Pair]:
    """Every pair blocking proposes among the profiles (what the model will be asked to score)."""
    index = CandidateIndex(config)
    for profile in profiles:
        index.add(profile)
    pairs = {
        (a, b) if a < b else (b, a)
        for profile in profiles
        for a, b in ((profile.offer_id, other) for other in index.candidates(profile))
    }
    return sorted(pairs)


def labelled_pairs(
    profiles: Sequence[OfferProfile], label_of: Mapping[str, str], config: DedupeConfig,
    idf: Mapping[str, float], default_idf: float, extra: Iterable[Pair] = (),
    synonyms: Mapping[str, frozenset[str]] = NO_SYNONYMS,
) -> list[LabelledPair]:
    """Blocking candidates (plus `extra` pairs) labelled by a truth map offer id -> real-world offer."""
    by_id = {profile.offer_id: profile for profile in profiles}
    pairs = set(candidate_pairs(profiles, config)) | {pair for pair in extra if all(i in by_id for i in pair)}
    return [
        LabelledPair(levels_of(compare(by_id[a], by_id[b], config, idf, default_idf, synonyms)),
                     label_of.get(a) is not None and label_of.get(a) == label_of.get(b))
        for a, b in sorted(pairs)
        if a in label_of and b in label_of
    ]


# A word taught by a confirm must be rare among titles: "group" in "Crawling group" / "Krabbelgruppe"
# is in many titles and would make every group a playgroup.
MAX_LEARNED_WORD_SHARE = 0.01


def learned_title_synonyms(
    profiles: Mapping[str, OfferProfile], decisions: Mapping[Pair, str], frequencies: Mapping[str, int], documents: int,
) -> dict[str, frozenset[str]]:
    """Title words the office's confirms teach: in a confirmed pair whose titles name no activity in
    common, a rare word of one title that names no activity stands for the activities the other title
    names ("Crawling group" / "Krabbelgruppe": "crawling" -> "#play"). Reading them, the comparison
    finds the same activity next time, and the retrained weights see that level."""
    most = max(2, int(MAX_LEARNED_WORD_SHARE * documents))
    learned: dict[str, set[str]] = {}
    for (a, b), decision in sorted(decisions.items()):
        if decision != "confirm" or a not in profiles or b not in profiles:
            continue
        terms_a, terms_b = profiles[a].title_terms, profiles[b].title_terms
        activities_a = {term for term in terms_a if term[0] == "#" and ":" not in term}
        activities_b = {term for term in terms_b if term[0] == "#" and ":" not in term}
        if activities_a & activities_b:
            continue
        for words, activities in ((terms_a - terms_b, activities_b), (terms_b - terms_a, activities_a)):
            for word in words:
                if word[0] not in "#@" and len(word) >= 4 and activities and frequencies.get(word, 0) <= most:
                    learned.setdefault(word, set()).update(activities)
    return {word: frozenset(activities) for word, activities in sorted(learned.items())}


def review_pairs(
    profiles: Mapping[str, OfferProfile], decisions: Mapping[Pair, str], config: DedupeConfig,
    idf: Mapping[str, float], default_idf: float, weight: float, synonyms: Mapping[str, frozenset[str]] = NO_SYNONYMS,
) -> list[LabelledPair]:
    """Reviewers' decisions as labelled pairs: confirm = the same offer, reject = different offers.

    A decision counts `weight` times: a person looked at this pattern, and a handful of rejects must
    be able to move weights learnt from thousands of generated pairs.
    """
    return [
        LabelledPair(levels_of(compare(profiles[a], profiles[b], config, idf, default_idf, synonyms)),
                     decision == "confirm", weight)
        for (a, b), decision in sorted(decisions.items())
        if a in profiles and b in profiles
    ]
