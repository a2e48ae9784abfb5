"""The shared picture: open gaps, coverage per area x category, counts."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from hub.api.auth import Caller, reader
from hub.api.models import CoverageList, CoverageRow, Gaps, OpenGap, Stats
from hub.readmodel import queries

router = APIRouter(prefix="/v1", tags=["picture"])


def _text(description: str | None = None) -> Any:
    return Query(None, max_length=200, description=description)


def _age_hours(open_since: str, now: datetime) -> float:
    since = datetime.strptime(open_since, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    return round(max(0.0, (now - since).total_seconds() / 3600), 2)


@router.get("/gaps", response_model=Gaps, summary="Open gaps, most urgent first, then oldest")
async def open_gaps(request: Request, _caller: Caller = Depends(reader), ags: str | None = _text(),
                    district: str | None = _text(), category: str | None = _text()) -> Gaps:
    rows = await request.app.state.runtime.store.read(lambda db: queries.open_gaps(db, ags, district, category))
    now = datetime.now(timezone.utc)
    return Gaps(items=[OpenGap(**row, age_hours=_age_hours(row["open_since"], now)) for row in rows])


@router.get("/coverage", response_model=CoverageList, summary="Open demand against capacity per area x category")
async def coverage(request: Request, _caller: Caller = Depends(reader), ags: str | None = _text(),
                   district: str | None = _text(), category: str | None = _text(),
                   is_gap: bool = Query(False, description="only areas x categories without enough capacity")
                   ) -> CoverageList:
    rows = await request.app.state.runtime.store.read(
        lambda db: queries.coverage(db, ags, district, category, is_gap))
    return CoverageList(items=[CoverageRow(**row) for row in rows])


@router.get("/stats", response_model=Stats, summary="Counts: needs and offers by status, open gaps, clusters")
async def stats(request: Request, _caller: Caller = Depends(reader)) -> Stats:
    return Stats(**await request.app.state.runtime.store.read(queries.stats))
