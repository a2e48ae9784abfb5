"""Events the hub derives: matches, gaps, duplicate clusters, coverage, entity state and review decisions.

Their ids come from ``identity.derived_id`` so a replay or a restarted worker emits nothing new.
"""

from __future__ import annotations

from typing import ClassVar, Literal, Self

from pydantic import Field, model_validator

from schemas._base import ContractModel, EventModel, field_error
from schemas._types import Ags, BerlinDateTime, CategoryCode, NonNegativeInt, Revision, Score, UuidStr
from schemas.need import NEED_STATUSES, Urgency
from schemas.offer import OFFER_STATUSES
from schemas.schedule import Window

GapReason = Literal[
    "no_offer_in_category",
    "no_offer_in_area",
    "schedule_mismatch",
    "language_mismatch",
    "capacity_exhausted",
    "needs_professional",
]


def _area_key(ags: str, district: str | None, category: str) -> str:
    return f"{ags}/{district or ''}/{category}"


class Match(EventModel):
    """An offer suggested for a need, ranked among the need's candidates."""

    event_type: ClassVar[str] = "org.koordinate.match.v1"
    schema_name: ClassVar[str] = "match.v1"
    time_field: ClassVar[str | None] = "computed_at"

    id: UuidStr
    need_id: UuidStr
    offer_id: UuidStr
    score: Score
    reasons: list[str] = Field(default_factory=list)
    rank: int = Field(ge=1)
    computed_at: BerlinDateTime | None = None

    def partition_key(self) -> str:
        return self.need_id


class Gap(EventModel):
    """A need uncovered past its urgency SLA, or an area x category without capacity (no need_id)."""

    event_type: ClassVar[str] = "org.koordinate.gap.v1"
    schema_name: ClassVar[str] = "gap.v1"
    time_field: ClassVar[str | None] = "raised_at"

    id: UuidStr
    need_id: UuidStr | None = None
    ags: Ags
    district: str | None = None
    category: CategoryCode
    urgency: Urgency
    reasons: list[GapReason] = Field(min_length=1)
    open_since: BerlinDateTime
    raised_at: BerlinDateTime
    sla_seconds: int = Field(ge=0)

    def partition_key(self) -> str:
        return self.need_id or _area_key(self.ags, self.district, self.category)


class GapResolved(EventModel):
    """A gap closed: its need got covered, closed, withdrawn or expired."""

    event_type: ClassVar[str] = "org.koordinate.gap.resolved.v1"
    schema_name: ClassVar[str] = "gap.resolved.v1"
    time_field: ClassVar[str | None] = "resolved_at"

    id: UuidStr
    gap_id: UuidStr
    need_id: UuidStr | None = None
    resolution: Literal["covered", "closed", "withdrawn", "expired"]
    resolved_at: BerlinDateTime

    def partition_key(self) -> str:
        return self.need_id or self.gap_id


class PairEvidence(ContractModel):
    """Why two offers look alike: per-field similarity (0..1), the weight each field added, and a reading tier."""

    offer_a: UuidStr
    offer_b: UuidStr
    score: Score
    fields: dict[str, Score] = Field(default_factory=dict, examples=[{"contact.url": 1.0, "title": 0.82}])
    tier: str = Field(min_length=1, examples=["shared_contact", "same_slot", "fuzzy_text"])
    weights: dict[str, float] = Field(
        default_factory=dict, examples=[{"title": 0.3, "schedule": 3.6, "category": -1.0}],
        description="bits of evidence each comparison added, from the scoring model: positive for the pair, negative "
                    "against it; optional (events of earlier hub versions carry none)",
    )


class Duplicate(EventModel):
    """A cluster of offers that are the same offer, or parallel offers at the same place and time."""

    event_type: ClassVar[str] = "org.koordinate.duplicate.v1"
    schema_name: ClassVar[str] = "duplicate.v1"
    time_field: ClassVar[str | None] = "detected_at"

    id: UuidStr = Field(description="stable cluster id")
    kind: Literal["same_offer", "parallel_offers"]
    offer_ids: list[UuidStr] = Field(min_length=2)
    score: Score
    evidence: list[PairEvidence] = Field(default_factory=list)
    status: Literal["suspected", "confirmed", "rejected"] = "suspected"
    overlap: list[Window] | None = Field(default=None, description="parallel_offers: shared time windows")
    open_demand: NonNegativeInt | None = None
    combined_capacity: NonNegativeInt | None = None
    detected_at: BerlinDateTime | None = None

    @model_validator(mode="after")
    def _ids_sorted_unique(self) -> Self:
        # the cluster id is derived from this list; one order keeps it stable
        if self.offer_ids != sorted(set(self.offer_ids)):
            raise field_error(
                "Duplicate", ("offer_ids",), "offer_ids_order", "offer_ids must be sorted and unique",
                self.offer_ids,
            )
        return self


