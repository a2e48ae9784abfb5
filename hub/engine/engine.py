"""The Engine: feeds needs, offers, status updates and reviews into the state maps and returns what follows.

Both drivers call it the same way: `handle(event, now)` per event, `tick(now)` as time passes,
`rebuild_indexes()` after the maps were restored. `now` is event time, never read from a clock.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import Any

from schemas import Need, Offer, Review, StatusUpdate, event_id, is_newer

from hub.engine.cache import EngineCache
from hub.engine.commitments import commitment_key, lapse_commitment
from hub.engine.compact import OfferView
from hub.engine.config import EngineConfig
from hub.engine.coverage import CoverageKey
from hub.engine.departure import Departure, held_here, need_left, offer_left
from hub.engine.duplicates import keep_pairs, review_pairs
from hub.engine.entity_state import EntityKind, derive_state, with_rejection
from hub.engine.lifecycle import NEED_OPEN, NEED_TERMINAL, transition_allowed, with_coverage, with_need_status
from hub.engine.outcome import Derived, Outcome, Rejection
from hub.engine.parallel_offers import refresh_parallel_offers
from hub.engine.parking import ENTITY_UNKNOWN, gave_up, why_given_up
from hub.engine.reactions import (
    emit_cluster_changes,
    refresh_coverage,
    refreshing_coverage,
    rematch_category,
    rematch_need,
    reindex_offer,
    settle_gap,
)
from hub.engine.status import apply_status_update, missing_entity
from hub.engine.steps import Steps, run_steps
from hub.engine.store import EngineTables, PendingItem, RejectedRecord
from hub.engine.timers import RECORDS_OF_KIND, Timer, all_timers, entity_timers, other_timers, timers_of

Event = Need | Offer | StatusUpdate | Review | Departure
# the key in `emitted` of the time the next coverage sweep is due
NEXT_SWEEP_KEY = "sweep/next"


class Engine:
    """The functional core over one set of EngineTables; not thread-safe, one driver at a time."""

    # below this many entries the heap is never cleared of stale ones (`_compacting`)
    MIN_TIMERS_BEFORE_COMPACTION = 4_096

    def __init__(self, tables: EngineTables | None = None, config: EngineConfig | None = None) -> None:
        self.tables = tables if tables is not None else EngineTables.in_memory()
        self.config = config or EngineConfig()
        self.rebuild_indexes()

    @classmethod
    def restoring(cls, tables: EngineTables, config: EngineConfig | None = None) -> Steps[Engine]:
        """The engine over restored maps, its indexes and armed timers rebuilt one record per step
        (hub/engine/steps.py): a worker yields to its event loop between steps."""
        engine = cls.__new__(cls)
        engine.tables = tables
        engine.config = config or EngineConfig()
        # The first tick runs what came due while nobody was watching; it would list every timer of
        # the maps in one pass, so the list is made here, in steps, the needs' and offers' while the
        # indexes read their records. Nothing changes the maps until then.
        timers: list[Timer] = []
        # one pass over the gaps (a few), not a lookup per need that mostly finds nothing (in a
        # worker each one a miss through faust down to RocksDB)
        gap_ids = {need_id for need_id, _ in tables.gaps.items()}

        def timers_of_record(kind: str, key: str, record: Any) -> None:
            timers.extend(entity_timers(kind, key, record, tables, engine.config, gap_ids))

        yield from engine._rebuilding_indexes(timers_of_record)
        for timer in other_timers(tables, engine.config):
            timers.append(timer)
            yield
        engine._armed = set(timers)
        engine._timers = sorted(engine._armed)  # a sorted list is a heap
        engine._compact_above = engine._compaction_bound()
        engine._scan_timers = False
        return engine

    def rebuild_indexes(self) -> None:
        """Recreate every in-memory cache from the maps (after a faust table recovery)."""
        run_steps(self._rebuilding_indexes())

    def _rebuilding_indexes(self, seen: Callable[[str, str, Any], None] | None = None) -> Steps[None]:
        self.cache = yield from EngineCache.rebuilding(self.tables, self.config.dedupe, seen)
        # The armed timers, earliest first (a heap), each once. A record's timers are pushed whenever
        # it is touched; one that no longer holds when it comes due (the need was covered meanwhile,
        # the deadline moved) is dropped then. So firing a timer costs a lookup of its record, not a
        # pass over every record of the tables (0.5 s per gap at 50,000 needs in process, bench/README).
        self._timers: list[Timer] = []
        self._armed: set[Timer] = set()
        # Entries a record no longer holds (a deadline moved, a need covered) stay until they come due:
        # a worker that moves far-off deadlines often would keep them for months. Past this length the
        # heap is cleared of them (`_compacting`); the bound then doubles what is left, so each entry
        # pushed pays for at most one later check.
        self._compact_above = self.MIN_TIMERS_BEFORE_COMPACTION
        # when the coverage sweep is next due, as the maps keep it: a restored engine sweeps when the
        # one before it would have, not at once (a sweep at 100,000 entities is seconds of CPU, and its
        # parallel-offer refreshes after it would differ from what an engine that never stopped derives)
        next_sweep = self.tables.emitted.get(NEXT_SWEEP_KEY)
        self._next_sweep: datetime | None = datetime.fromisoformat(next_sweep) if next_sweep else None
        self._scan_timers = True  # the first tick lists every armed timer (a restore in steps lists them itself)

    # -- the driver's interface --------------------------------------------------------------
    def handle(self, event: Event, now: datetime) -> Outcome:
        """Apply one event at event time `now`: timers due by then fire first, then the event applies.

        Firing first makes the result independent of what else shares the stream: a gap due at 10:00
        is raised before a commitment made at 10:05 resolves it, whether other areas' events came in
        between (the offline driver) or not (a worker partition).
        """
        return run_steps(self.handling(event, now))

    def handling(self, event: Event, now: datetime) -> Steps[Outcome]:
        """`handle` in steps: the timers and the coverage sweep it runs first may take seconds after a
        restore (every armed timer, every area and category), and a worker yields to its loop meanwhile."""
        earlier = yield from self.ticking(now)
        yield from self.cache.duplicates.filing(self._offer_areas_of(event))
        if isinstance(event, Need):
            outcome = self._on_need(event, now)
        elif isinstance(event, Offer):
            outcome = self._on_offer(event, now)
        elif isinstance(event, StatusUpdate):
            outcome = self._on_status(event, now)
        elif isinstance(event, Review):
            outcome = self._on_review(event, now)
        elif isinstance(event, Departure):
            outcome = self._on_departure(event, now)
        else:
            raise TypeError(f"the engine handles Need, Offer, StatusUpdate, Review and Departure, "
                            f"not {type(event).__name__}")
        outcome.extend((yield from self.ticking(now)))  # timers the event armed that are already due
        earlier.extend(outcome)
        earlier.disposition = outcome.disposition
        return earlier

    def _offer_areas_of(self, event: Event) -> set[str]:
        """The municipalities of the offers an event names (an offer's new one and its old one): their
        restored offers are filed in the dedupe index in steps before the event applies."""
        offer_ids: list[str] = []
        if isinstance(event, Offer):
            offer_ids = [event.id]
        elif isinstance(event, StatusUpdate):
            offer_ids = [event.entity_id] if event.entity_kind == "offer" else []
            if event.commitment is not None:
                offer_ids.append(event.commitment.offer_id)
        elif isinstance(event, Review):
            offer_ids = list(event.offer_ids)
        elif isinstance(event, Departure) and isinstance(event.entity, Offer):
            offer_ids = [event.entity.id]  # filed where it was, so that it can leave the index
        areas = {event.area.ags} if isinstance(event, Offer) else set()
        return areas | {offer.area.ags for offer_id in offer_ids if (offer := self.cache.offers.get(offer_id))}

    def tick(self, now: datetime) -> Outcome:
        """Run the timers due by `now` (each at its own time) and sweep coverage when it is due."""
        return run_steps(self.ticking(now))

    def ticking(self, now: datetime) -> Steps[Outcome]:
        """`tick` in steps: one per timer fired and per area and category swept."""
        outcome = Outcome()
        if self._scan_timers:
            self._arm(all_timers(self.tables, self.config))
            self._scan_timers = False
            # listed from the records just now, every entry holds: a compaction would only look each
            # record up again
            self._compact_above = self._compaction_bound()
        if len(self._timers) > self._compact_above:
            yield from self._compacting()
        timers = self._timers
        while timers and timers[0].at <= now:
            timer = heapq.heappop(timers)
            self._armed.discard(timer)
            if not self._still_holds(timer):
                continue  # disarmed since it was pushed
            outcome.extend(self._fire(timer))
            # firing may arm timers of the records it touched, e.g. a re-opened need's gap clock; one
            # already due fires in this loop, in its turn
            self._rearm_after(timer)
            yield
        if self._next_sweep is None or self._next_sweep <= now:
            # the horizon moves with time: needs and offers enter and leave it without any event
            swept = yield from refreshing_coverage(self.tables, self.cache, self.config, self.cache.coverage_keys, now)
            outcome.derived.extend(swept)
            # where demand moved with it, whether several groups' offers are more than is asked for moved too
            for ags, category in sorted({(coverage.ags, coverage.category) for coverage in swept}):
                outcome.derived.extend(refresh_parallel_offers(self.tables, self.cache, self.config, ags, category, now))
                yield
            self._next_sweep = now + self.config.coverage_sweep
            self.tables.emitted[NEXT_SWEEP_KEY] = self._next_sweep.isoformat()
        return outcome

    # -- events ------------------------------------------------------------------------------
    def _on_need(self, need: Need, now: datetime) -> Outcome:
        record = self.tables.needs.get(need.id)
        if record is not None and not is_newer(need.revision, record["need"]["revision"]):
            return Outcome(disposition="ignored")
        at = need.occurred_at.isoformat()
        old = self.cache.needs.get(need.id)
        data = need.model_dump(mode="json")
        if record is None:
            record = {"need": data, "status": need.status, "published_status": need.status, "covered": 0,
                      "open_since": at, "matches": []}
        elif need.status != record["published_status"]:
            if not transition_allowed("need", record["status"], need.status):
                return self._refuse(need, "illegal_transition", "status", f"need {record['status']} -> {need.status}",
                                    now)
            record = with_need_status({**record, "need": data, "published_status": need.status}, need.status, at)
            if need.status in NEED_OPEN:
                record = with_coverage(record, int(record["covered"]), at)
        else:
            record = {**record, "need": data}
            if record["status"] not in NEED_TERMINAL and int(record["covered"]) > 0:
                record = with_coverage(record, int(record["covered"]), at)  # the quantity may have changed
        self.tables.needs[need.id] = record
        self.cache.put_need(need)
        outcome = Outcome(derived=self._need_changed(need.id, now, [CoverageKey.of_need(old)] if old else []))
        outcome.extend(self._release_pending(need.id, now))
        self._watch(needs={need.id})
        return outcome

    def _on_offer(self, offer: Offer, now: datetime) -> Outcome:
        record = self.tables.offers.get(offer.id)
        if record is not None and not is_newer(offer.revision, record["offer"]["revision"]):
            return Outcome(disposition="ignored")
        old = self.cache.offers.get(offer.id)
        data = offer.model_dump(mode="json")
        if record is None:
            record = {"offer": data, "status": offer.status, "published_status": offer.status,
                      "committed": 0, "capacity_delta": 0}
        else:
            if offer.status != record["published_status"]:
                if not transition_allowed("offer", record["status"], offer.status):
                    return self._refuse(offer, "illegal_transition", "status",
                                        f"offer {record['status']} -> {offer.status}", now)
                record = {**record, "status": offer.status, "published_status": offer.status}
            if offer.capacity != record["offer"].get("capacity"):
                record = {**record, "capacity_delta": 0}  # the source restated its capacity; earlier changes are in it
            record = {**record, "offer": data}
        self.tables.offers[offer.id] = record
        self.cache.put_offer(offer)
        outcome = Outcome(derived=self._offer_changed(offer.id, now, old))
        outcome.extend(self._release_pending(offer.id, now))
        self._watch(offers={offer.id})
        return outcome

    def _on_status(self, update: StatusUpdate, now: datetime) -> Outcome:
        if not is_newer(update.revision, self.tables.updates.get(update.id)):
            return Outcome(disposition="ignored")
        self.tables.updates[update.id] = update.revision
        return self._apply_or_park(update, now, now.isoformat())

    def _on_review(self, review: Review, now: datetime) -> Outcome:
        existing = self.tables.reviews.get(review.cluster_id)
        if existing is not None and (datetime.fromisoformat(existing["occurred_at"]), existing["review_id"]) >= (
            review.occurred_at, review.id
        ):
            return Outcome(disposition="ignored")
        self.tables.reviews[review.cluster_id] = {
            "review_id": review.id, "offer_ids": sorted(set(review.offer_ids)), "decision": review.decision,
            "occurred_at": review.occurred_at.isoformat(),
        }
        changes = []
        for pair in review_pairs(review.offer_ids):
            changes.extend(self.cache.duplicates.apply_review(pair, review.decision))
        keep_pairs(self.tables.pairs, self.cache.duplicates.take_pair_changes())
        return Outcome(derived=list(emit_cluster_changes(self.tables, changes, now)))

    def _on_departure(self, departure: Departure, now: datetime) -> Outcome:
        """An entity moved to a municipality another partition holds (departure.py)."""
        if not held_here(self.tables, departure):
            return Outcome(disposition="ignored")
        left = need_left if isinstance(departure.entity, Need) else offer_left
        return Outcome(derived=left(self.tables, self.cache, self.config, departure.entity.id, now))

    # -- what follows from a change ----------------------------------------------------------
    def _need_changed(self, need_id: str, now: datetime, extra_keys: list[CoverageKey] | None = None) -> list[Derived]:
        derived: list[Derived] = list(derive_state(self.tables, "need", need_id, now))
        derived.extend(rematch_need(self.tables, self.cache, self.config, need_id, now))
        derived.extend(settle_gap(self.tables, self.cache, self.config, need_id, now))
        keys = {CoverageKey.of_need(self.cache.needs[need_id]), *(extra_keys or [])}
        derived.extend(refresh_coverage(self.tables, self.cache, self.config, keys, now))
        for ags, category in sorted({(key.ags, key.category) for key in keys}):  # demand moved
            derived.extend(refresh_parallel_offers(self.tables, self.cache, self.config, ags, category, now))
        return derived

    def _offer_changed(self, offer_id: str, now: datetime, old: OfferView | None) -> list[Derived]:
        offer = self.cache.offers[offer_id]
        derived: list[Derived] = list(derive_state(self.tables, "offer", offer_id, now))
        derived.extend(reindex_offer(self.tables, self.cache, offer_id, now))
        changed = [offer, old] if old else [offer]
        for category in sorted({offer.category, old.category if old else offer.category}):
            derived.extend(rematch_category(self.tables, self.cache, self.config, category, now, changed))
        keys = self.cache.keys_served_by(offer) + (self.cache.keys_served_by(old) if old else [])
        derived.extend(refresh_coverage(self.tables, self.cache, self.config, keys, now))
        places = {(offer.area.ags, offer.category)} | ({(old.area.ags, old.category)} if old else set())
        for ags, category in sorted(places):
            derived.extend(refresh_parallel_offers(self.tables, self.cache, self.config, ags, category, now))
        return derived

    def _apply_or_park(self, update: StatusUpdate, now: datetime, received_at: str) -> Outcome:
        missing = missing_entity(self.tables, update)
        if missing is not None:
            # another topic, another partition: the entity may simply not have arrived yet
            waiting = list(self.tables.pending.get(missing, []))
            item: PendingItem = {"update": update.model_dump(mode="json"), "received_at": received_at}
            if item not in waiting:
                self.tables.pending[missing] = [*waiting, item]
            self._watch(pending={missing})
            return Outcome(disposition="pending")
        effect = apply_status_update(self.tables, update)
        if effect.rejection is not None:
            # the refusal is part of the entity's state: readers must not show the change as made
            rejection = effect.rejection
            shown = self._remember_rejection(update.entity_kind, update.entity_id, rejection, update.new_status, now)
            return Outcome(derived=shown, rejections=[rejection], disposition="rejected")
        derived: list[Derived] = []
        for offer_id in sorted(effect.offers):
            derived.extend(self._offer_changed(offer_id, now, None))
        for need_id in sorted(effect.needs):
            derived.extend(self._need_changed(need_id, now))
        commitments = {commitment_key(update.commitment.need_id, update.commitment.offer_id)} if update.commitment else set()
        self._watch(needs=effect.needs, offers=effect.offers, commitments=commitments)
        return Outcome(derived=derived)

    def _release_pending(self, entity_id: str, now: datetime) -> Outcome:
        outcome = Outcome()
        items = self.tables.pending.pop(entity_id, None) or []
        for item in sorted(items, key=lambda i: (i["update"]["occurred_at"], i["update"]["revision"], i["update"]["id"])):
            outcome.extend(self._apply_or_park(StatusUpdate.model_validate(item["update"]), now, item["received_at"]))
        return outcome

    # -- timers ------------------------------------------------------------------------------
    def _fire(self, timer: Timer) -> Outcome:
        # timers were collected before earlier ones fired; each checks it still applies
        at, key, tables = timer.at, timer.key, self.tables
        if timer.kind == "gap":
            return Outcome(derived=list(settle_gap(tables, self.cache, self.config, key, at)))
        if timer.kind == "need_expiry":
            if tables.needs[key]["status"] in NEED_TERMINAL:
                return Outcome()
            tables.needs[key] = with_need_status(tables.needs[key], "expired", at.isoformat())
            return Outcome(derived=self._need_changed(key, at))
        if timer.kind == "offer_expiry":
            if tables.offers[key]["status"] == "ended":
                return Outcome()
            tables.offers[key] = {**tables.offers[key], "status": "ended", "expired": True}
            return Outcome(derived=self._offer_changed(key, at, None))
        if timer.kind == "commitment_lapse":
            record = tables.commitments[key]
            if record["state"] != "proposed":
                return Outcome()
            lapse_commitment(tables, key)
            derived = self._offer_changed(record["offer_id"], at, None) + self._need_changed(record["need_id"], at)
            return Outcome(derived=derived)
        return self._expire_pending(key, at)

    def _expire_pending(self, entity_id: str, at: datetime) -> Outcome:
        outcome = Outcome()
        kept = []
        for item in self.tables.pending.get(entity_id, []):
            if not gave_up(datetime.fromisoformat(item["received_at"]), at, self.config):
                kept.append(item)
                continue
            update = item["update"]
            outcome.rejections.append(Rejection(
                event_id(update["id"], update["revision"]), update["entity_id"], ENTITY_UNKNOWN, "entity_id",
                why_given_up(entity_id, self.config),
            ))
        if kept:
            self.tables.pending[entity_id] = kept
        else:
            self.tables.pending.pop(entity_id, None)
        return outcome

    def _watch(self, needs: AbstractSet[str] = frozenset(), offers: AbstractSet[str] = frozenset(),
               commitments: AbstractSet[str] = frozenset(), pending: AbstractSet[str] = frozenset()) -> None:
        # only the touched records can have armed a timer
        self._arm(timers_of(self.tables, self.config, needs, offers, commitments, pending))

    def _arm(self, timers: Iterable[Timer]) -> None:
        for timer in timers:
            if timer not in self._armed:
                self._armed.add(timer)
                heapq.heappush(self._timers, timer)

    def _compacting(self) -> Steps[None]:
        """Drop the heap's entries their records no longer hold, in steps (a record lookup each)."""
        held: list[Timer] = []
        for number, timer in enumerate(self._timers):
            if self._still_holds(timer):
                held.append(timer)
            if number % 1_000 == 999:
                yield
        heapq.heapify(held)
        self._timers, self._armed = held, set(held)
        self._compact_above = self._compaction_bound()

    def _compaction_bound(self) -> int:
        return max(self.MIN_TIMERS_BEFORE_COMPACTION, 2 * len(self._timers))

    def _still_holds(self, timer: Timer) -> bool:
        """Whether the record behind `timer` holds it now (a lookup of that record)."""
        return timer in timers_of(self.tables, self.config, **{RECORDS_OF_KIND[timer.kind]: {timer.key}})

    def _rearm_after(self, timer: Timer) -> None:
        """Push the timers firing `timer` armed. A raised gap, an expired need or an ended offer arm
        nothing (the first tick after a restore fires thousands of them); a lapsed commitment re-opens
        its need, whose gap clock starts again; parked updates not yet given up keep a clock."""
        if timer.kind == "commitment_lapse":
            record = self.tables.commitments[timer.key]
            self._watch(needs={record["need_id"]}, offers={record["offer_id"]}, commitments={timer.key})
        elif timer.kind == "pending_timeout":
            self._watch(pending={timer.key})

    def _refuse(self, entity: Need | Offer, reason: str, field: str, detail: str, now: datetime) -> Outcome:
        rejection = Rejection(event_id(entity.id, entity.revision), entity.id, reason, field, detail)
        kind: EntityKind = "need" if isinstance(entity, Need) else "offer"
        derived = self._remember_rejection(kind, entity.id, rejection, entity.status, now)
        return Outcome(derived=derived, rejections=[rejection], disposition="rejected")

    def _remember_rejection(self, kind: EntityKind, entity_id: str, rejection: Rejection, asked_status: str | None,
                            now: datetime) -> list[Derived]:
        """Record a refused change on its entity and derive the state that shows it."""
        rejected: RejectedRecord = {"event_id": rejection.event_id, "reason": rejection.reason, "field": rejection.field,
                                    "detail": rejection.detail, "asked_status": asked_status, "at": now.isoformat()}
        if kind == "need":
            self.tables.needs[entity_id] = with_rejection(self.tables.needs[entity_id], rejected)
        else:
            self.tables.offers[entity_id] = with_rejection(self.tables.offers[entity_id], rejected)
        return list(derive_state(self.tables, kind, entity_id, now))
