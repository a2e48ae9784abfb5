"""Needs and offers: lists with filters, paging and ETags; single entities; an entity's history."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from hub.api.auth import Caller, reader
from hub.api.caching import etag_for, next_link, not_modified
from hub.api.models import History, Page
from hub.readmodel import queries
from hub.readmodel.queries import EntityFilter

router = APIRouter(prefix="/v1", tags=["entities"])

NeedStatus = Literal["open", "partially_covered", "covered", "closed", "withdrawn", "expired"]
OfferStatus = Literal["active", "paused", "full", "ended"]
Urgency = Literal["low", "normal", "high", "critical"]
_MAX_OFFSET = 1_000_000_000


def _text(description: str | None = None) -> Any:
    return Query(None, max_length=200, description=description)


def hide_contact(offer: dict[str, Any], caller: Caller) -> dict[str, Any]:
    """Other sources' contacts only for the coordination office (reader/coordinator role)."""
    if caller.sees_contact_of(offer.get("source", "")):
        return offer
    return {**offer, "contact": None, "contact_hidden": True}


async def _page(request: Request, caller: Caller, query: Any, f: EntityFilter, limit: int | None, offset: int,
                shape: Any = None) -> Response:
    runtime = request.app.state.runtime
    limit = min(limit or runtime.api.page_size, runtime.api.max_page_size)
    version = await runtime.store.read(queries.data_version)
    etag = etag_for(version, caller)
    if (cached := not_modified(request, etag)) is not None:
        return cached
    items, total = await runtime.store.read(lambda db: query(db, f, limit, offset))
    if shape is not None:
        items = [shape(item, caller) for item in items]
    nxt = next_link(request, offset, limit, total)
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if nxt:
        headers["Link"] = f'<{nxt}>; rel="next"'
    body = Page(items=items, total=total, limit=limit, offset=offset, next=nxt)
    return JSONResponse(body.model_dump(mode="json"), headers=headers)


@router.get("/needs", response_model=Page, summary="Needs (Bedarfe), most urgent first")
async def list_needs(
    request: Request, caller: Caller = Depends(reader), ags: str | None = _text(), district: str | None = _text(),
    category: str | None = _text(), status: NeedStatus | None = None, urgency: Urgency | None = None,
    q: str | None = Query(None, max_length=200, description="text search in title and description"),
    limit: int | None = Query(None, ge=1, le=5000), offset: int = Query(0, ge=0, le=_MAX_OFFSET),
) -> Response:
    f = EntityFilter(ags, district, category, status, urgency, q)
    return await _page(request, caller, queries.list_needs, f, limit, offset)


@router.get("/offers", response_model=Page, summary="Offers (Angebote), newest first")
async def list_offers(
    request: Request, caller: Caller = Depends(reader), ags: str | None = _text(),
    district: str | None = Query(None, max_length=200, description="offers serving this district (or all of ags)"),
    category: str | None = _text(), status: OfferStatus | None = None,
    q: str | None = Query(None, max_length=200, description="text search in title, description, organisation"),
    limit: int | None = Query(None, ge=1, le=5000), offset: int = Query(0, ge=0, le=_MAX_OFFSET),
) -> Response:
    f = EntityFilter(ags, district, category, status, None, q)
    return await _page(request, caller, queries.list_offers, f, limit, offset, hide_contact)


async def _one(request: Request, caller: Caller, query: Any, entity_id: str, what: str) -> Response:
    runtime = request.app.state.runtime
    version = await runtime.store.read(queries.data_version)
    etag = etag_for(version, caller)
    if (cached := not_modified(request, etag)) is not None:
        return cached
    found = await runtime.store.read(lambda db: query(db, entity_id))
    if found is None:
        raise HTTPException(404, f"no {what} {entity_id}")
    if what == "offer":
        found = hide_contact(found, caller)
    return JSONResponse(found, headers={"ETag": etag, "Cache-Control": "private, no-cache"})


@router.get("/needs/{need_id}", response_model=dict[str, Any], summary="One need with its coverage, matches, gaps")
async def get_need(need_id: str, request: Request, caller: Caller = Depends(reader)) -> Response:
    return await _one(request, caller, queries.get_need, need_id, "need")


@router.get("/offers/{offer_id}", response_model=dict[str, Any], summary="One offer with its remaining capacity")
async def get_offer(offer_id: str, request: Request, caller: Caller = Depends(reader)) -> Response:
    return await _one(request, caller, queries.get_offer, offer_id, "offer")


@router.get("/entities/{entity_id}/history", response_model=History, summary="Every event of a need or offer")
async def entity_history(entity_id: str, request: Request, caller: Caller = Depends(reader)) -> History:
    store = request.app.state.runtime.store
    kind_source = await store.read(lambda db: queries.entity_kind(db, entity_id))
    events = await store.read(lambda db: queries.history(db, entity_id))
    if kind_source is None and not events:
        raise HTTPException(404, f"no need or offer {entity_id}")
    for event in events:
        # offer revisions carry the organisation's contact; the same rule as /v1/offers applies
        if event["type"] == "org.koordinate.offer.v1" and not caller.sees_contact_of(event["data"].get("source", "")):
            event["data"] = {**event["data"], "contact": None}
    return History(entity_id=entity_id, kind=kind_source[0] if kind_source else None, events=events)