class Coverage(EventModel):
    """Open demand against available capacity for one area x category over a horizon."""

    event_type: ClassVar[str] = "org.koordinate.coverage.v1"
    schema_name: ClassVar[str] = "coverage.v1"
    time_field: ClassVar[str | None] = "computed_at"

    id: UuidStr
    ags: Ags
    district: str | None = None
    category: CategoryCode
    horizon_days: int = Field(gt=0)
    open_demand: NonNegativeInt
    available_capacity: NonNegativeInt
    ratio: float | None = Field(default=None, ge=0.0, description="capacity / demand; None without demand")
    is_gap: bool
    computed_at: BerlinDateTime

    def partition_key(self) -> str:
        return _area_key(self.ags, self.district, self.category)


class LapsedCommitment(ContractModel):
    """A proposed commitment nobody confirmed by its deadline: its slots went back to need and offer."""

    need_id: UuidStr
    offer_id: UuidStr
    slots: int = Field(gt=0)
    confirm_by: BerlinDateTime


class RejectedChange(ContractModel):
    """The last change to an entity the hub refused, and why; the entity's state stayed as it was."""

    event_id: UuidStr = Field(description="CloudEvents id of the refused need, offer or status update")
    reason: str = Field(min_length=1, examples=["illegal_transition", "commitment_exceeds_capacity"])
    field: str | None = None
    detail: str = ""
    asked_status: str | None = Field(default=None, description="the status the refused event asked for, if any")
    at: BerlinDateTime


class EntityState(EventModel):
    """The hub's one view of a need or an offer: status, slots, expiry, lapsed commitments, last refusal.

    Published whenever any of it changes, expiry and lapsed deadlines included; every reader (read
    model, dashboard, feeds, webhooks) follows it instead of working status out from status updates.
    ``revision`` counts the entity's state changes; newer (entity_revision, revision) wins.
    """

    event_type: ClassVar[str] = "org.koordinate.state.v1"
    schema_name: ClassVar[str] = "state.v1"
    time_field: ClassVar[str | None] = "changed_at"

    id: UuidStr = Field(description="derived from entity id, entity revision and revision: a replay repeats it exactly")
    entity_kind: Literal["need", "offer"]
    entity_id: UuidStr
    entity_revision: Revision = Field(description="revision of the need or offer record this state is of (a source may start at 0)")
    revision: int = Field(ge=1)
    ags: Ags
    status: str = Field(description=f"need: {', '.join(NEED_STATUSES)}; offer: {', '.join(OFFER_STATUSES)}")
    committed: NonNegativeInt = Field(description="slots of proposed and confirmed commitments")
    remaining: NonNegativeInt | None = Field(
        description="need: quantity nobody committed to; offer: capacity left (None: unlimited or unknown)")
    expires_at: BerlinDateTime | None = Field(default=None, description="need: needed_until; offer: valid_until")
    expired: bool = False
    lapsed_commitments: list[LapsedCommitment] = Field(default_factory=list)
    last_rejected: RejectedChange | None = None
    changed_at: BerlinDateTime

    def partition_key(self) -> str:
        return self.entity_id

    @model_validator(mode="after")
    def _status_fits_kind(self) -> Self:
        allowed = NEED_STATUSES if self.entity_kind == "need" else OFFER_STATUSES
        if self.status not in allowed:
            raise field_error("EntityState", ("status",), "status_for_kind",
                              f"not a status of a {self.entity_kind}; use one of: {', '.join(allowed)}", self.status)
        return self


class Review(EventModel):
    """A coordination office's decision on a suspected duplicate; respected for ever after."""

    event_type: ClassVar[str] = "org.koordinate.review.v1"
    schema_name: ClassVar[str] = "review.v1"
    time_field: ClassVar[str | None] = "occurred_at"

    id: UuidStr
    cluster_id: UuidStr
    offer_ids: list[UuidStr] = Field(min_length=2)
    decision: Literal["confirm", "reject"]
    reviewer: str = Field(min_length=1, description="role or organisation, never a person's name",
                          examples=["Ehrenamtskoordination Leipzig"])
    note: str = Field(default="", max_length=2000)
    occurred_at: BerlinDateTime

    def partition_key(self) -> str:
        return self.cluster_id
