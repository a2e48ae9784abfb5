"""Synthetic refugee-help offers as five kinds of source systems export them, with the truth of
which records describe the same real-world offer (generator F; see README.md).

    offers, truth = generate(seed=7, n_offers=2000, mode="standard")
    offers, rows = generate_with_rows(seed=7, n_offers=2000, mode="hard")
"""

from __future__ import annotations

from typing import Any

from tests.synthetic_f.generator import MODES, Row, build

__all__ = ["MODES", "Row", "generate", "generate_with_rows"]


def generate(seed: int = 7, n_offers: int = 2000, mode: str = "standard") -> tuple[list[dict[str, Any]], dict[str, str]]:
    """`n_offers` offer dicts (valid ``schemas.Offer`` input) and {offer id: real-world offer id}."""
    offers, rows = build(seed, n_offers, mode)
    return offers, {row.offer_id: row.truth_id for row in rows}


def generate_with_rows(seed: int = 7, n_offers: int = 2000,
                       mode: str = "standard") -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The offers and one row per offer: offer_id, truth_id, source_kind, variant_notes,
    hard_negative_family (empty for offers outside a hard-negative group)."""
    offers, rows = build(seed, n_offers, mode)
    return offers, [row.as_dict() for row in rows]
