"""Which source systems list a real offer: 1-4 of the five kinds, and in hard mode sometimes an
English welcome guide on top. The counts are tuned so that about 2,000 offers hold roughly
1,200-1,450 true duplicate pairs (see README.md)."""

from __future__ import annotations

from tests.synthetic_f.rng import chance, stream, weighted
from tests.synthetic_f.world import RealOffer

PORTAL, APP, DIRECTORY, ROUND_TABLE, WEBSITE, ENGLISH = (
    "volunteer_portal", "municipal_app", "land_directory", "round_table", "org_website", "english_guide")
KINDS = (PORTAL, APP, DIRECTORY, ROUND_TABLE, WEBSITE)
ALL_KINDS = (*KINDS, ENGLISH)

COUNTS = {
    "standard": ((1, 0.44), (2, 0.31), (3, 0.19), (4, 0.06)),
    "hard": ((1, 0.50), (2, 0.30), (3, 0.155), (4, 0.045)),
}
ENGLISH_SHARE = 0.16  # hard mode: share of eligible real offers the English guide re-posts

_SUPPORT = ("support_rooms", "support_materials", "support_training", "support_insurance", "support_funding_advice")


def kinds_for(seed: int, mode: str, offer: RealOffer) -> list[str]:
    """The source kinds listing the offer, in a fixed order of drawing."""
    rnd = stream(seed, "listing", mode, offer.index)
    activity = offer.activity
    if activity.role:
        roles = [PORTAL]
        for kind, p in ((WEBSITE, 0.3), (ROUND_TABLE, 0.1), (APP, 0.05)):
            if chance(rnd, p):
                roles.append(kind)
        return roles
    weights = {PORTAL: 0.8, APP: 1.0, DIRECTORY: 1.0, ROUND_TABLE: 0.8, WEBSITE: 1.0}
    if activity.category in _SUPPORT:
        weights[PORTAL], weights[ROUND_TABLE] = 0.2, 0.5
    if activity.category in ("legal_asylum_counselling", "psychotherapy"):
        weights[PORTAL] = 0.3
    count = weighted(rnd, COUNTS[mode])
    kinds: list[str] = []
    for _ in range(count):
        kind = weighted(rnd, [(k, w) for k, w in weights.items() if k not in kinds])
        kinds.append(kind)
    if mode == "hard" and activity.category not in _SUPPORT and chance(rnd, ENGLISH_SHARE):
        kinds.append(ENGLISH)
    return kinds
