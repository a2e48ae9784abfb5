"""Status updates: a need or offer changes status or capacity, or a commitment is proposed or settled."""

from __future__ import annotations

from typing import ClassVar, Literal, Self

from pydantic import Field, model_validator

from schemas._base import CanonicalFields, ContractModel, field_error
from schemas._types import BerlinDateTime, UuidStr
from schemas.need import NEED_STATUSES
from schemas.offer import OFFER_STATUSES

CommitmentState = Literal["proposed", "confirmed", "withdrawn"]


class Commitment(ContractModel):
    """An explicit agreement: offer X takes need Y for N slots, to be confirmed by a deadline."""

    offer_id: UuidStr
    need_id: UuidStr
    slots: int = Field(gt=0)
    confirm_by: BerlinDateTime | None = None
    state: CommitmentState = "proposed"


class StatusUpdate(CanonicalFields):
    """A change to one need or offer; ``id`` is the update's own entity id, ``entity_id`` its target."""

    event_type: ClassVar[str] = "org.koordinate.status.v1"
    schema_name: ClassVar[str] = "status.v1"
    time_field: ClassVar[str | None] = "occurred_at"

    entity_id: UuidStr
    entity_kind: Literal["need", "offer"]
    new_status: str | None = Field(
        default=None, description=f"need: {', '.join(NEED_STATUSES)}; offer: {', '.join(OFFER_STATUSES)}"
    )
    capacity_change: int | None = Field(default=None, description="slots added (+) or taken (-)")
    commitment: Commitment | None = None
    note: str = Field(default="", max_length=2000)
    reason: str = Field(default="", max_length=500)
    occurred_at: BerlinDateTime

    def partition_key(self) -> str:
        # updates share the partition of the entity they change, so they apply in order
        return self.entity_id

    @model_validator(mode="after")
    def _status_fits_kind(self) -> Self:
        allowed = NEED_STATUSES if self.entity_kind == "need" else OFFER_STATUSES
        if self.new_status is not None and self.new_status not in allowed:
            raise field_error(
                "StatusUpdate", ("new_status",), "status_for_kind",
                f"not a status of a {self.entity_kind}; use one of: {', '.join(allowed)}", self.new_status,
            )
        return self
