"""Counts over the truth rows: real offers, cluster sizes, true pairs and hard-negative pairs."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tests.synthetic_d.sources import SOURCE_KINDS
from tests.synthetic_d.world import FAMILIES


@dataclass(frozen=True)
class Summary:
    listings: int
    real_offers: int
    cluster_sizes: dict[int, int]  # size -> how many real offers have that many listings
    in_clusters: int  # listings whose real offer has at least one other listing
    true_pairs: int
    hard_negative_pairs: dict[str, int]  # family -> listing pairs of different real offers in one group
    hard_negative_groups: dict[str, int]
    per_source: dict[str, int]


def summarise(rows: Iterable[Mapping[str, str]]) -> Summary:
    rows = list(rows)
    per_truth = Counter(r["truth_id"] for r in rows)
    sizes = Counter(per_truth.values())
    # a hard-negative pair: two listings of *different* real offers of one family group
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    family_of: dict[str, str] = {}
    for r in rows:
        if r.get("hard_negative_group"):
            groups[r["hard_negative_group"]][r["truth_id"]] += 1
            family_of[r["hard_negative_group"]] = r["hard_negative_family"]
    pairs = dict.fromkeys(FAMILIES, 0)
    group_count = dict.fromkeys(FAMILIES, 0)
    for group, counts in groups.items():
        total = sum(counts.values())
        pairs[family_of[group]] += (total * total - sum(c * c for c in counts.values())) // 2
        group_count[family_of[group]] += 1
    kinds = Counter(r["source_kind"] for r in rows)
    return Summary(
        listings=len(rows), real_offers=len(per_truth), cluster_sizes=dict(sorted(sizes.items())),
        in_clusters=sum(size * n for size, n in sizes.items() if size > 1),
        true_pairs=sum(n * size * (size - 1) // 2 for size, n in sizes.items()),
        hard_negative_pairs=pairs, hard_negative_groups=group_count,
        per_source={k: kinds.get(k, 0) for k in SOURCE_KINDS},
    )


def report(s: Summary) -> str:
    lines = [
        f"listings (offers):       {s.listings}",
        f"real offers:             {s.real_offers}",
        "clusters by size:        " + ", ".join(f"{size}: {n}" for size, n in s.cluster_sizes.items()),
        f"listings in clusters>=2: {s.in_clusters} ({100 * s.in_clusters / max(1, s.listings):.1f} %)",
        f"true pairs:              {s.true_pairs}",
        "hard-negative pairs per family (groups):",
        *(f"  {family:28} {s.hard_negative_pairs[family]:5} ({s.hard_negative_groups[family]})"
          for family in s.hard_negative_pairs),
        "listings per source kind:",
        *(f"  {kind:28} {n:5}" for kind, n in s.per_source.items()),
    ]
    return "\n".join(lines)
