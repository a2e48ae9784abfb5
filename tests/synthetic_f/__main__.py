"""Command line: write offers.jsonl and truth.csv, print the counts.

    python -m tests.synthetic_f --seed 7 --offers 2000 --mode hard --out DIR
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from tests.synthetic_f import MODES, generate_with_rows
from tests.synthetic_f.stats import summarise

FIELDS = ("offer_id", "truth_id", "source_kind", "variant_notes", "hard_negative_family")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synthetic_f", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--mode", choices=MODES, default="standard")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    offers, rows = generate_with_rows(args.seed, args.offers, args.mode)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "offers.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for offer in offers:
            f.write(json.dumps(offer, ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(args.out / "truth.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    summary = summarise(offers, rows)
    print(f"offers: {summary['offers']}  real offers: {summary['real_offers']}  true pairs: {summary['true_pairs']}  "
          f"share in clusters: {summary['share_in_clusters']}  hard-negative offers: {summary['hard_negative_offers']}")
    print("by source kind: " + ", ".join(f"{k} {v}" for k, v in summary["by_kind"].items()))
    print("by hard-negative family: " + ", ".join(f"{k} {v}" for k, v in summary["by_family"].items()))
    print("true pairs: " + ", ".join(f"{k} {v}" for k, v in summary["pair_shape"].items()))
    print(f"wrote {args.out / 'offers.jsonl'} and {args.out / 'truth.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
