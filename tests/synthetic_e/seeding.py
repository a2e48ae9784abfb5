"""Deterministic random streams derived from the seed and a label.

Every part of the generator draws from its own stream (``stream(seed, "places")``), so adding a
draw in one module does not shift the numbers another module sees. Labels are hashed with SHA-256,
never with ``hash()``, whose value changes with PYTHONHASHSEED.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def derive(seed: int, *labels: object) -> int:
    """A 64-bit integer that depends on the seed and the labels only."""
    text = "\x1f".join([str(seed), *map(str, labels)])
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def stream(seed: int, *labels: object) -> random.Random:
    """A fresh ``random.Random`` for one job (e.g. one listing of one real offer)."""
    return random.Random(derive(seed, *labels))


def weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    """One option, drawn by weight; options with weight 0 are never drawn."""
    total = sum(w for _, w in options)
    point = rng.random() * total
    for value, weight in options:
        point -= weight
        if point < 0 and weight > 0:
            return value
    return next(value for value, weight in reversed(options) if weight > 0)


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p
