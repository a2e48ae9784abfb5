"""EngineTables: the engine's whole durable state as named string-keyed maps of JSON-able values.

The faust worker passes faust Tables, the offline driver plain dicts. Values are never mutated
in place: a faust Table only persists what is assigned, so every change is `table[key] = new`.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, fields
from typing import Any

Table = MutableMapping[str, Any]


@dataclass
class EngineTables:
    """The maps; see each field for key -> value shape (all values JSON-able)."""

    # need id -> {"need": Need json, "status", "published_status", "covered": int, "open_since": iso}
    needs: Table
    # offer id -> {"offer": Offer json, "status", "published_status", "committed": int, "capacity_delta": int}
    offers: Table
    # "need_id/offer_id" -> {"need_id", "offer_id", "slots", "state", "confirm_by": iso|None, "since": iso}
    commitments: Table
    # need id -> open gap {"gap_id", "open_since", "raised_at", "reasons": [...]}
    gaps: Table
    # derived id -> fingerprint of the content last emitted under it (matches, duplicates, gaps)
    emitted: Table
    # "ags/district/category" -> {"open_demand", "available_capacity", "is_gap", "seq"}
    coverage: Table
    # cluster id -> {"review_id", "offer_ids", "decision", "occurred_at"}
    reviews: Table
    # entity id -> [{"update": StatusUpdate json, "received_at": iso}, ...] waiting for the entity
    pending: Table
    # status update id -> revision applied (or parked in pending)
    updates: Table
    # cluster id -> dedupe Cluster.to_dict() (same-offer clusters and review items)
    clusters: Table
    # "offer_a/offer_b" -> dedupe PairEvidence.to_dict(): the scored candidate pairs. Which pairs
    # exist depends on the order offers arrived (blocking buckets have caps), so they are kept,
    # not re-derived after a restart.
    pairs: Table
    # "ags/category" -> [dedupe Cluster.to_dict() of kind parallel_offers], the current ones
    parallel: Table

    @classmethod
    def in_memory(cls) -> EngineTables:
        """Plain dicts: the offline driver and the tests."""
        return cls(**{f.name: {} for f in fields(cls)})

    @classmethod
    def names(cls) -> list[str]:
        """The map names, e.g. for a driver creating one faust Table per map."""
        return [f.name for f in fields(cls)]
