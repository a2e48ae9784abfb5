"""Generator D: synthetic offer listings with ground truth, held out for evaluating duplicate detection.

    offers, truth = generate(seed=7, n_offers=2000)           # truth: offer id -> real-offer id
    offers, rows = generate_with_rows(seed=7, n_offers=2000)  # rows say how and why listings differ

Written from the data contract (`schemas/`) alone; see README.md in this folder.
"""

from __future__ import annotations

import random

from tests.synthetic_d.sources import Listing, OfferDict, Renderer
from tests.synthetic_d.world import Truth, build_truths

__all__ = ["generate", "generate_with_rows", "generate_listings"]


def generate_listings(seed: int, n_offers: int) -> tuple[list[Truth], list[Listing]]:
    """The real offers and their listings, listings in publication-independent (shuffled) order."""
    truths = build_truths(seed, n_offers)
    # a second stream for rendering: the world stays the same if only a source habit changes
    rng = random.Random(seed * 7919 + 104729)
    renderer = Renderer(rng)
    listings = [listing for t in truths for listing in renderer.render(t)]
    # sources do not deliver in truth order; clusters must not sit next to each other
    rng.shuffle(listings)
    return truths, listings


def _row(listing: Listing) -> dict[str, str]:
    return {
        "offer_id": str(listing.offer["id"]),
        "truth_id": listing.truth.id,
        "source_kind": listing.kind,
        "variant_notes": ";".join(dict.fromkeys(listing.notes)),
        "hard_negative_family": listing.truth.family,
        "hard_negative_group": listing.truth.family_group,
    }


def generate_with_rows(seed: int, n_offers: int) -> tuple[list[OfferDict], list[dict[str, str]]]:
    """Offers (contract-shaped dicts) and one truth row per offer."""
    _, listings = generate_listings(seed, n_offers)
    return [listing.offer for listing in listings], [_row(listing) for listing in listings]


def generate(seed: int, n_offers: int) -> tuple[list[OfferDict], dict[str, str]]:
    """Offers and {offer id: truth id}; offers with the same truth id describe the same real offer."""
    offers, rows = generate_with_rows(seed, n_offers)
    return offers, {row["offer_id"]: row["truth_id"] for row in rows}
