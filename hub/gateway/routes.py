"""The HTTP endpoints: POST /v1/events, health, readiness, metrics and a plain offline docs page.

Status codes of POST /v1/events, checked in this order: 401 no or unknown token; 403 token lacks the
publisher role; 429 rate limit (Retry-After); 503 not ready (Retry-After); 415 content type; 413 body
too large; 403 missing or wrong HMAC signature; 400 unreadable or invalid; 403 source or entity not
this token's; 503 broker did not acknowledge (Retry-After; re-send, it is idempotent); 202 accepted.
"""

from __future__ import annotations

import html
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
import structlog

from hub.errors import BrokerUnavailable, PermanentError
from hub.gateway.intake import MEDIA_TYPES, Problem, Refused, check_events, media_type, read_events
from hub.gateway.limits import BodyTooLarge, UnreadableJson, parse_json, read_bounded, retry_after_header
from hub.gateway.metrics import CONTENT_TYPE_LATEST
from hub.gateway.runtime import GatewayRuntime
from hub.gateway.tokens import Principal, signature_matches

# a lazy proxy: it follows configure_logging even when that runs after this import
log = structlog.get_logger("hub.gateway")
router = APIRouter()


class ErrorItem(BaseModel):
    index: int | None
    path: str
    reason: str
    value: str = ""


class ErrorBody(BaseModel):
    errors: list[ErrorItem]


class EventOutcome(BaseModel):
    index: int
    id: str
    type: str
    status: str


class AcceptedBody(BaseModel):
    accepted: int
    already_accepted: int
    message: str
    events: list[EventOutcome]


_EVENT_SCHEMA = {"type": "object", "description": "a CloudEvent 1.0 (structured mode) of type "
                 "org.koordinate.need.v1, org.koordinate.offer.v1 or org.koordinate.status.v1"}
_REQUEST_BODY = {"requestBody": {"required": True, "content": {
    "application/cloudevents+json": {"schema": _EVENT_SCHEMA},
    "application/cloudevents-batch+json": {"schema": {"type": "array", "items": _EVENT_SCHEMA}},
    "application/json": {"schema": {"type": "object", "description": "binary mode: the event's data; "
                                    "attributes in ce-specversion, ce-id, ce-source, ce-type headers"}},
}}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text} for code, text in {
        400: "unreadable body or invalid event(s); nothing was produced", 401: "missing or unknown token",
        403: "role, signature, source or entity ownership refused", 413: "body or batch too large",
        415: "content type is not a CloudEvents mode", 429: "rate limit; see Retry-After",
        503: "broker unavailable or gateway not ready; re-send after Retry-After",
    }.items()
}


def _runtime(request: Request) -> GatewayRuntime:
    return request.app.state.runtime  # type: ignore[no-any-return]


def _errors(status: int, problems: list[Problem] | list[dict[str, Any]], headers: dict[str, str] | None = None,
            ) -> JSONResponse:
    items = [p.as_json() if isinstance(p, Problem) else p for p in problems]
    return JSONResponse({"errors": items}, status_code=status, headers=headers)


