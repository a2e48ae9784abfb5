"""Synthetic listings of refugee-help offers with known duplicates and hard negatives (generator C).

``generate(seed, n_offers)`` returns offer event payloads (valid under ``schemas.Offer``) and a map from
each offer id to the id of the real-world offer it lists. See README.md in this folder.
"""

from __future__ import annotations

from tests.synthetic_c.world import build


def generate(seed: int, n_offers: int) -> tuple[list[dict], dict[str, str]]:
    offers, rows = build(seed, n_offers)
    return offers, {row["offer_id"]: row["truth_id"] for row in rows}


def generate_with_rows(seed: int, n_offers: int) -> tuple[list[dict], list[dict]]:
    """Like ``generate``, with the full truth rows (source kind, variant notes, hard-negative family)."""
    return build(seed, n_offers)


__all__ = ["generate", "generate_with_rows"]
