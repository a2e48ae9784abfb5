"""Applies decoded events to the read store's tables: idempotent, and older revisions never overwrite newer.

Rules: a canonical record is applied once per revision (history keyed by its event id) and its row
only moves forward in revision; a derived event upserts its row by id (a redelivery changes nothing).
Status, committed and remaining slots and expiry of a need or offer come from the engine's state
events (topic `state`) alone: a status update is history here, since only the engine knows whether it
applied, whether a commitment lapsed or a need expired. Until its first state arrives, a row shows
the status its source published. Dead letters count by reason. Runs inside the store's transaction,
on the writer thread.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from schemas import Coverage, Duplicate, EntityState, Gap, GapResolved, Match, Need, Offer, Review, StatusUpdate

from hub.readmodel.changes import Change
from hub.readmodel.store import Db, Incoming

URGENCY_RANK = {"critical": 0, "high": 1, "normal": 2, "low": 3}


def utc_text(value: datetime | None) -> str | None:
    """Fixed-width UTC text: compares correctly as a string in either database."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _ms_text(timestamp_ms: int) -> str:
    return utc_text(datetime.fromtimestamp(timestamp_ms / 1000, tz=timezone.utc)) or ""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _meta(db: Db, name: str) -> int:
    row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return int(row[0]) if row else 0


def _set_meta(db: Db, name: str, value: int) -> None:
    db.execute("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
               (name, value))


def data_version(db: Db) -> int:
    """Grows with every batch that changed a row; the API's ETags come from it."""
    return _meta(db, "version")


