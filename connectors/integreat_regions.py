"""Which municipality an Integreat region is: region slug or name -> AGS, from ``integreat_regions.json``."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from schemas.taxonomy import normalise


@cache
def _regions() -> dict[str, dict[str, str]]:
    raw = json.loads(files("connectors").joinpath("integreat_regions.json").read_text(encoding="utf-8"))
    return dict(raw["regions"])


def ags_of_region(region: str) -> str | None:
    """The AGS of a region given by its slug (``augsburg``) or name (``Stadt Augsburg``); None when unknown."""
    regions = _regions()
    if region in regions:
        return regions[region]["ags"]
    wanted = normalise(region)
    for slug, entry in regions.items():
        if wanted in (normalise(slug), normalise(entry["name"])):
            return entry["ags"]
    return None


def known_regions() -> list[str]:
    """Every region slug the lookup knows, sorted."""
    return sorted(_regions())
