"""EngineTables: the engine's whole durable state as named string-keyed maps of JSON-able values.

The faust worker passes faust Tables, the offline driver plain dicts. Values are never mutated
in place: a faust Table only persists what is assigned, so every change is `table[key] = new`.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from dataclasses import dataclass, fields
from typing import Any, Literal, NotRequired, TypedDict

# The values of the maps, as JSON objects. Times are ISO 8601 strings; a model's JSON is its
# `model_dump(mode="json")`. Keys marked NotRequired may be absent: they are read with a default.

ModelJson = dict[str, Any]
"""A contract model as JSON (Need, Offer, StatusUpdate), or a dedupe result's `to_dict()`."""


class LapsedRecord(TypedDict):
    """A proposed commitment that lapsed at its deadline, listed on its need and its offer."""

    need_id: str
    offer_id: str
    slots: int
    confirm_by: str


class RejectedRecord(TypedDict):
    """The last change to a need or offer the engine refused (its state shows it)."""

    event_id: str
    reason: str
    field: str | None
    detail: str
    asked_status: str | None
    at: str


class NeedRecord(TypedDict):
    need: ModelJson  # the Need as last published by its source
    status: str  # effective status (the source's, or open/partially_covered/covered/expired by the hub)
    published_status: str  # the status the source last published
    covered: int  # slots committed to it
    open_since: str  # start of the gap clock
    matches: NotRequired[list[str]]  # offer ids of its current match candidates, ranked
    lapsed: NotRequired[list[LapsedRecord]]  # its commitments that lapsed and were not made again
    rejected: NotRequired[RejectedRecord]


class OfferRecord(TypedDict):
    offer: ModelJson
    status: str
    published_status: str
    committed: int  # slots taken by counting commitments
    capacity_delta: NotRequired[int]  # capacity changes by status updates since the source stated it
    expired: NotRequired[bool]  # ended by its valid_until, not by its source
    lapsed: NotRequired[list[LapsedRecord]]
    rejected: NotRequired[RejectedRecord]


class CommitmentRecord(TypedDict):
    need_id: str
    offer_id: str
    slots: int
    state: str  # proposed, confirmed, withdrawn
    confirm_by: str | None
    since: str
    lapsed: NotRequired[bool]  # withdrawn because it was not confirmed by confirm_by


class GapRecord(TypedDict):
    gap_id: str
    open_since: str
    raised_at: str
    reasons: list[str]


class CoverageRecord(TypedDict):
    open_demand: int
    available_capacity: int
    is_gap: bool
    seq: int  # per-key sequence number of the coverage events


class ReviewRecord(TypedDict):
    review_id: str
    offer_ids: list[str]
    decision: Literal["confirm", "reject"]
    occurred_at: str


class PendingItem(TypedDict):
    update: ModelJson  # a StatusUpdate whose entity has not arrived yet
    received_at: str



@dataclass
class EngineTables:
    """The maps; see each field for key -> value shape (all values JSON-able)."""

    # need id -> its record
    needs: MutableMapping[str, NeedRecord]
    # offer id -> its record
    offers: MutableMapping[str, OfferRecord]
    # "need_id/offer_id" -> the commitment (one per need and offer)
    commitments: MutableMapping[str, CommitmentRecord]
    # need id -> its open gap
    gaps: MutableMapping[str, GapRecord]
    # derived id -> fingerprint of the content last emitted under it (matches, duplicates, gaps);
    # entity_state.state_key(entity id) -> "<revision> <digest>" of its last state
    # engine.NEXT_SWEEP_KEY -> when the next coverage sweep is due (ISO 8601)
    emitted: MutableMapping[str, str]
    # "ags/district/category" -> the figures last emitted
    coverage: MutableMapping[str, CoverageRecord]
    # cluster id -> the latest review of it
    reviews: MutableMapping[str, ReviewRecord]
    # entity id -> status updates waiting for the entity
    pending: MutableMapping[str, list[PendingItem]]
    # status update id -> revision applied (or parked in pending)
    updates: MutableMapping[str, int]
    # cluster id -> dedupe Cluster.to_dict() (same-offer clusters and review items)
    clusters: MutableMapping[str, ModelJson]
    # "offer_a/offer_b" -> dedupe PairEvidence.to_dict(): the scored candidate pairs. Which pairs
    # exist depends on the order offers arrived (blocking buckets have caps), so they are kept,
    # not re-derived after a restart.
    pairs: MutableMapping[str, ModelJson]
    # "ags/category" -> [dedupe Cluster.to_dict() of kind parallel_offers], the current ones
    parallel: MutableMapping[str, list[ModelJson]]

    @classmethod
    def in_memory(cls) -> EngineTables:
        """Plain dicts: the offline driver and the tests."""
        return cls(**{f.name: {} for f in fields(cls)})

    def as_stored(self) -> EngineTables:
        """Plain dicts holding what a restarted driver reads back from its tables: every value through
        JSON, nothing shared with these maps (the tests and benchmarks of a restore)."""
        return EngineTables(**{name: {key: json.loads(json.dumps(value)) for key, value in getattr(self, name).items()}
                               for name in self.names()})

    @classmethod
    def names(cls) -> list[str]:
        """The map names, e.g. for a driver creating one faust Table per map."""
        return [f.name for f in fields(cls)]