class BatchApplier:
    """Applies one batch on one connection; collects the changes for the live feed."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self._seq = _meta(db, "seq")
        self.changes: list[Change] = []
        self.applied: list[Incoming] = []  # items that changed something (for metrics)

    def apply_all(self, batch: Sequence[Incoming]) -> list[Change]:
        for item in batch:
            before = len(self.changes)
            self.apply(item)
            if len(self.changes) > before:
                self.applied.append(item)
        _set_meta(self._db, "seq", self._seq)
        if self.changes:
            _set_meta(self._db, "version", _meta(self._db, "version") + 1)
        return self.changes

    def apply(self, item: Incoming) -> None:
        if item.deadletter_reason is not None:
            self._deadletter(item)
            return
        model = item.model
        handlers = {
            Need: self._need, Offer: self._offer, StatusUpdate: self._status, Match: self._match, Gap: self._gap,
            GapResolved: self._gap_resolved, Duplicate: self._duplicate, Coverage: self._coverage, Review: self._review,
            EntityState: self._state,
        }
        handler = handlers.get(type(model))
        if handler is not None:
            handler(item, model)  # type: ignore[operator]

    # --- shared ---------------------------------------------------------------------------------

    def _history(self, entity_id: str, item: Incoming, *, canonical: bool, new_status: str | None = None,
                 capacity_change: int | None = None) -> bool:
        """Record the event in the entity's history; False when it was recorded before (a redelivery)."""
        event = item.event
        assert event is not None
        # canonical event ids name one revision; derived ids stay while their content changes
        dedupe = event.id if canonical else f"{event.id}:{hashlib.sha1(_json(event.data).encode()).hexdigest()}"
        self._seq += 1
        cursor = self._db.execute(
            "INSERT INTO history (entity_id, dedupe, seq, event_id, type, time, source, topic, new_status,"
            " capacity_change, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (entity_id, dedupe, self._seq, event.id, event.type, utc_text(event.time) or _ms_text(item.timestamp_ms),
             event.source, item.topic, new_status, capacity_change, _json(event.data)),
        )
        return cursor.rowcount > 0

    def _change(self, item: Incoming, entity_id: str, ags: str | None, district: str | None,
                category: str | None) -> None:
        assert item.event is not None
        self.changes.append(Change(item.event.type, entity_id, ags, district, category))

    def _follow_state(self, kind: str, entity_id: str) -> tuple[str, str | None, str] | None:
        """Copy the entity's latest engine state into its row; (ags, district, category), None without a row.

        Without a state yet the row shows what its source published: nothing committed, nothing expired.
        """
        table = "needs" if kind == "need" else "offers"
        row = self._db.execute(
            f"SELECT occurred_at, data, ags, {'district' if kind == 'need' else 'NULL'}, category,"
            f" {'quantity' if kind == 'need' else 'capacity'} FROM {table} WHERE id = ?", (entity_id,),
        ).fetchone()
        if row is None:
            return None
        state = self._db.execute("SELECT changed_at, data FROM states WHERE entity_id = ?", (entity_id,)).fetchone()
        if state is not None:
            data = json.loads(state[1])
            expires_at = datetime.fromisoformat(data["expires_at"]) if data.get("expires_at") else None
            values = (data["status"], state[0], data["committed"], data["remaining"], utc_text(expires_at),
                      int(data["expired"]), state[1])
        else:
            published = json.loads(row[1])
            until = published.get("needed_until" if kind == "need" else "valid_until")
            expires = utc_text(datetime.fromisoformat(until)) if until else None
            values = (published["status"], row[0], 0, row[5], expires, 0, None)
        self._db.execute(
            f"UPDATE {table} SET status = ?, status_at = ?, committed = ?, remaining = ?, expires_at = ?,"
            " expired = ?, state = ? WHERE id = ?", (*values, entity_id),
        )
        return row[2], row[3], row[4]

    # --- canonical ------------------------------------------------------------------------------

    def _need(self, item: Incoming, need: Need) -> None:
        if not self._history(need.id, item, canonical=True):
            return
        at = utc_text(need.occurred_at)
        cursor = self._db.execute(
            "INSERT INTO needs (id, source, revision, title, description, category, urgency, urgency_rank, ags,"
            " district, quantity, unit, owner, status, status_at, occurred_at, search, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET source = excluded.source, revision = excluded.revision,"
            " title = excluded.title, description = excluded.description, category = excluded.category,"
            " urgency = excluded.urgency, urgency_rank = excluded.urgency_rank, ags = excluded.ags,"
            " district = excluded.district, quantity = excluded.quantity, unit = excluded.unit,"
            " owner = excluded.owner, status = excluded.status, status_at = excluded.status_at,"
            " occurred_at = excluded.occurred_at, search = excluded.search, data = excluded.data"
            " WHERE excluded.revision > needs.revision",
            (need.id, need.source, need.revision, need.title, need.description, need.category, need.urgency,
             URGENCY_RANK[need.urgency], need.area.ags, need.area.district, need.quantity, need.unit, need.owner,
             need.status, at, at, f"{need.title} {need.description}".casefold(), _json(need.model_dump(mode="json"))),
        )
        if cursor.rowcount > 0:
            self._follow_state("need", need.id)
            self._change(item, need.id, need.area.ags, need.area.district, need.category)

    def _offer(self, item: Incoming, offer: Offer) -> None:
        if not self._history(offer.id, item, canonical=True):
            return
        at = utc_text(offer.occurred_at)
        cursor = self._db.execute(
            "INSERT INTO offers (id, source, revision, title, description, category, organisation,"
            " organisation_kind, ags, districts, capacity, status, status_at, occurred_at, search, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET source = excluded.source, revision = excluded.revision,"
            " title = excluded.title, description = excluded.description, category = excluded.category,"
            " organisation = excluded.organisation, organisation_kind = excluded.organisation_kind,"
            " ags = excluded.ags, districts = excluded.districts, capacity = excluded.capacity,"
            " status = excluded.status, status_at = excluded.status_at, occurred_at = excluded.occurred_at,"
            " search = excluded.search, data = excluded.data"
            " WHERE excluded.revision > offers.revision",
            (offer.id, offer.source, offer.revision, offer.title, offer.description, offer.category,
             offer.organisation.name, offer.organisation.kind, offer.area.ags, _json(offer.area.districts),
             offer.capacity, offer.status, at, at,
             f"{offer.title} {offer.description} {offer.organisation.name}".casefold(),
             _json(offer.model_dump(mode="json"))),
        )
        if cursor.rowcount > 0:
            self._follow_state("offer", offer.id)
            self._change(item, offer.id, offer.area.ags, None, offer.category)

    def _status(self, item: Incoming, update: StatusUpdate) -> None:
        # history only: what the update did (or that it was refused) arrives as the entities' state
        if not self._history(update.entity_id, item, canonical=True, new_status=update.new_status,
                             capacity_change=update.capacity_change):
            return
        touched = [update.entity_id]
        if (commitment := update.commitment) is not None:
            for other in (commitment.need_id, commitment.offer_id):
                if other not in touched:
                    self._history(other, item, canonical=True)
                    touched.append(other)
        for entity_id in touched:
            self._change(item, entity_id, *self._area_of(entity_id))

    def _area_of(self, entity_id: str) -> tuple[str | None, str | None, str | None]:
        row = self._db.execute("SELECT ags, district, category FROM needs WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            row = self._db.execute("SELECT ags, NULL, category FROM offers WHERE id = ?", (entity_id,)).fetchone()
        return (row[0], row[1], row[2]) if row else (None, None, None)

    # --- the engine's state of needs and offers -----------------------------------------------

    def _state(self, item: Incoming, state: EntityState) -> None:
        self._history(state.entity_id, item, canonical=False)
        # newer entity revision first, then the engine's count of state changes (a redelivery changes nothing)
        cursor = self._db.execute(
            "INSERT INTO states (entity_id, entity_kind, entity_revision, revision, changed_at, data)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity_id) DO UPDATE SET entity_kind = excluded.entity_kind,"
            " entity_revision = excluded.entity_revision, revision = excluded.revision,"
            " changed_at = excluded.changed_at, data = excluded.data"
            " WHERE excluded.entity_revision > states.entity_revision"
            " OR (excluded.entity_revision = states.entity_revision AND excluded.revision > states.revision)",
            (state.entity_id, state.entity_kind, state.entity_revision, state.revision, utc_text(state.changed_at),
             _json(state.model_dump(mode="json"))),
        )
        if cursor.rowcount > 0:
            area = self._follow_state(state.entity_kind, state.entity_id)
            self._change(item, state.entity_id, *(area or (state.ags, None, None)))

    # --- derived --------------------------------------------------------------------------------

    def _match(self, item: Incoming, match: Match) -> None:
        self._history(match.need_id, item, canonical=False)
        self._history(match.offer_id, item, canonical=False)
        cursor = self._db.execute(
            "INSERT INTO matches (id, need_id, offer_id, score, rank, reasons, computed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET need_id = excluded.need_id,"
            " offer_id = excluded.offer_id, score = excluded.score, rank = excluded.rank,"
            " reasons = excluded.reasons, computed_at = excluded.computed_at"
            " WHERE matches.computed_at IS NULL OR excluded.computed_at IS NULL"
            " OR excluded.computed_at >= matches.computed_at",
            (match.id, match.need_id, match.offer_id, match.score, match.rank, _json(match.reasons),
             utc_text(match.computed_at)),
        )
        if cursor.rowcount > 0:
            row = self._db.execute("SELECT ags, district, category FROM needs WHERE id = ?",
                                   (match.need_id,)).fetchone()
            self._change(item, match.id, *(row or (None, None, None)))

    def _gap(self, item: Incoming, gap: Gap) -> None:
        if gap.need_id:
            self._history(gap.need_id, item, canonical=False)
        raised = utc_text(gap.raised_at)
        cursor = self._db.execute(
            "INSERT INTO gaps (id, need_id, ags, district, category, urgency, urgency_rank, reasons, open_since,"
            " raised_at, sla_seconds, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')"
            " ON CONFLICT (id) DO UPDATE SET need_id = excluded.need_id, ags = excluded.ags,"
            " district = excluded.district, category = excluded.category, urgency = excluded.urgency,"
            " urgency_rank = excluded.urgency_rank, reasons = excluded.reasons, open_since = excluded.open_since,"
            " raised_at = excluded.raised_at, sla_seconds = excluded.sla_seconds,"
            # a resolution that came after this raise stands (resolutions may arrive on another partition)
            " state = CASE WHEN gaps.resolved_at IS NOT NULL AND gaps.resolved_at >= excluded.raised_at"
            " THEN 'resolved' ELSE 'open' END"
            " WHERE gaps.raised_at IS NULL OR excluded.raised_at >= gaps.raised_at",
            (gap.id, gap.need_id, gap.ags, gap.district, gap.category, gap.urgency, URGENCY_RANK[gap.urgency],
             _json(list(gap.reasons)), utc_text(gap.open_since), raised, gap.sla_seconds),
        )
        if cursor.rowcount > 0:
            self._change(item, gap.id, gap.ags, gap.district, gap.category)

    def _gap_resolved(self, item: Incoming, resolved: GapResolved) -> None:
        if resolved.need_id:
            self._history(resolved.need_id, item, canonical=False)
        at = utc_text(resolved.resolved_at)
        cursor = self._db.execute(
            "INSERT INTO gaps (id, need_id, state, resolution, resolved_at) VALUES (?, ?, 'resolved', ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET resolution = excluded.resolution, resolved_at = excluded.resolved_at,"
            " state = CASE WHEN gaps.raised_at IS NULL OR gaps.raised_at <= excluded.resolved_at"
            " THEN 'resolved' ELSE gaps.state END"
            " WHERE gaps.resolved_at IS NULL OR excluded.resolved_at > gaps.resolved_at",
            (resolved.gap_id, resolved.need_id, resolved.resolution, at),
        )
        if cursor.rowcount > 0:
            row = self._db.execute("SELECT ags, district, category FROM gaps WHERE id = ?",
                                   (resolved.gap_id,)).fetchone()
            self._change(item, resolved.gap_id, *(row or (None, None, None)))

    def _duplicate(self, item: Incoming, cluster: Duplicate) -> None:
        for offer_id in cluster.offer_ids:
            self._history(offer_id, item, canonical=False)
        cursor = self._db.execute(
            "INSERT INTO duplicates (id, kind, offer_ids, score, evidence, status, overlap, open_demand,"
            " combined_capacity, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, offer_ids = excluded.offer_ids,"
            " score = excluded.score, evidence = excluded.evidence, status = excluded.status,"
            " overlap = excluded.overlap, open_demand = excluded.open_demand,"
            " combined_capacity = excluded.combined_capacity, detected_at = excluded.detected_at"
            " WHERE duplicates.detected_at IS NULL OR excluded.detected_at IS NULL"
            " OR excluded.detected_at >= duplicates.detected_at",
            (cluster.id, cluster.kind, _json(cluster.offer_ids), cluster.score,
             _json([e.model_dump(mode="json") for e in cluster.evidence]), cluster.status,
             _json([w.model_dump(mode="json") for w in cluster.overlap]) if cluster.overlap is not None else None,
             cluster.open_demand, cluster.combined_capacity, utc_text(cluster.detected_at)),
        )
        if cursor.rowcount > 0:
            self._refresh_review(cluster.id)
            row = self._db.execute("SELECT ags, category FROM offers WHERE id = ?",
                                   (cluster.offer_ids[0],)).fetchone()
            self._change(item, cluster.id, row[0] if row else None, None, row[1] if row else None)

    def _refresh_review(self, cluster_id: str) -> None:
        row = self._db.execute(
            "SELECT decision, occurred_at FROM reviews WHERE cluster_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1",
            (cluster_id,),
        ).fetchone()
        if row is not None:
            self._db.execute("UPDATE duplicates SET review_decision = ?, reviewed_at = ? WHERE id = ?",
                             (row[0], row[1], cluster_id))

    def _review(self, item: Incoming, review: Review) -> None:
        for offer_id in review.offer_ids:
            self._history(offer_id, item, canonical=False)
        cursor = self._db.execute(
            "INSERT INTO reviews (id, cluster_id, offer_ids, decision, reviewer, note, occurred_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (review.id, review.cluster_id, _json(review.offer_ids), review.decision, review.reviewer, review.note,
             utc_text(review.occurred_at)),
        )
        if cursor.rowcount > 0:
            self._refresh_review(review.cluster_id)
            self._change(item, review.cluster_id, None, None, None)

    def _coverage(self, item: Incoming, figures: Coverage) -> None:
        cursor = self._db.execute(
            "INSERT INTO coverage (ags, district, category, id, horizon_days, open_demand, available_capacity,"
            " ratio, is_gap, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (ags, district, category) DO UPDATE SET id = excluded.id,"
            " horizon_days = excluded.horizon_days, open_demand = excluded.open_demand,"
            " available_capacity = excluded.available_capacity, ratio = excluded.ratio, is_gap = excluded.is_gap,"
            " computed_at = excluded.computed_at WHERE excluded.computed_at >= coverage.computed_at",
            (figures.ags, figures.district or "", figures.category, figures.id, figures.horizon_days,
             figures.open_demand, figures.available_capacity, figures.ratio, int(figures.is_gap),
             utc_text(figures.computed_at)),
        )
        if cursor.rowcount > 0:
            self._change(item, figures.id, figures.ags, figures.district, figures.category)

    # --- dead letters ---------------------------------------------------------------------------

    def _deadletter(self, item: Incoming) -> None:
        at = _ms_text(item.timestamp_ms)
        self._db.execute(
            "INSERT INTO deadletters (reason, count, last_at) VALUES (?, 1, ?)"
            " ON CONFLICT (reason) DO UPDATE SET count = deadletters.count + 1, last_at = excluded.last_at",
            (item.deadletter_reason, at),
        )
        self.changes.append(Change("deadletter", f"{item.partition}:{item.offset}"))


def store_positions(db: Db, positions: dict[tuple[str, int], int]) -> None:
    """The next offsets, written in the same transaction as the rows they produced."""
    for (topic, partition), offset in positions.items():
        db.execute(
            "INSERT INTO positions (topic, part, next_offset) VALUES (?, ?, ?)"
            " ON CONFLICT (topic, part) DO UPDATE SET next_offset = excluded.next_offset",
            (topic, partition, offset),
        )
