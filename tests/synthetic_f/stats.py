"""Counts of a generated set: real offers, true pairs, share of offers in clusters, hard-negative
offers, and how the records of true pairs differ (the shape the README promises)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any


def clusters(rows: Sequence[Mapping[str, str]]) -> dict[str, list[int]]:
    """truth id -> positions of its offers, in order of first appearance."""
    out: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        out.setdefault(row["truth_id"], []).append(i)
    return out


def summarise(offers: Sequence[Mapping[str, Any]], rows: Sequence[Mapping[str, str]]) -> dict[str, Any]:
    groups = clusters(rows)
    pairs = [(a, b) for members in groups.values() for a, b in combinations(members, 2)]
    in_clusters = sum(len(m) for m in groups.values() if len(m) > 1)
    by_kind: dict[str, int] = {}
    by_family: dict[str, int] = {}
    for row in rows:
        by_kind[row["source_kind"]] = by_kind.get(row["source_kind"], 0) + 1
        if row["hard_negative_family"]:
            by_family[row["hard_negative_family"]] = by_family.get(row["hard_negative_family"], 0) + 1
    n = len(offers)
    return {
        "offers": n,
        "real_offers": len(groups),
        "true_pairs": len(pairs),
        "share_in_clusters": round(in_clusters / n, 3) if n else 0.0,
        "hard_negative_offers": sum(by_family.values()),
        "by_kind": dict(sorted(by_kind.items())),
        "by_family": dict(sorted(by_family.items())),
        "pair_shape": pair_shape(offers, rows, pairs),
    }


def pair_shape(offers: Sequence[Mapping[str, Any]], rows: Sequence[Mapping[str, str]],
               pairs: Sequence[tuple[int, int]]) -> dict[str, float]:
    """Among true pairs: how often each kind of difference occurs."""
    if not pairs:
        return {}
    counts = {"title_same": 0, "org_same": 0, "org_same_ignoring_form": 0, "contact_shared": 0,
              "str_vs_strasse": 0, "one_lacks_time_or_street": 0, "category_differs": 0, "time_stale": 0,
              "both_structured": 0}
    for a, b in pairs:
        oa, ob = offers[a], offers[b]
        na, nb = rows[a]["variant_notes"].split(";"), rows[b]["variant_notes"].split(";")
        counts["title_same"] += oa["title"].casefold() == ob["title"].casefold()
        counts["org_same"] += oa["organisation"]["name"] == ob["organisation"]["name"]
        counts["org_same_ignoring_form"] += _org_key(oa) == _org_key(ob)
        counts["contact_shared"] += bool(_contacts(oa) & _contacts(ob))
        sa, sb = _street(oa), _street(ob)
        counts["str_vs_strasse"] += bool(sa and sb and sa != sb and
                                         sa.replace("Str.", "Straße").replace("str.", "straße") ==
                                         sb.replace("Str.", "Straße").replace("str.", "straße"))
        lacks = any(n in ("time:none", "street:none") for n in (*na, *nb))
        counts["one_lacks_time_or_street"] += lacks
        counts["category_differs"] += oa["category"] != ob["category"]
        counts["time_stale"] += "time:stale" in na or "time:stale" in nb
        counts["both_structured"] += bool(oa.get("schedule") and ob.get("schedule"))
    return {k: round(v / len(pairs), 3) for k, v in counts.items()}


def _org_key(offer: Mapping[str, Any]) -> str:
    name = offer["organisation"]["name"].casefold()
    return re.sub(r"[\s.()]+|e\s*\.?\s*v\b|ggmbh", "", name)


def _contacts(offer: Mapping[str, Any]) -> set[str]:
    contact = offer.get("contact") or {}
    found = set()
    if contact.get("email"):
        found.add(contact["email"].casefold())
    if contact.get("phone"):
        digits = re.sub(r"\D", "", contact["phone"])
        found.add(digits[2:] if digits.startswith("49") else digits.lstrip("0"))
    return found


def _street(offer: Mapping[str, Any]) -> str | None:
    location = offer.get("location") or {}
    return location.get("street")