def _one(status: int, path: str, reason: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return _errors(status, [{"index": None, "path": path, "reason": reason, "value": ""}], headers)


def _refuse(rt: GatewayRuntime, principal: Principal | None, label: str, response: JSONResponse) -> JSONResponse:
    rt.metrics.rejected.labels(label).inc()
    log.info("request refused", status=response.status_code, reason=label,
             source=principal.source if principal else None)
    return response


def _authenticate(rt: GatewayRuntime, request: Request) -> Principal | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return rt.tokens.authenticate(token.strip())


@router.post("/v1/events", status_code=202, response_model=AcceptedBody, responses=_ERRORS,
             openapi_extra=_REQUEST_BODY, summary="Publish needs, offers and status updates as CloudEvents")
async def post_events(request: Request) -> Response:
    """Structured, binary or batch CloudEvents. A batch is all-or-nothing: one invalid or forbidden event
    refuses the whole batch (400/403, with every problem and its index) and nothing is produced. 202 means
    the broker acknowledged every new record; events already accepted are answered 202 again and not
    produced twice."""
    rt = _runtime(request)
    principal = _authenticate(rt, request)
    if principal is None:
        return _refuse(rt, None, "unauthenticated", _one(
            401, "Authorization", "send 'Authorization: Bearer <token>' with a token issued for your source",
            {"WWW-Authenticate": 'Bearer realm="koordinate"'}))
    if "publisher" not in principal.roles:
        return _refuse(rt, principal, "role", _one(403, "Authorization", "this token lacks the publisher role"))
    if (wait := rt.limiter.take(principal.source)) > 0:
        return _refuse(rt, principal, "rate_limited", _one(
            429, "", "rate limit of your source reached; retry later", {"Retry-After": retry_after_header(wait)}))
    if rt.intake is None:
        return _refuse(rt, principal, "not_ready", _one(
            503, "", "the gateway is not connected to the broker yet",
            {"Retry-After": str(rt.gateway.retry_after_s)}))
    media = media_type(request.headers.get("content-type"))
    if media not in MEDIA_TYPES:
        return _refuse(rt, principal, "content_type", _one(
            415, "Content-Type", f"use one of {', '.join(MEDIA_TYPES)}"))
    try:
        body = await read_bounded(request.stream(), request.headers.get("content-length"), rt.gateway.max_body_bytes)
    except BodyTooLarge as exc:
        return _refuse(rt, principal, "too_large", _one(413, "body", str(exc)))
    if principal.hmac_secret is not None and not signature_matches(
            principal.hmac_secret, body, request.headers.get(rt.gateway.signature_header)):
        return _refuse(rt, principal, "signature", _one(
            403, rt.gateway.signature_header, "missing or wrong HMAC-SHA256 signature of the body (sha256=<hex>)"))
    try:
        text, parsed = parse_json(body, rt.gateway.max_json_depth)
        events = read_events(media, request.headers, text, parsed, rt.gateway.max_batch_events)
        candidates = check_events(events, principal, rt.index)
    except UnreadableJson as exc:
        return _refuse(rt, principal, "unreadable", _one(400, "body", str(exc)))
    except Refused as exc:
        return _refuse(rt, principal, exc.label, _errors(exc.status, exc.problems))
    try:
        outcomes = await rt.intake.accept(candidates)
    except BrokerUnavailable as exc:
        return _refuse(rt, principal, "broker_unavailable", _one(
            503, "", f"the broker did not acknowledge every event; re-send the request ({exc})",
            {"Retry-After": str(rt.gateway.retry_after_s)}))
    except PermanentError as exc:
        log.error("broker refused a record", source=principal.source, error=str(exc))
        return _refuse(rt, principal, "broker_refused", _one(500, "", f"the broker refused a record: {exc}"))
    accepted = sum(o.status == "accepted" for o in outcomes)
    answers = []
    for c, o in zip(candidates, outcomes):
        notes = getattr(c.model, "quality", None) or ()
        if o.status == "accepted":
            rt.metrics.accepted.labels(c.kind, principal.source).inc()
            for note in notes:
                rt.metrics.quality_notes.labels(note.field, note.code).inc()
        else:
            rt.metrics.duplicates.labels(c.kind).inc()
        # the publisher learns what was dropped or moved, not only the office on the dashboard
        answers.append({**o.as_json(), **({"quality": [note.model_dump() for note in notes]} if notes else {})})
    message = (f"{accepted} event(s) acknowledged by the broker" if accepted == len(outcomes) else
               f"{accepted} event(s) acknowledged by the broker; {len(outcomes) - accepted} already accepted "
               "before (nothing produced again)")
    return JSONResponse({"accepted": accepted, "already_accepted": len(outcomes) - accepted, "message": message,
                         "events": answers}, status_code=202)


@router.get("/healthz", summary="The process is up")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Broker reachable and ownership index loaded", responses={503: {}})
async def readyz(request: Request) -> JSONResponse:
    rt = _runtime(request)
    rt.metrics.index_entities.set(len(rt.index))
    reachable = await rt.broker_reachable()
    ready = rt.ready and reachable
    body = {"ready": ready, "broker_reachable": reachable, "index_loaded": rt.ready, "entities": len(rt.index)}
    headers = None if ready else {"Retry-After": str(rt.gateway.retry_after_s)}
    return JSONResponse(body, status_code=200 if ready else 503, headers=headers)


@router.get("/metrics", summary="Prometheus metrics")
async def metrics(request: Request) -> Response:
    rt = _runtime(request)
    rt.metrics.index_entities.set(len(rt.index))
    return Response(rt.metrics.render(), media_type=CONTENT_TYPE_LATEST)


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
async def docs(request: Request) -> HTMLResponse:
    """A plain page from the OpenAPI document: no scripts, no CDN, works offline."""
    spec = request.app.openapi()
    rows = []
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            codes = ", ".join(sorted(op.get("responses", {})))
            rows.append(f"<tr><td>{method.upper()}</td><td><code>{html.escape(path)}</code></td>"
                        f"<td>{html.escape(op.get('summary', ''))}</td><td>{codes}</td></tr>")
    page = (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(spec['info']['title'])}</title>"
            "</head><body><h1>" + html.escape(spec["info"]["title"]) + "</h1><p>"
            + html.escape(spec["info"].get("description", "")) + "</p><p>Machine-readable: "
            "<a href='/openapi.json'>/openapi.json</a></p><table border='1' cellpadding='4'>"
            "<tr><th>Method</th><th>Path</th><th>What</th><th>Status codes</th></tr>" + "".join(rows)
            + "</table></body></html>")
    return HTMLResponse(page)
