"""Writing the output files and counting what they hold."""

from __future__ import annotations

import csv
import itertools
import json
from collections import Counter, defaultdict
from pathlib import Path

FIELDS = ("offer_id", "truth_id", "source_kind", "variant_notes", "hard_negative_family")


def write(out: Path, offers: list[dict], rows: list[dict]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "offers.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for offer in offers:
            fh.write(json.dumps(offer, ensure_ascii=False, sort_keys=False) + "\n")
    with (out / "truth.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def counts(rows: list[dict]) -> dict[str, object]:
    """Listings, real offers, true pairs, cluster sizes and cross-truth pairs per hard-negative family."""
    sizes = Counter(r["truth_id"] for r in rows)
    by_group: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["hard_negative_family"]:
            by_group[r["hard_negative_family"]].append(r)
    family_pairs: Counter[str] = Counter()
    for group, members in by_group.items():
        family = group.split(":")[0]
        family_pairs[family] += sum(1 for a, b in itertools.combinations(members, 2) if a["truth_id"] != b["truth_id"])
    in_clusters = sum(n for n in sizes.values() if n > 1)
    return {
        "listings": len(rows),
        "real_offers": len(sizes),
        "true_pairs": sum(n * (n - 1) // 2 for n in sizes.values()),
        "share_in_clusters": round(in_clusters / max(1, len(rows)), 3),
        "cluster_sizes": dict(sorted(Counter(sizes.values()).items())),
        "source_kinds": dict(sorted(Counter(r["source_kind"] for r in rows).items())),
        "hard_negative_pairs": dict(sorted(family_pairs.items())),
    }
