"""Batch duplicate search over offer JSON lines (`koordinate dedupe`): same-offer clusters as JSON lines."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from schemas import EnvelopeError, Offer, describe_validation_error, from_http_structured, to_model

from connectors.errors import RecordError
from hub.engine.dedupe.batch import find_duplicate_clusters
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.profile import profile_of
from hub.engine.dedupe.results import Cluster
from hub.replay.lenient_offers import Leniency, read_offer_leniently
from hub.replay.reading import BadLine


@dataclass
class ClusterResult:
    clusters: list[Cluster] = field(default_factory=list)
    offers: int = 0
    bad_lines: list[BadLine] = field(default_factory=list)
    leniency: Leniency | None = None  # what lenient reading changed (None: read strictly)


def offer_of_line(line_no: int, text: str, leniency: Leniency | None = None) -> Offer | BadLine:
    """The offer of one line; with `leniency`, an offer line the contract refuses is read once more the
    way a person would read it (hub/replay/lenient_offers.py), and what that changed is counted there;
    a line that is still no offer names what is still wrong."""
    try:
        if '"specversion"' in text:
            model = to_model(from_http_structured(text))
            if not isinstance(model, Offer):
                return BadLine(line_no, f"type: expected an offer event, got {type(model).__name__}")
            return model
        return Offer.model_validate_json(text)
    except EnvelopeError as exc:
        return BadLine(line_no, str(exc))
    except ValidationError as exc:
        refused = BadLine(line_no, "; ".join(str(p) for p in describe_validation_error(exc)))
    if leniency is None:
        return refused
    try:
        return read_offer_leniently(text, leniency)
    except RecordError as exc:
        return BadLine(line_no, str(exc))


def find_clusters_in_lines(lines: Iterable[str], config: DedupeConfig | None = None,
                           on_line: Callable[[int], None] | None = None, *,
                           with_review: bool = False, lenient: bool = True) -> ClusterResult:
    """Same-offer clusters among the offers in `lines` (offer data or whole CloudEvents per line).

    With `with_review`, the review band follows the clusters as items of status "review". Offers the
    contract refuses are read leniently (`offer_of_line`) unless `lenient` is False; the clusters name
    the export's own ids.
    """
    result = ClusterResult(leniency=Leniency() if lenient else None)
    profiles = []
    for line_no, text in enumerate(lines, start=1):
        if text.strip():
            offer = offer_of_line(line_no, text, result.leniency)
            if isinstance(offer, BadLine):
                result.bad_lines.append(offer)
            else:
                profiles.append(result.leniency.profile(offer) if result.leniency else profile_of(offer))
        if on_line is not None:
            on_line(line_no)
    result.offers = len(profiles)
    result.clusters = find_duplicate_clusters(profiles, config, with_review_queue=with_review)
    return result


def cluster_line(cluster: Cluster) -> dict[str, Any]:
    """One output line: cluster id, kind, offer ids, score, status, the evidence of every linking pair
    (similarity and weight per field) and each field's mean weight over those pairs."""
    return {
        "cluster_id": cluster.cluster_id,
        "kind": cluster.kind,
        "offer_ids": list(cluster.members),
        "score": cluster.score,
        "status": cluster.status,
        "evidence": [pair.to_dict() for pair in cluster.evidence],
        # bits of evidence per field, summed over the linking pairs: what made (or kept) them one
        "weights": _summed_weights(cluster),
    }


def _summed_weights(cluster: Cluster) -> dict[str, float]:
    totals: dict[str, float] = {}
    for pair in cluster.evidence:
        for name, weight in pair.weights.items():
            totals[name] = round(totals.get(name, 0.0) + weight / len(cluster.evidence), 3)
    return totals
