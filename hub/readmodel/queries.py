"""Read queries over the read store's tables, shared by SQLite and PostgreSQL; each returns plain dicts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hub.readmodel.apply import data_version
from hub.readmodel.store import Db
from schemas.quality import labelled

__all__ = [
    "EntityFilter", "cluster", "coverage", "data_version", "duplicates", "entity_kind", "get_need", "get_offer",
    "history", "list_needs", "list_offers", "open_gaps", "stats",
]


@dataclass(frozen=True)
class EntityFilter:
    ags: str | None = None
    district: str | None = None
    category: str | None = None
    status: str | None = None
    urgency: str | None = None
    q: str | None = None


def _like(text: str) -> str:
    escaped = text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _with_labels(data: dict[str, Any]) -> dict[str, Any]:
    # data-quality notes carry a German and an English label for the office (schemas.quality)
    return {**data, "quality": labelled(data["quality"])} if data.get("quality") else data


# status and slots as the engine's latest state has them (hub/readmodel/apply.py `_follow_state`)
_NEED_COLUMNS = "data, status, committed, quantity, remaining, expires_at, expired, state"
_OFFER_COLUMNS = "data, status, committed, remaining, expires_at, expired, state"


def _lifecycle(expires_at: str | None, expired: int, state: str | None) -> dict[str, Any]:
    """Expiry, lapsed commitments and the last refused change; `revision` None before the engine's first state."""
    data = json.loads(state) if state else {}
    return {"expires_at": expires_at, "expired": bool(expired), "revision": data.get("revision"),
            "lapsed_commitments": data.get("lapsed_commitments", []), "last_rejected": data.get("last_rejected")}


def _need_row(row: Any) -> dict[str, Any]:
    data = _with_labels(json.loads(row[0]))
    quantity, committed = int(row[3]), int(row[2])
    remaining = int(row[4]) if row[4] is not None else max(0, quantity - committed)
    return {**data, "status": row[1],
            "coverage": {"quantity": quantity, "committed": committed, "remaining": remaining},
            "lifecycle": _lifecycle(row[5], row[6], row[7])}


def _offer_row(row: Any) -> dict[str, Any]:
    data = _with_labels(json.loads(row[0]))
    return {**data, "status": row[1], "committed": int(row[2]), "remaining_capacity": row[3],
            "lifecycle": _lifecycle(row[4], row[5], row[6])}


