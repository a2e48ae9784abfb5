"""Sizes of the reliability suite, from KOORDINATE_RELIABILITY_* environment variables.

Defaults are small so the suite fits in CI; docs/reliability.md lists the larger runs done by hand.
"""

from __future__ import annotations

import os


def size(name: str, default: int) -> int:
    """An integer knob, e.g. ``KOORDINATE_RELIABILITY_EVENTS=50000``."""
    return int(os.environ.get(f"KOORDINATE_RELIABILITY_{name}", default))


def seconds(name: str, default: float) -> float:
    return float(os.environ.get(f"KOORDINATE_RELIABILITY_{name}", default))


def choice(name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = os.environ.get(f"KOORDINATE_RELIABILITY_{name}", default)
    if value not in allowed:
        raise ValueError(f"KOORDINATE_RELIABILITY_{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value
