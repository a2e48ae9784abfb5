"""A second, independent generator of labelled duplicate offer listings (evaluation data).

``generate(seed, n_offers)`` returns offer data objects and, per offer id, the id of the real-world
offer it lists. ``python -m tests.synthetic_b --seed 7 --offers 2000 --out DIR`` writes them to disk.
"""

from __future__ import annotations

from tests.synthetic_b.generator import generate, generate_listings, statistics, write_dataset

__all__ = ["generate", "generate_listings", "statistics", "write_dataset"]
