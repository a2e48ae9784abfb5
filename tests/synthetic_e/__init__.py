"""Synthetic listings of refugee-help offers with a known truth, for evaluating duplicate detection.

    from tests.synthetic_e import generate, generate_with_rows
    offers, truth = generate(seed=7, n_offers=2000)
    offers, rows = generate_with_rows(seed=7, n_offers=2000)
"""

from __future__ import annotations

from .generator import generate, generate_with_rows

__all__ = ["generate", "generate_with_rows"]
