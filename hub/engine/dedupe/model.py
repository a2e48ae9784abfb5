"""ScoringModel: a Fellegi–Sunter model of what each comparison level says about a pair.

Every comparison level carries a weight in bits of evidence; a pair's match probability is
2^(intercept + sum of its levels' weights) as odds. Comparisons one side lacks contribute nothing.
Weights come from one of two estimators (training.py): Fellegi–Sunter, where a level's weight is
log2(m/u) with m how often true duplicates show the level and u how often different candidate
pairs do (counted on labels, or estimated by EM without labels), and the intercept the prior odds;
or a logistic regression on the same levels, whose coefficients are weights that already account
for fields that move together (one organisation's offers share contact, venue and district). The model is plain data: it is
trained offline (`koordinate dedupe train`), stored as a small versioned JSON file and handed to
the engine, which only reads it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hub.engine.dedupe.comparisons import LEVELS, Comparison

__all__ = ["MODEL_FORMAT", "ModelError", "ScoringModel"]

MODEL_FORMAT = "koordinate-dedupe-model/1"
# A level seen (almost) never on one side would get an unbounded weight; no single field may
# decide a pair alone by more than this many bits.
MAX_BITS = 10.0


class ModelError(ValueError):
    """A model file that cannot be used; the message names the field and the reason."""


@dataclass(frozen=True)
class ScoringModel:
    version: str
    intercept: float  # bits before any evidence (log2 prior odds for Fellegi–Sunter)
    weights: Mapping[str, tuple[float, ...]]  # bits per comparison level, strongest agreement first
    idf: Mapping[str, float] = field(default_factory=dict)
    default_idf: float = 5.0
    trained_on: Mapping[str, Any] = field(default_factory=dict)
    # Fellegi–Sunter only: the m and u probabilities behind the weights, kept for people to read.
    m: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    u: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    # title words the office's confirmed reviews taught: word -> the activities it names ("crawling" ->
    # "#play" once "Crawling group" / "Krabbelgruppe" was confirmed); read by the title comparison
    title_synonyms: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # derived in __post_init__: the weights clipped to MAX_BITS, and as shown in evidence (rounded once
    # rather than for every pair)
    _bits: Mapping[str, tuple[float, ...]] = field(init=False, repr=False, compare=False)
    _shown: Mapping[str, tuple[float, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, levels in LEVELS.items():
            values = self.weights.get(name)
            if values is None:
                raise ModelError(f"weights.{name}: missing")
            if len(values) != len(levels):
                raise ModelError(f"weights.{name}: needs {len(levels)} levels ({', '.join(levels)}), got {len(values)}")
            if any(not math.isfinite(value) for value in values):
                raise ModelError(f"weights.{name}: every weight must be a finite number of bits")
        if not math.isfinite(self.intercept):
            raise ModelError("intercept: must be a finite number of bits")
        for word, concepts in self.title_synonyms.items():
            if not concepts or any(not concept.startswith(("#", "@")) for concept in concepts):
                raise ModelError(f"title_synonyms.{word}: must name activities (\"#...\") or audiences (\"@...\")")
        clipped = {name: tuple(max(-MAX_BITS, min(MAX_BITS, value)) for value in self.weights[name]) for name in LEVELS}
        object.__setattr__(self, "_bits", clipped)
        object.__setattr__(self, "_shown", {name: tuple(round(value, 3) for value in values) for name, values in clipped.items()})

    @classmethod
    def from_probabilities(cls, version: str, prior: float, m: Mapping[str, tuple[float, ...]],
                           u: Mapping[str, tuple[float, ...]], **rest: Any) -> ScoringModel:
        """A Fellegi–Sunter model: weights log2(m/u), intercept the prior odds."""
        if not 0.0 < prior < 1.0:
            raise ModelError(f"prior: must lie strictly between 0 and 1, got {prior}")
        for side, table in (("m", m), ("u", u)):
            for name in LEVELS:
                if any(not 0.0 < value <= 1.0 for value in table.get(name, (1.0,))):
                    raise ModelError(f"{side}.{name}: every probability must lie in (0, 1]")
        weights = {name: tuple(math.log2(mi / ui) for mi, ui in zip(m[name], u[name])) for name in LEVELS if name in m}
        return cls(version=version, intercept=math.log2(prior / (1 - prior)), weights=weights, m=m, u=u, **rest)

    @property
    def prior(self) -> float:
        odds_against: float = 2.0 ** -self.intercept
        return 1.0 / (1.0 + odds_against)

    def bits(self, name: str, level: int) -> float:
        """Weight of evidence (bits) of one comparison level."""
        return self._bits[name][level]

    def weigh(self, comparisons: Mapping[str, Comparison]) -> tuple[float, dict[str, float]]:
        """Match probability of a pair and the weight in bits each comparison added."""
        shown = self._shown
        weights = {name: shown[name][level] for name, (level, _) in comparisons.items() if name in shown}
        total = self.intercept + sum(weights.values())
        probability = 1.0 / (1.0 + 2.0 ** -total) if total > -1000 else 0.0
        return probability, weights

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": MODEL_FORMAT,
            "version": self.version,
            "intercept": round(self.intercept, 6),
            "levels": {name: list(levels) for name, levels in LEVELS.items()},
            "weights": {name: [round(value, 6) + 0.0 for value in self.weights[name]] for name in LEVELS},  # + 0.0: no "-0.0"
            "default_idf": self.default_idf,
            "idf": dict(sorted(self.idf.items())),
            "trained_on": dict(self.trained_on),
        }
        if self.m:
            data["m"] = {name: list(values) for name, values in self.m.items()}
            data["u"] = {name: list(values) for name, values in self.u.items()}
        if self.title_synonyms:
            data["title_synonyms"] = {word: sorted(concepts) for word, concepts in sorted(self.title_synonyms.items())}
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoringModel:
        if data.get("format") != MODEL_FORMAT:
            raise ModelError(f"format: expected {MODEL_FORMAT!r}, got {data.get('format')!r}")
        for key in ("version", "intercept", "weights"):
            if key not in data:
                raise ModelError(f"{key}: missing")
        levels = data.get("levels", {})
        for name, labels in LEVELS.items():
            if name in levels and tuple(levels[name]) != labels:
                raise ModelError(f"levels.{name}: this hub compares {list(labels)}, the model was trained on {levels[name]}")
        try:
            return cls(
                version=str(data["version"]),
                intercept=float(data["intercept"]),
                weights={name: tuple(float(v) for v in values) for name, values in data["weights"].items()},
                idf={str(term): float(value) for term, value in data.get("idf", {}).items()},
                default_idf=float(data.get("default_idf", 5.0)),
                trained_on=dict(data.get("trained_on", {})),
                m={name: tuple(float(v) for v in values) for name, values in data.get("m", {}).items()},
                u={name: tuple(float(v) for v in values) for name, values in data.get("u", {}).items()},
                title_synonyms={str(word): frozenset(str(c) for c in concepts)
                                for word, concepts in data.get("title_synonyms", {}).items()},
            )
        except (TypeError, AttributeError, ValueError) as exc:
            raise ModelError(f"weights: each must map a comparison to a list of numbers ({exc})") from None