def list_needs(db: Db, f: EntityFilter, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    where, params = ["1 = 1"], []
    for column in ("ags", "district", "category", "status", "urgency"):
        if (value := getattr(f, column)) is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if f.q:
        where.append("search LIKE ? ESCAPE '\\'")
        params.append(_like(f.q))
    clause = " AND ".join(where)
    total = db.execute(f"SELECT COUNT(*) FROM needs WHERE {clause}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT {_NEED_COLUMNS} FROM needs WHERE {clause}"
        " ORDER BY urgency_rank, occurred_at DESC, id LIMIT ? OFFSET ?", [*params, limit, offset],
    ).fetchall()
    return [_need_row(r) for r in rows], int(total)


def list_offers(db: Db, f: EntityFilter, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    where, params = ["1 = 1"], []
    for column in ("ags", "category", "status"):
        if (value := getattr(f, column)) is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if f.district is not None:  # offers without districts serve the whole municipality
        where.append("(districts = '[]' OR districts LIKE ? ESCAPE '\\')")
        params.append("%" + json.dumps(f.district, ensure_ascii=False).replace("\\", "\\\\")
                      .replace("%", "\\%").replace("_", "\\_") + "%")
    if f.q:
        where.append("search LIKE ? ESCAPE '\\'")
        params.append(_like(f.q))
    clause = " AND ".join(where)
    total = db.execute(f"SELECT COUNT(*) FROM offers WHERE {clause}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT {_OFFER_COLUMNS} FROM offers WHERE {clause}"
        " ORDER BY occurred_at DESC, id LIMIT ? OFFSET ?", [*params, limit, offset],
    ).fetchall()
    return [_offer_row(r) for r in rows], int(total)


def get_need(db: Db, need_id: str) -> dict[str, Any] | None:
    row = db.execute(f"SELECT {_NEED_COLUMNS} FROM needs WHERE id = ?", (need_id,)).fetchone()
    if row is None:
        return None
    need = _need_row(row)
    need["matches"] = [
        {"id": m[0], "offer_id": m[1], "score": m[2], "rank": m[3], "reasons": json.loads(m[4])}
        for m in db.execute("SELECT id, offer_id, score, rank, reasons FROM matches WHERE need_id = ?"
                            " ORDER BY rank, score DESC", (need_id,)).fetchall()
    ]
    need["open_gaps"] = [g[0] for g in db.execute(
        "SELECT id FROM gaps WHERE need_id = ? AND state = 'open' ORDER BY id", (need_id,)).fetchall()]
    return need


def get_offer(db: Db, offer_id: str) -> dict[str, Any] | None:
    row = db.execute(f"SELECT {_OFFER_COLUMNS} FROM offers WHERE id = ?", (offer_id,)).fetchone()
    return _offer_row(row) if row else None


def entity_kind(db: Db, entity_id: str) -> tuple[str, str] | None:
    """("need" | "offer", source) of an entity the read model holds."""
    for kind, table in (("need", "needs"), ("offer", "offers")):
        row = db.execute(f"SELECT source FROM {table} WHERE id = ?", (entity_id,)).fetchone()
        if row:
            return kind, row[0]
    return None


def history(db: Db, entity_id: str) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT event_id, type, time, source, data FROM history WHERE entity_id = ? ORDER BY time, seq",
        (entity_id,),
    ).fetchall()
    return [{"event_id": r[0], "type": r[1], "time": r[2], "source": r[3], "data": json.loads(r[4])} for r in rows]


def open_gaps(db: Db, ags: str | None, district: str | None, category: str | None) -> list[dict[str, Any]]:
    where, params = ["state = 'open'", "ags IS NOT NULL"], []
    for column, value in (("ags", ags), ("district", district), ("category", category)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    rows = db.execute(
        "SELECT id, need_id, ags, district, category, urgency, reasons, open_since, raised_at, sla_seconds"
        f" FROM gaps WHERE {' AND '.join(where)} ORDER BY urgency_rank, open_since, id", params,
    ).fetchall()
    return [{"id": r[0], "need_id": r[1], "ags": r[2], "district": r[3], "category": r[4], "urgency": r[5],
             "reasons": json.loads(r[6]), "open_since": r[7], "raised_at": r[8], "sla_seconds": r[9]} for r in rows]


def coverage(db: Db, ags: str | None, district: str | None, category: str | None,
             only_gaps: bool) -> list[dict[str, Any]]:
    where, params = ["1 = 1"], []
    for column, value in (("ags", ags), ("district", district), ("category", category)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if only_gaps:
        where.append("is_gap = 1")
    rows = db.execute(
        "SELECT ags, district, category, horizon_days, open_demand, available_capacity, ratio, is_gap, computed_at"
        f" FROM coverage WHERE {' AND '.join(where)} ORDER BY ags, district, category", params,
    ).fetchall()
    return [{"ags": r[0], "district": r[1] or None, "category": r[2], "horizon_days": r[3], "open_demand": r[4],
             "available_capacity": r[5], "ratio": r[6], "is_gap": bool(r[7]), "computed_at": r[8]} for r in rows]


def _cluster_row(db: Db, r: Any) -> dict[str, Any]:
    offer_ids = json.loads(r[2])
    members = []
    for offer_id in offer_ids:
        m = db.execute("SELECT title, organisation, ags, category, source FROM offers WHERE id = ?",
                       (offer_id,)).fetchone()
        members.append({"offer_id": offer_id, "title": m[0] if m else None, "organisation": m[1] if m else None,
                        "ags": m[2] if m else None, "category": m[3] if m else None, "source": m[4] if m else None})
    return {"id": r[0], "kind": r[1], "offer_ids": offer_ids, "score": r[3], "evidence": json.loads(r[4]),
            "status": r[5], "overlap": json.loads(r[6]) if r[6] else None, "open_demand": r[7],
            "combined_capacity": r[8], "detected_at": r[9],
            "review": {"decision": r[10], "at": r[11]} if r[10] else None, "members": members}


_CLUSTER_COLUMNS = ("id, kind, offer_ids, score, evidence, status, overlap, open_demand, combined_capacity,"
                    " detected_at, review_decision, reviewed_at")


def duplicates(db: Db, kind: str | None, status: str | None) -> list[dict[str, Any]]:
    where, params = ["1 = 1"], []
    for column, value in (("kind", kind), ("status", status)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    rows = db.execute(f"SELECT {_CLUSTER_COLUMNS} FROM duplicates WHERE {' AND '.join(where)}"
                      " ORDER BY score DESC, id", params).fetchall()
    return [_cluster_row(db, r) for r in rows]


def cluster(db: Db, cluster_id: str) -> dict[str, Any] | None:
    row = db.execute(f"SELECT {_CLUSTER_COLUMNS} FROM duplicates WHERE id = ?", (cluster_id,)).fetchone()
    return _cluster_row(db, row) if row else None


def stats(db: Db) -> dict[str, Any]:
    def by_status(table: str) -> dict[str, int]:
        return {s: int(n) for s, n in db.execute(f"SELECT status, COUNT(*) FROM {table} GROUP BY status").fetchall()}

    clusters = {k: int(n) for k, n in db.execute("SELECT kind, COUNT(*) FROM duplicates GROUP BY kind").fetchall()}
    return {
        "needs_by_status": by_status("needs"),
        "offers_by_status": by_status("offers"),
        "open_gaps": int(db.execute("SELECT COUNT(*) FROM gaps WHERE state = 'open' AND ags IS NOT NULL")
                         .fetchone()[0]),
        "clusters": clusters,
        "deadletters": {r: int(n) for r, n in db.execute("SELECT reason, count FROM deadletters ORDER BY reason")
                        .fetchall()},
        "data_version": data_version(db),
    }
