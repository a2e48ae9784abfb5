"""Duplicate and parallel-offer clusters, and the coordination office's review of them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse

from schemas import Review, derived_id, to_kafka

from hub.api.auth import Caller, coordinator, reader
from hub.api.models import Clusters, ReviewAccepted, ReviewRequest
from hub.errors import BrokerUnavailable
from hub.readmodel import queries
from hub.topics.spec import topic_of_event_type

router = APIRouter(prefix="/v1/duplicates", tags=["duplicates"])
BERLIN = ZoneInfo("Europe/Berlin")


@router.get("", response_model=Clusters, summary="Clusters of the same offer and of parallel offers")
async def list_clusters(request: Request, _caller: Caller = Depends(reader),
                        kind: Literal["same_offer", "parallel_offers"] | None = None,
                        status: Literal["suspected", "confirmed", "rejected"] | None = None) -> Clusters:
    # members carry titles and organisations only, never contacts: safe for every reading role
    return Clusters(items=await request.app.state.runtime.store.read(lambda db: queries.duplicates(db, kind, status)))


def review_id(cluster_id: str, decision: str, offer_ids: list[str], idempotency_key: str | None,
              occurred_at: datetime) -> str:
    """The same request with the same Idempotency-Key gives the same review id (the stream drops repeats)."""
    return derived_id("review", cluster_id, decision, *offer_ids, idempotency_key or occurred_at.isoformat())


@router.post("/{cluster_id}/review", status_code=202, response_model=ReviewAccepted,
             responses={404: {"description": "unknown cluster"}, 503: {"description": "broker unavailable"}},
             summary="Confirm or reject a suspected duplicate (coordinator role)")
async def review_cluster(
    cluster_id: str, body: ReviewRequest, request: Request, caller: Caller = Depends(coordinator),
    idempotency_key: str | None = Header(None, max_length=200),
) -> Any:
    runtime = request.app.state.runtime
    cluster = await runtime.store.read(lambda db: queries.cluster(db, cluster_id))
    if cluster is None:
        raise HTTPException(404, f"no duplicate cluster {cluster_id}")
    offer_ids = sorted(set(body.offer_ids)) if body.offer_ids else cluster["offer_ids"]
    if len(offer_ids) < 2 or not set(offer_ids) <= set(cluster["offer_ids"]):
        raise HTTPException(422, "offer_ids must be two distinct members of the cluster")
    occurred_at = datetime.now(BERLIN)
    review = Review(
        id=review_id(cluster_id, body.decision, offer_ids, idempotency_key, occurred_at), cluster_id=cluster_id,
        offer_ids=offer_ids, decision=body.decision, reviewer=caller.source, note=body.note, occurred_at=occurred_at,
    )
    record = to_kafka(review)
    topic = runtime.topic(topic_of_event_type(review.event_type).suffix)
    try:
        # keyed by the cluster id, as the topic spec says (Review.partition_key): the reviews of one cluster
        # stay in order; the worker routes a review by the offers it names, whatever its key
        meta = await runtime.producer.send(topic, record.value, key=record.key, headers=record.headers)
    except BrokerUnavailable as exc:
        return JSONResponse({"detail": f"broker unavailable: {exc}"}, status_code=503, headers={"Retry-After": "5"})
    return ReviewAccepted(id=review.id, cluster_id=cluster_id, offer_ids=offer_ids, decision=body.decision,
                          topic=topic, partition=meta.partition, offset=meta.offset)
