"""Write generator D's data: `python -m tests.synthetic_d --seed 7 --offers 2000 --out DIR`.

DIR/offers.jsonl holds one contract-shaped offer per line; DIR/truth.csv says which real offer each
listing belongs to, which source kind wrote it, how it differs, and its hard-negative family.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from tests.synthetic_d import generate_with_rows
from tests.synthetic_d.stats import report, summarise

TRUTH_COLUMNS = ("offer_id", "truth_id", "source_kind", "variant_notes", "hard_negative_family")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synthetic_d", description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--offers", type=int, default=2000, help="number of listings to write")
    parser.add_argument("--out", type=Path, required=True, help="directory for offers.jsonl and truth.csv")
    args = parser.parse_args(argv)

    offers, rows = generate_with_rows(args.seed, args.offers)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "offers.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for offer in offers:
            fh.write(json.dumps(offer, ensure_ascii=False) + "\n")
    with (args.out / "truth.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=TRUTH_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"seed {args.seed}: wrote {args.out / 'offers.jsonl'} and {args.out / 'truth.csv'}")
    print(report(summarise(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
