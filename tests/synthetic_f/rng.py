"""Deterministic randomness: every stream is seeded from SHA-256 of the seed and a label.

Nothing here touches ``hash()``, the clock or the process: the same (seed, label) gives the same
numbers in every process, whatever PYTHONHASHSEED is. ``random.Random`` seeded with an int is
stable across runs of one Python version (3.11 is pinned by the project).
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

TRUTH_NAMESPACE = uuid.UUID("5b2f0c8e-3f8a-4c61-9d0e-7a1f2b3c4d5e")
"""Namespace of the real-world offer ids of this generator (uuid5)."""


def digest(*parts: object) -> bytes:
    """SHA-256 of the parts joined by a separator that cannot occur in them."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()


def stream(seed: int, *label: object) -> random.Random:
    """An independent random stream for (seed, label...)."""
    return random.Random(int.from_bytes(digest("synthetic_f", seed, *label)[:16], "big"))


def uid(*parts: object) -> str:
    """A deterministic lower-case UUID (uuid5) for the parts."""
    return str(uuid.uuid5(TRUTH_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def pick(rnd: random.Random, items: Sequence[T]) -> T:
    return items[rnd.randrange(len(items))]


def weighted(rnd: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    """One item of (item, weight) pairs; the order of the pairs is part of the result."""
    total = sum(w for _, w in pairs)
    x = rnd.random() * total
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]


def chance(rnd: random.Random, p: float) -> bool:
    return rnd.random() < p
