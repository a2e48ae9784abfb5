"""Which offers a feed shows: live offers of an area and category, each duplicate cluster once.

A same_offer cluster that is not rejected (by status or by a review) shows one member: the most
complete one (schedule, location, contact URL, description), ties broken by the smallest id. The
representative is chosen among all live members, so every feed of the hub shows the same one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hub.readmodel.apply import data_version
from hub.readmodel.store import Db

LIVE_STATUSES = ("active", "full")
"""Paused and ended offers leave the feeds: their dates do not take place (full ones still do)."""

_EPOCH_2020_S = 1_577_836_800


@dataclass(frozen=True)
class FeedQuery:
    ags: str | None = None
    district: str | None = None
    category: str | None = None


@dataclass(frozen=True)
class FeedSelection:
    """The offers of a feed (read-model dicts, status as the read model has it) and the data version read."""

    offers: list[dict[str, Any]]
    version: int


def sequence_of(revision: int) -> int:
    """An iCalendar SEQUENCE from a revision: small revisions as they are, epoch microseconds as seconds since 2020.

    Grows with every new revision of an offer and fits the 32-bit integers calendar clients use.
    """
    if revision < 2**31:
        return revision
    return max(0, revision // 1_000_000 - _EPOCH_2020_S)


def _completeness(offer: dict[str, Any]) -> tuple[int, int, int, int]:
    schedule = offer.get("schedule") or {}
    return (int(bool(schedule.get("rules") or schedule.get("windows"))), int(bool(offer.get("location"))),
            int(bool((offer.get("contact") or {}).get("url"))), len(offer.get("description") or ""))


def _clusters(db: Db) -> list[list[str]]:
    rows = db.execute("SELECT offer_ids, status, review_decision FROM duplicates WHERE kind = 'same_offer'").fetchall()
    return [json.loads(r[0]) for r in rows if r[1] != "rejected" and r[2] != "reject"]


def _representatives(db: Db, live: dict[str, dict[str, Any]]) -> dict[str, str]:
    """offer id -> the id shown for it (itself when it is in no cluster)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for ids in _clusters(db):
        members = [i for i in ids if i in live]
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    groups: dict[str, list[str]] = {}
    for offer_id in live:
        groups.setdefault(root(offer_id), []).append(offer_id)
    shown: dict[str, str] = {}
    for members in groups.values():
        best = min(members, key=lambda i: (tuple(-v for v in _completeness(live[i])), i))
        shown.update({m: best for m in members})
    return shown


def _matches(offer: dict[str, Any], query: FeedQuery) -> bool:
    area = offer.get("area") or {}
    if query.ags and area.get("ags") != query.ags:
        return False
    if query.category and offer.get("category") != query.category:
        return False
    # offers without districts serve the whole municipality
    return not (query.district and area.get("districts") and query.district not in area["districts"])


def select_offers(db: Db, query: FeedQuery) -> FeedSelection:
    """The feed's offers, sorted by id: a cluster is in when any live member matches, shown by its representative."""
    version = data_version(db)
    placeholders = ", ".join("?" for _ in LIVE_STATUSES)
    rows = db.execute(f"SELECT id, data, status FROM offers WHERE status IN ({placeholders})", LIVE_STATUSES).fetchall()
    live = {r[0]: {**json.loads(r[1]), "status": r[2]} for r in rows}
    shown = _representatives(db, live)
    chosen = sorted({shown[i] for i, offer in live.items() if _matches(offer, query)})
    return FeedSelection([live[i] for i in chosen], version)
