"""Labelled offer listings: generate them for a seed, count what they hold, write them to disk."""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from tests.synthetic_b.noise import transliterate
from tests.synthetic_b.render import Posting, Renderer
from tests.synthetic_b.sources import HABITS, eligible_kinds
from tests.synthetic_b.world import RealOffer, build_world

TRUTH_COLUMNS = ("offer_id", "truth_id", "source_kind", "variant_notes", "organisation", "concept",
                 "hard_negative_families")


@dataclass
class Listing:
    """A generated offer with everything known about it: the record, its real offer, how it varies."""

    posting: Posting
    offer: RealOffer

    @property
    def id(self) -> str:
        return str(self.posting.data["id"])


def _kinds_for(offer: RealOffer, rng: random.Random) -> list[str]:
    """Distinct systems for the offer's listings; now and then one system holds it twice."""
    eligible = eligible_kinds(offer)
    weights = {k: HABITS[k].weight * (4 if k == "church_website" and offer.org.kind == "church" else 1) for k in eligible}
    chosen: list[str] = []
    while len(chosen) < offer.postings:
        pool = [k for k in eligible if k not in chosen]
        if not pool or (chosen and rng.random() < 0.04):
            chosen.append(rng.choice(chosen))
            continue
        chosen.append(rng.choices(pool, weights=[weights[k] for k in pool])[0])
    return chosen


def generate_listings(seed: int, n_offers: int) -> list[Listing]:
    """`n_offers` listings in a stable, shuffled order; the same seed gives the same listings."""
    rng = random.Random(seed)
    offers = build_world(rng, n_offers)
    renderer = Renderer(rng)
    listings = [Listing(renderer.render(offer, kind), offer) for offer in offers for kind in _kinds_for(offer, rng)]
    rng.shuffle(listings)
    return listings


def generate(seed: int, n_offers: int) -> tuple[list[dict[str, object]], dict[str, str]]:
    """Offer data objects and, per offer id, the id of the real-world offer it lists."""
    listings = generate_listings(seed, n_offers)
    return [item.posting.data for item in listings], {item.id: item.posting.truth for item in listings}


def truth_rows(listings: list[Listing]) -> list[dict[str, str]]:
    return [{
        "offer_id": item.id,
        "truth_id": item.posting.truth,
        "source_kind": item.posting.kind,
        "variant_notes": ";".join(item.posting.notes),
        "organisation": item.offer.org.key,
        "concept": item.offer.concept.key,
        "hard_negative_families": "|".join(item.offer.families),
    } for item in listings]


def write_dataset(listings: list[Listing], out: Path) -> None:
    """DIR/offers.jsonl (one offer data object a line) and DIR/truth.csv."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "offers.jsonl").open("w", encoding="utf-8") as sink:
        for item in listings:
            sink.write(json.dumps(item.posting.data, ensure_ascii=False) + "\n")
    with (out / "truth.csv").open("w", encoding="utf-8", newline="") as sink:
        writer = csv.DictWriter(sink, fieldnames=TRUTH_COLUMNS)
        writer.writeheader()
        writer.writerows(truth_rows(listings))


def _candidate(a: Listing, b: Listing) -> bool:
    # what a blocking step would pair: one town, and the same organisation, activity or venue
    return a.offer.org.key == b.offer.org.key or a.offer.concept.key == b.offer.concept.key \
        or a.offer.venue.key == b.offer.venue.key


def _title_words(listing: Listing) -> set[str]:
    text = transliterate(str(listing.posting.data["title"])).lower()
    return {w for w in re.findall(r"[a-z]{5,}", text)}


def _keys(listing: Listing) -> set[str]:
    """What a blocking step sees in the record itself: title words, the street, the contact's domain."""
    data = listing.posting.data
    keys = {f"w:{w}" for w in _title_words(listing)}
    location = data.get("location") or {}
    if isinstance(location, dict) and location.get("street"):
        street = transliterate(str(location["street"])).lower()
        keys.add("s:" + re.sub(r"[^a-z0-9]", "", re.sub(r"str(asse|\.|\b)", "strasse", street)))
    contact = data.get("contact") or {}
    if isinstance(contact, dict):
        if contact.get("email"):
            keys.add("d:" + str(contact["email"]).split("@")[1].lower())
        if contact.get("url"):
            keys.add("d:" + str(contact["url"]).split("/")[2].removeprefix("www."))
    return keys


def statistics(listings: list[Listing]) -> dict[str, object]:
    """Cluster and pair counts, and how many plausible-looking pairs are not duplicates."""
    sizes = Counter(item.posting.truth for item in listings)
    by_town: dict[str, list[Listing]] = {}
    for item in listings:
        by_town.setdefault(item.offer.org.municipality.ags, []).append(item)
    true_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    candidates = positives = same_org = 0
    word_pairs = word_positives = keyed_pairs = keyed_positives = 0
    words = {item.id: _title_words(item) for item in listings}
    keys = {item.id: _keys(item) for item in listings}
    families: Counter[str] = Counter()
    for group in by_town.values():
        for a, b in combinations(group, 2):
            if words[a.id] & words[b.id]:
                word_pairs += 1
                word_positives += a.posting.truth == b.posting.truth
            if keys[a.id] & keys[b.id]:
                keyed_pairs += 1
                keyed_positives += a.posting.truth == b.posting.truth
            if a.posting.truth == b.posting.truth:
                positives += 1
                candidates += 1
                continue
            if not _candidate(a, b):
                continue
            candidates += 1
            same_org += a.offer.org.key == b.offer.org.key
            for family in set(a.offer.families) & set(b.offer.families):
                families[family.split(":")[0]] += 1
    negatives = candidates - positives
    return {
        "offers": len(listings),
        "real_offers": len(sizes),
        "singletons": sum(1 for n in sizes.values() if n == 1),
        "clusters": sum(1 for n in sizes.values() if n > 1),
        "cluster_sizes": dict(sorted(Counter(sizes.values()).items())),
        "true_pairs": true_pairs,
        "candidate_pairs": candidates,
        "hard_negative_pairs": negatives,
        "hard_negative_share": round(negatives / candidates, 3) if candidates else 0.0,
        "hard_negatives_same_organisation": same_org,
        "hard_negatives_by_family": dict(sorted(families.items())),
        # a cruder blocking: same municipality and a title word of five letters or more in common
        "title_word_pairs": word_pairs,
        "title_word_negative_share": round(1 - word_positives / word_pairs, 3) if word_pairs else 0.0,
        # blocking on what the records show: a title word, the street or the contact's domain in common
        "record_key_pairs": keyed_pairs,
        "record_key_true_pairs": keyed_positives,
        "record_key_negative_share": round(1 - keyed_positives / keyed_pairs, 3) if keyed_pairs else 0.0,
        "source_kinds": dict(sorted(Counter(item.posting.kind for item in listings).items())),
    }
