"""Response and request bodies of the read API, as they appear in /openapi.json."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas._types import UuidStr


class Page(BaseModel):
    """One page of a list; follow ``next`` (also in the ``Link`` header) for the following page."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    next: str | None = None


class HistoryEvent(BaseModel):
    event_id: str
    type: str
    time: str
    source: str
    data: dict[str, Any]


class History(BaseModel):
    entity_id: str
    kind: Literal["need", "offer"] | None
    events: list[HistoryEvent]


class OpenGap(BaseModel):
    id: str
    need_id: str | None
    ags: str
    district: str | None
    category: str
    urgency: str
    reasons: list[str]
    open_since: str
    raised_at: str
    sla_seconds: int
    age_hours: float


class Gaps(BaseModel):
    items: list[OpenGap]


class CoverageRow(BaseModel):
    ags: str
    district: str | None
    category: str
    horizon_days: int
    open_demand: int
    available_capacity: int
    ratio: float | None
    is_gap: bool
    computed_at: str


class CoverageList(BaseModel):
    items: list[CoverageRow]


class Clusters(BaseModel):
    items: list[dict[str, Any]]


class Stats(BaseModel):
    needs_by_status: dict[str, int]
    offers_by_status: dict[str, int]
    open_gaps: int
    clusters: dict[str, int]
    deadletters: dict[str, int]
    data_version: int


class ReviewRequest(BaseModel):
    """A coordination office's decision; ``offer_ids`` names one pair, default the whole cluster."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["confirm", "reject"]
    offer_ids: list[UuidStr] | None = Field(None, min_length=2, max_length=2)
    note: str = Field("", max_length=2000)


class ReviewAccepted(BaseModel):
    id: str
    cluster_id: str
    offer_ids: list[str]
    decision: str
    topic: str
    partition: int
    offset: int
