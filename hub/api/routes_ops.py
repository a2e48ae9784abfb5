"""Operations: liveness, readiness (caught up and writable) and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="The process answers")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Caught up with the topics' end offsets at startup, and the store is writable")
async def readyz(request: Request) -> JSONResponse:
    runtime = request.app.state.runtime
    materialiser = runtime.materialiser
    caught_up = materialiser is not None and materialiser.ready
    writable = await runtime.store.writable()
    body = {"caught_up": caught_up, "writable": writable,
            "error": str(materialiser.error) if materialiser is not None and materialiser.error else None}
    return JSONResponse(body, status_code=200 if caught_up and writable else 503)


@router.get("/metrics", response_class=PlainTextResponse, summary="Prometheus metrics")
async def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.runtime.registry), media_type=CONTENT_TYPE_LATEST)
