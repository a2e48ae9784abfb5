"""Live updates as Server-Sent Events: one small JSON message per change the read model applied."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials

from hub.api.auth import READ_ROLES, authenticate, bearer

router = APIRouter(prefix="/v1/events", tags=["live"])


async def _events(request: Request, keepalive_s: float) -> AsyncIterator[str]:
    feed = request.app.state.runtime.feed
    async with feed.subscribe() as queue:
        yield ": subscribed\n\n"  # tells the client the subscription is live
        counter = 0
        while not await request.is_disconnected():
            try:
                change = await asyncio.wait_for(queue.get(), keepalive_s)
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            counter += 1
            yield f"event: change\nid: {counter}\ndata: {json.dumps(change.as_dict(), ensure_ascii=False)}\n\n"


@router.get("/stream", summary="Server-Sent Events: {type, id, ags, district, category} per applied change",
            response_class=StreamingResponse)
async def stream(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    access_token: str | None = Query(None, max_length=200,
                                     description="for browsers' EventSource, which cannot send headers"),
) -> StreamingResponse:
    caller = authenticate(request, credentials.credentials if credentials else access_token)
    if not caller.roles & READ_ROLES:
        raise HTTPException(403, "this token has no role that may read")
    return StreamingResponse(
        _events(request, request.app.state.runtime.api.keepalive_s), media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
