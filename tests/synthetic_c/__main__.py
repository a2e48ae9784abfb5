"""python -m tests.synthetic_c --seed 7 --offers 2000 --out DIR: writes offers.jsonl and truth.csv, prints counts."""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from itertools import combinations
from pathlib import Path

from tests.synthetic_c import generate_with_rows


def summary(rows: list[dict]) -> dict:
    by_real = Counter(r["truth_id"] for r in rows)
    sizes = Counter(by_real.values())
    true_pairs = sum(n * (n - 1) // 2 for n in by_real.values())
    families: dict[str, dict[str, int]] = {}
    members: dict[str, list[dict]] = {}
    for r in rows:
        if r["family_id"]:
            members.setdefault(r["family_id"], []).append(r)
    hn_pairs = 0
    for fid, rs in members.items():
        name = rs[0]["hard_negative_family"]
        pairs = sum(1 for a, b in combinations(rs, 2) if a["truth_id"] != b["truth_id"])
        hn_pairs += pairs
        f = families.setdefault(name, {"groups": 0, "real_offers": 0, "listings": 0, "pairs": 0})
        f["groups"] += 1
        f["real_offers"] += len({r["truth_id"] for r in rs})
        f["listings"] += len(rs)
        f["pairs"] += pairs
    notes = Counter(n for r in rows for n in r["variant_notes"].split(";") if n)
    clustered = sum(n for n in by_real.values() if n >= 2)
    return {
        "listings": len(rows),
        "real_offers": len(by_real),
        "clusters_by_size": {str(k): v for k, v in sorted(sizes.items())},
        "share_in_clusters": round(clustered / max(1, len(rows)), 3),
        "true_pairs": true_pairs,
        "hard_negative_pairs": hn_pairs,
        "hard_negative_families": dict(sorted(families.items())),
        "source_kinds": dict(sorted(Counter(r["source_kind"] for r in rows).items())),
        "variation_share": {k: round(v / len(rows), 3) for k, v in sorted(notes.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--full", action="store_true", help="print the variation shares too")
    args = parser.parse_args()
    offers, rows = generate_with_rows(args.seed, args.offers)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "offers.jsonl").open("w", encoding="utf-8") as f:
        for offer in offers:
            f.write(json.dumps(offer, ensure_ascii=False) + "\n")
    with (args.out / "truth.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["offer_id", "truth_id", "source_kind", "variant_notes", "hard_negative_family"])
        for r in rows:
            writer.writerow([r["offer_id"], r["truth_id"], r["source_kind"], r["variant_notes"], r["hard_negative_family"]])
    counts = summary(rows)
    if not args.full:
        counts.pop("variation_share")
    print(json.dumps(counts, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
