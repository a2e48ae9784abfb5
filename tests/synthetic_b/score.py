"""Score a duplicate detector's clusters against truth.csv: pairwise precision and recall.

    python -m tests.synthetic_b.score DIR/truth.csv DIR/clusters.jsonl

``clusters.jsonl`` is what ``koordinate dedupe`` writes: one JSON object a line with ``offer_ids``.
Besides the totals it tells which hard-negative families the false pairs come from and how recall
differs between pairs of source kinds (a spreadsheet row against a city portal is harder than two
portal entries).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

Pair = tuple[str, str]


def _pairs(ids: Iterable[str]) -> set[Pair]:
    return {(a, b) for a, b in combinations(sorted(set(ids)), 2)}


def read_truth(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as source:
        return {row["offer_id"]: row for row in csv.DictReader(source)}


def read_predicted_pairs(path: Path) -> set[Pair]:
    pairs: set[Pair] = set()
    with path.open(encoding="utf-8") as source:
        for line in source:
            if line.strip():
                pairs |= _pairs(json.loads(line)["offer_ids"])
    return pairs


def score(truth: dict[str, dict[str, str]], predicted: set[Pair]) -> dict[str, object]:
    """Pairwise precision, recall and F1; false pairs by family; recall by pair of source kinds."""
    groups: dict[str, list[str]] = {}
    for offer_id, row in truth.items():
        groups.setdefault(row["truth_id"], []).append(offer_id)
    gold = set().union(*(_pairs(ids) for ids in groups.values())) if groups else set()
    predicted = {p for p in predicted if p[0] in truth and p[1] in truth}
    hits = predicted & gold
    precision = len(hits) / len(predicted) if predicted else 1.0
    recall = len(hits) / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def families(offer_id: str) -> set[str]:
        return {f for f in truth[offer_id]["hard_negative_families"].split("|") if f}

    false_by_family: Counter[str] = Counter()
    for a, b in predicted - gold:
        # the family both belong to ("org_roles", "franchise" ...), or "other" for a chance pair
        shared = {f.split(":")[0] for f in families(a) & families(b)}
        false_by_family[",".join(sorted(shared)) or "other"] += 1
    by_kinds: dict[str, list[int]] = {}
    for a, b in gold:
        key = " + ".join(sorted((truth[a]["source_kind"], truth[b]["source_kind"])))
        found = by_kinds.setdefault(key, [0, 0])
        found[0] += (a, b) in hits
        found[1] += 1
    by_note: dict[str, list[int]] = {}
    for a, b in gold:
        for note in _variations(truth[a]) | _variations(truth[b]):
            found = by_note.setdefault(note, [0, 0])
            found[0] += (a, b) in hits
            found[1] += 1
    return {
        "gold_pairs": len(gold), "predicted_pairs": len(predicted), "true_positives": len(hits),
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "false_pairs_by_family": dict(sorted(false_by_family.items())),
        "recall_by_source_kinds": {k: f"{h}/{n}" for k, (h, n) in sorted(by_kinds.items())},
        # recall over the true pairs where either listing carries the variation
        "recall_by_variation": {k: f"{h}/{n}" for k, (h, n) in sorted(by_note.items())},
    }


def _variations(row: dict[str, str]) -> set[str]:
    """The listing's variant notes as comparable kinds: the wording used and unchanged fields left out."""
    out = set()
    for note in filter(None, row["variant_notes"].split(";")):
        field, _, value = note.partition(":")
        if field == "wording" or value == "as_is":
            continue
        out.add("category:other" if field == "category" else note)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.synthetic_b.score", description=__doc__.splitlines()[0])
    parser.add_argument("truth", type=Path, help="truth.csv written by python -m tests.synthetic_b")
    parser.add_argument("clusters", type=Path, help="clusters.jsonl written by koordinate dedupe")
    args = parser.parse_args(argv)
    print(json.dumps(score(read_truth(args.truth), read_predicted_pairs(args.clusters)), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
