"""Weak ETags from the read model's data version, and the page links of list endpoints."""

from __future__ import annotations

import hashlib

from fastapi import Request, Response

from hub.api.auth import Caller


def etag_for(version: int, caller: Caller) -> str:
    # what a caller sees depends on its view (contacts), so the view is part of the tag
    view = hashlib.sha256(caller.view.encode()).hexdigest()[:12]
    return f'W/"{version}-{view}"'


def not_modified(request: Request, etag: str) -> Response | None:
    """A 304 when If-None-Match names the current tag (weak comparison), else None."""
    header = request.headers.get("if-none-match")
    if not header:
        return None
    wanted = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if "*" in wanted or etag.removeprefix("W/") in wanted:
        return Response(status_code=304, headers={"ETag": etag})
    return None


def next_link(request: Request, offset: int, limit: int, total: int) -> str | None:
    if offset + limit >= total:
        return None
    return str(request.url.include_query_params(offset=offset + limit, limit=limit))
