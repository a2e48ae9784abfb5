"""python -m tests.synthetic_b --seed 7 --offers 2000 --out DIR: writes offers.jsonl and truth.csv."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pydantic import ValidationError

from schemas.offer import Offer
from tests.synthetic_b.generator import generate_listings, statistics, write_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synthetic_b", description=__doc__)
    parser.add_argument("--seed", type=int, default=7, help="random seed; the same seed gives the same files")
    parser.add_argument("--offers", type=int, default=2000, help="number of offer listings to write")
    parser.add_argument("--out", type=Path, required=True, help="directory for offers.jsonl and truth.csv")
    args = parser.parse_args(argv)
    if args.offers < 1:
        parser.error("--offers must be at least 1")
    listings = generate_listings(args.seed, args.offers)
    for item in listings:
        try:
            Offer.model_validate(item.posting.data)
        except ValidationError as exc:
            parser.exit(1, f"generated offer {item.id} is not a valid Offer: {exc}\n")
    write_dataset(listings, args.out)
    print(json.dumps({"seed": args.seed, "out": str(args.out), **statistics(listings)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
