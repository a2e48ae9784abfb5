"""Command line: python -m tests.synthetic_e --seed 7 --offers 2000 --out DIR

Writes DIR/offers.jsonl (one offer per line) and DIR/truth.csv and prints the counts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .export import counts, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synthetic_e", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    from .generator import generate_with_rows

    offers, rows = generate_with_rows(args.seed, args.offers)
    write(args.out, offers, rows)
    for key, value in counts(rows).items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
