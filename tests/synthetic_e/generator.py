"""Putting it together: world, families, listings, rows; the output is a function of the seed alone."""

from __future__ import annotations

from dataclasses import dataclass

from .families import build_families
from .listings import Listing, Renderer, plan
from .real import RealOffer
from .seeding import stream
from .world import World

FAMILY_SHARE = 0.30      # share of real offers that belong to a hard-negative family
LISTINGS_PER_REAL = 1.22  # expected listings per real offer (see listings.SINGLE_SHARE, MULTI_SIZES)


@dataclass
class Result:
    offers: list[dict]
    rows: list[dict]
    reals: dict[str, RealOffer]


def build(seed: int = 7, n_offers: int = 2000) -> Result:
    world = World(seed)
    n_real = int(n_offers / LISTINGS_PER_REAL) + 40
    groups = build_families(world, int(n_real * FAMILY_SHARE))
    plain = world.plain_offers(n_real - sum(len(g) for g in groups))
    bundles: list[list[RealOffer]] = groups + [[r] for r in plain]
    stream(seed, "bundles").shuffle(bundles)

    listings: list[Listing] = []
    for bundle in bundles:
        for real in bundle:
            planned = plan(real, seed)
            room = n_offers - len(listings)
            if room <= 0:
                break
            listings.extend(planned[:room])
        if len(listings) >= n_offers:
            break
    # more real offers if the planned listings fell short (only for tiny or unlucky draws)
    extra = 0
    while len(listings) < n_offers:
        extra += 1
        for real in world.plain_offers(1):
            listings.extend(plan(real, seed)[: n_offers - len(listings)])

    renderer = Renderer(seed)
    offers, rows = [], []
    reals: dict[str, RealOffer] = {}
    for index, listing in enumerate(listings):
        offer, notes = renderer.render(listing, index)
        real = listing.real
        reals[real.truth_id] = real
        offers.append(offer)
        rows.append({
            "offer_id": offer["id"],
            "truth_id": real.truth_id,
            "source_kind": listing.kind,
            "variant_notes": ";".join(notes),
            "hard_negative_family": f"{real.family}:{real.group}" if real.family else "",
        })
    order = list(range(len(offers)))
    stream(seed, "order").shuffle(order)
    return Result([offers[i] for i in order], [rows[i] for i in order], reals)


def generate(seed: int = 7, n_offers: int = 2000) -> tuple[list[dict], dict[str, str]]:
    """Offers (plain dicts the contract accepts) and {offer id: truth id}."""
    result = build(seed, n_offers)
    return result.offers, {row["offer_id"]: row["truth_id"] for row in result.rows}


def generate_with_rows(seed: int = 7, n_offers: int = 2000) -> tuple[list[dict], list[dict]]:
    """Offers and one row per offer: offer_id, truth_id, source_kind, variant_notes, hard_negative_family."""
    result = build(seed, n_offers)
    return result.offers, result.rows
