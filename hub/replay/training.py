"""`koordinate dedupe train`: a scoring model from offers, labelled pairs and the office's reviews.

Reads files and hands plain profiles and labels to the pure estimators in hub.engine.dedupe.training.
Labels are a CSV of offer id -> real-world offer id (records with the same real-world id are the same
offer), or of pairs (offer_a, offer_b, same). Reviews are JSON lines of review records or events
(`offer_ids`, `decision`: confirm/reject).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.model import ScoringModel
from hub.engine.dedupe.profile import OfferProfile, profile_of
from hub.engine.dedupe.training import (
    document_frequencies,
    expectation_maximisation,
    fit_labelled,
    fit_logistic,
    idf_table,
    labelled_pairs,
    learned_title_synonyms,
    levels_of,
    candidate_pairs,
    review_pairs,
)
from hub.engine.dedupe.comparisons import compare
from hub.replay.lenient_offers import Leniency
from hub.replay.offers import offer_of_line
from hub.replay.reading import BadLine

__all__ = ["load_model", "read_labels", "read_reviews", "shipped_model_json", "train_model", "write_model"]

Pair = tuple[str, str]
# How many generated labels one reviewer's decision is worth (see training.review_pairs).
REVIEW_WEIGHT = 50.0


def read_profiles(lines: Iterable[str], leniency: Leniency | None = None) -> tuple[list[OfferProfile], list[BadLine]]:
    """Profiles of the offers in `lines`; with `leniency`, refused offers are read leniently (`offer_of_line`)."""
    profiles: list[OfferProfile] = []
    bad: list[BadLine] = []
    for line_no, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        offer = offer_of_line(line_no, text, leniency)
        if isinstance(offer, BadLine):
            bad.append(offer)
        else:
            profiles.append(leniency.profile(offer) if leniency is not None else profile_of(offer))
    return profiles, bad


def read_labels(path: Path) -> tuple[dict[str, str], dict[Pair, str]]:
    """(offer id -> real-world id) from a two-column file, or pair decisions from a three-column one."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle) if row and row[0].strip()]
    if not rows:
        raise ValueError(f"{path}: no labels")
    header = [cell.strip().lower() for cell in rows[0]]
    has_header = any(word in " ".join(header) for word in ("id", "offer", "label", "same", "cluster"))
    body = rows[1:] if has_header else rows
    if len(rows[0]) >= 3:
        decisions = {}
        for row in body:
            same = row[2].strip().lower() in ("1", "true", "yes", "same", "confirm")
            a, b = sorted((row[0].strip(), row[1].strip()))
            decisions[(a, b)] = "confirm" if same else "reject"
        return {}, decisions
    return {row[0].strip(): row[1].strip() for row in body if len(row) >= 2}, {}


def read_reviews(lines: Iterable[str]) -> dict[Pair, str]:
    """Pair decisions from review records or review CloudEvents; a later line wins."""
    decisions: dict[Pair, str] = {}
    for text in lines:
        if not text.strip():
            continue
        record = json.loads(text)
        record = record.get("data", record) if "specversion" in record else record
        ids = sorted(set(record["offer_ids"]))
        for index, a in enumerate(ids):
            for b in ids[index + 1 :]:
                decisions[(a, b)] = record["decision"]
    return decisions


def train_model(
    profiles: Sequence[OfferProfile], label_of: Mapping[str, str], decisions: Mapping[Pair, str],
    version: str, config: DedupeConfig | None = None, method: str = "logistic", review_weight: float = REVIEW_WEIGHT,
) -> ScoringModel:
    """Weights from labelled pairs (truth, pair labels, reviews) by `method`: "logistic" (default) or
    "fellegi-sunter"; "em" estimates Fellegi–Sunter m and u from the unlabelled candidate pairs."""
    config = config or DedupeConfig()
    frequencies, documents = document_frequencies(profiles)
    idf, default_idf = idf_table(frequencies, documents)
    by_id = {profile.offer_id: profile for profile in profiles}
    synonyms = learned_title_synonyms(by_id, decisions, frequencies, documents)
    info: dict[str, Any] = {
        "offers": len(profiles), "labelled_offers": len(label_of), "reviews": len(decisions),
        "learned_title_words": len(synonyms), "trained_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    pairs = labelled_pairs(profiles, label_of, config, idf, default_idf, synonyms=synonyms) if label_of else []
    pairs += review_pairs(by_id, decisions, config, idf, default_idf, review_weight, synonyms)
    if method == "logistic":
        model = fit_logistic(pairs, idf, default_idf, version, trained_on=info)
    elif method == "fellegi-sunter":
        model = fit_labelled(pairs, idf, default_idf, version, trained_on=info)
    elif method == "em":
        start = fit_labelled(pairs, idf, default_idf, version) if pairs else _start_model(idf, default_idf, config)
        vectors = [levels_of(compare(by_id[a], by_id[b], config, idf, default_idf, synonyms))
                   for a, b in candidate_pairs(profiles, config)]
        model = expectation_maximisation(vectors, start, version, trained_on=info)
    else:
        raise ValueError(f"method: one of logistic, fellegi-sunter, em; not {method!r}")
    return replace(model, title_synonyms=synonyms)


def _start_model(idf: Mapping[str, float], default_idf: float, config: DedupeConfig) -> ScoringModel:
    from hub.engine.dedupe.config import model_of

    shipped = model_of(config)
    if shipped.m:
        return ScoringModel.from_probabilities("start", shipped.prior, shipped.m, shipped.u, idf=idf, default_idf=default_idf)
    # a guess splink also starts from: agreement is likelier among duplicates, disagreement among others
    from hub.engine.dedupe.comparisons import LEVELS

    m = {name: tuple([0.6] + [0.4 / (len(labels) - 1)] * (len(labels) - 1)) for name, labels in LEVELS.items()}
    u = {name: tuple([0.4 / (len(labels) - 1)] * (len(labels) - 1) + [0.6]) for name, labels in LEVELS.items()}
    return ScoringModel.from_probabilities("start", 0.02, m, u, idf=idf, default_idf=default_idf)


def write_model(model: ScoringModel, out: Path) -> None:
    out.write_text(json.dumps(model.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load_model(path: Path) -> ScoringModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc})") from None
    return ScoringModel.from_dict(data)


def shipped_model_json() -> dict[str, Any]:
    """The model shipped in the package (hub/engine/dedupe/model.json), as stored."""
    return json.loads(resources.files("hub.engine.dedupe").joinpath("model.json").read_text(encoding="utf-8"))


def write_python_module(model: ScoringModel, out: Path) -> None:
    """The shipped model as Python data, so the engine has it without reading a file."""
    out.write_text(
        '"""The scoring model shipped with the hub, written by `koordinate dedupe train --ship`; do not edit by hand.\n\n'
        'The same model is in model.json next to this file (a test keeps the two equal)."""\n\n'
        f"MODEL = {json.dumps(model.to_dict(), indent=1, ensure_ascii=False)}\n",
        encoding="utf-8",
    )
