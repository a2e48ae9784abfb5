"""Offer feeds: ``/feeds/offers.ics`` (calendar apps, Integreat's external-calendar import) and ``/feeds/offers.json``.

Read with a feed token in the query string (calendar clients cannot send headers), or without one when
the operator made the feeds public (see ``hub.feeds.FeedSettings``). ETags follow the read model's data
version; a client sending If-None-Match (or If-Modified-Since) gets 304 while nothing changed.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from hub.api.caching import not_modified
from hub.feeds import FeedQuery, FeedSettings, calendar_of, json_of, select_offers
from hub.readmodel import queries
from schemas import category_codes

router = APIRouter(prefix="/feeds", tags=["feeds"])

_AGS = r"^(0[1-9]|1[0-6])[0-9]{6}$"
_TAG = r"^[\w .-]{1,60}$"


def feed_settings(request: Request) -> FeedSettings:
    """The app's feed settings (tests set ``app.state.feed_settings``), read from the environment once."""
    settings = getattr(request.app.state, "feed_settings", None)
    if settings is None:
        settings = request.app.state.feed_settings = FeedSettings()
    return settings


def _allowed(settings: FeedSettings, token: str | None) -> None:
    if settings.public:
        return
    if not token:
        raise HTTPException(401, "this feed needs ?token=<feed token> (or KOORDINATE_FEEDS_PUBLIC=true)")
    digest = hashlib.sha256(token.encode()).hexdigest()
    if not any(hmac.compare_digest(digest, known.lower()) for known in settings.token_sha256):
        raise HTTPException(403, "unknown feed token")


def _http_date(offers: list[dict[str, Any]]) -> str | None:
    times = [datetime.fromisoformat(o["occurred_at"]) for o in offers]
    return format_datetime(max(times).astimezone(timezone.utc).replace(microsecond=0), usegmt=True) if times else None


def _unchanged_since(request: Request, last_modified: str | None) -> bool:
    since = request.headers.get("if-modified-since")
    if not since or not last_modified or request.headers.get("if-none-match"):
        return False
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


async def _feed(request: Request, kind: str, query: FeedQuery, tag: str | None, token: str | None) -> Response:
    settings = feed_settings(request)
    _allowed(settings, token)
    if query.category is not None and query.category not in category_codes():
        raise HTTPException(400, f"unknown category {query.category!r}; one of: {', '.join(category_codes())}")
    tag = tag or settings.tag
    store = request.app.state.runtime.store
    version = await store.read(queries.data_version)
    params = f"{kind}|{query.ags}|{query.district}|{query.category}|{tag}|{settings.base_url}"
    etag = f'"{version}-{hashlib.sha256(params.encode()).hexdigest()[:16]}"'
    cache = "public, max-age=300" if settings.public else "private, max-age=300"
    if (cached := not_modified(request, etag)) is not None:
        cached.headers["Cache-Control"] = cache
        return cached
    selection = await store.read(lambda db: select_offers(db, query))
    last_modified = _http_date(selection.offers)
    headers = {"ETag": etag, "Cache-Control": cache, **({"Last-Modified": last_modified} if last_modified else {})}
    if _unchanged_since(request, last_modified):
        return Response(status_code=304, headers=headers)
    api_base = settings.base_url or str(request.base_url)
    if kind == "json":
        return JSONResponse(json_of(selection.offers, tag=tag, api_base=api_base), headers=headers)
    name = " ".join(p for p in ("Koordinate", query.ags, query.district, query.category) if p)
    body = calendar_of(selection.offers, tag=tag, api_base=api_base, name=name)
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


def _query(ags: str | None, district: str | None, category: str | None) -> FeedQuery:
    return FeedQuery(ags, district, category)


_PARAMS: dict[str, Any] = {
    "ags": Query(None, pattern=_AGS, description="8-digit AGS of the municipality"),
    "district": Query(None, max_length=200, description="offers serving this district (or the whole municipality)"),
    "category": Query(None, max_length=40, description="taxonomy code, e.g. language_education"),
    "tag": Query(None, pattern=_TAG, description="CATEGORIES tag on every event (default: KOORDINATE_FEEDS_TAG)"),
    "token": Query(None, max_length=200, description="feed token (not an API token)"),
}


@router.get("/offers.ics", response_class=Response, summary="Live offers as an iCalendar feed, one per cluster",
            responses={200: {"content": {"text/calendar": {}}}, 304: {"description": "unchanged"}})
async def offers_ics(request: Request, ags: str | None = _PARAMS["ags"], district: str | None = _PARAMS["district"],
                     category: str | None = _PARAMS["category"], tag: str | None = _PARAMS["tag"],
                     token: str | None = _PARAMS["token"]) -> Response:
    return await _feed(request, "ics", _query(ags, district, category), tag, token)


@router.get("/offers.json", response_model=dict[str, Any], summary="The same selection as JSON, for websites",
            responses={304: {"description": "unchanged"}})
async def offers_json(request: Request, ags: str | None = _PARAMS["ags"], district: str | None = _PARAMS["district"],
                      category: str | None = _PARAMS["category"], tag: str | None = _PARAMS["tag"],
                      token: str | None = _PARAMS["token"]) -> Response:
    return await _feed(request, "json", _query(ags, district, category), tag, token)
