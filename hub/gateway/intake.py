"""From a request body to acknowledged records: read, check ownership, drop what is known, produce.

A request is all-or-nothing: any unreadable or forbidden event refuses the whole request before
anything is produced. Records are produced under per-entity locks and count as accepted only once the
broker acknowledged them, so two racing posts of one event produce it once.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import structlog

from schemas import (
    BATCH,
    STRUCTURED,
    CloudEvent,
    EnvelopeError,
    EventModel,
    FieldProblem,
    Need,
    Offer,
    StatusUpdate,
    entity_id,
    from_http_batch,
    from_http_binary,
    from_http_structured,
    to_kafka,
    to_model,
)
from schemas.errors import shorten

from hub.errors import BrokerUnavailable
from hub.gateway.locks import KeyedLocks
from hub.gateway.ownership import OwnershipIndex
from hub.gateway.tokens import Principal
from hub.kafka.producer import EventProducer
from hub.logs import event_logger

# a lazy proxy: it follows configure_logging even when that runs after this import
log = structlog.get_logger("hub.gateway")

JSON = "application/json"
MEDIA_TYPES = (STRUCTURED, BATCH, JSON)
KIND_OF: dict[type[EventModel], str] = {Need: "need", Offer: "offer", StatusUpdate: "status"}
_BATCH_PATH = re.compile(r"^\[(\d+)\]\.?(.*)$")


@dataclass(frozen=True)
class Problem:
    """One reason a request is refused; `index` is the event's position in the request."""

    index: int
    path: str
    reason: str
    value: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"index": self.index, "path": self.path, "reason": self.reason, "value": self.value}


class Refused(Exception):
    """Raised when a request is refused as a whole: HTTP status, a metrics label and the problems."""

    def __init__(self, status: int, label: str, problems: Sequence[Problem]) -> None:
        self.status = status
        self.label = label
        self.problems = list(problems)
        super().__init__("; ".join(f"[{p.index}] {p.path}: {p.reason}" for p in self.problems))


@dataclass(frozen=True)
class Candidate:
    """A readable, permitted event of a request, with its position."""

    index: int
    event: CloudEvent
    model: Need | Offer | StatusUpdate

    @property
    def kind(self) -> str:
        return KIND_OF[type(self.model)]


@dataclass(frozen=True)
class Outcome:
    index: int
    id: str
    type: str
    status: str  # "accepted" | "already_accepted"

    def as_json(self) -> dict[str, Any]:
        return {"index": self.index, "id": self.id, "type": self.type, "status": self.status}


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def read_events(media: str, headers: Mapping[str, str], text: str, parsed: Any, max_events: int) -> list[CloudEvent]:
    """The CloudEvents of a body already checked to be JSON; Refused(400/413) when they are not events."""
    if media == BATCH:
        if not isinstance(parsed, list):
            raise Refused(400, "envelope", [Problem(0, "body", "a batch must be a JSON array of events")])
        if not parsed:
            raise Refused(400, "envelope", [Problem(0, "body", "a batch needs at least one event")])
        if len(parsed) > max_events:
            raise Refused(413, "too_many_events",
                          [Problem(0, "body", f"{len(parsed)} events; a batch takes at most {max_events}")])
    if media in (STRUCTURED, BATCH):
        _check_content_types(parsed if media == BATCH else [parsed])
    try:
        if media == STRUCTURED:
            return [from_http_structured(text)]
        if media == BATCH:
            return from_http_batch(text)
        return [from_http_binary(headers, text)]
    except EnvelopeError as exc:
        raise Refused(400, "envelope", [_problem(p, batch=media == BATCH) for p in exc.problems]) from None
    except (TypeError, ValueError, AttributeError) as exc:
        # the envelope reader should have named the problem; answer 400 all the same, never 500
        log.warning("envelope reader failed on hostile input", error=type(exc).__name__)
        raise Refused(400, "envelope", [Problem(0, "body", "the event could not be read: an attribute has "
                                                "the wrong JSON type")]) from None


def _check_content_types(items: Sequence[Any]) -> None:
    # schemas' envelope reader (as of now) splits datacontenttype before checking it is a string
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("datacontenttype") is not None \
                and not isinstance(item["datacontenttype"], str):
            raise Refused(400, "envelope", [Problem(i, "datacontenttype", "must be a string",
                                                    shorten(item["datacontenttype"]))])


def _problem(problem: FieldProblem, batch: bool, index: int = 0) -> Problem:
    path = problem.path
    if batch and (match := _BATCH_PATH.match(path)):
        index, path = int(match.group(1)), match.group(2) or "<event>"
    return Problem(index, path, problem.reason, problem.value_shown)


def check_events(events: Sequence[CloudEvent], principal: Principal, index: OwnershipIndex) -> list[Candidate]:
    """Models of the events, refused with every problem found: 400 unreadable, 403 not this source's to write."""
    invalid: list[Problem] = []
    candidates: list[Candidate] = []
    for i, event in enumerate(events):
        try:
            model = to_model(event)
        except EnvelopeError as exc:
            invalid.extend(_problem(p, batch=False, index=i) for p in exc.problems)
            continue
        if not isinstance(model, (Need, Offer, StatusUpdate)):
            invalid.append(Problem(i, "type", "the gateway takes need, offer and status events only", event.type))
            continue
        expected = entity_id(model.source, model.source_record_id)
        if model.id != expected:
            invalid.append(Problem(i, "data.id", f"must be entity_id(source, source_record_id) = {expected}",
                                   shorten(model.id)))
            continue
        candidates.append(Candidate(i, event, model))
    if invalid:
        raise Refused(400, "invalid", invalid)
    forbidden = _ownership_problems(candidates, principal, index, invalid)
    if invalid:  # a status naming an entity of the wrong kind is a content error, not a permission one
        raise Refused(400, "invalid", invalid)
    if forbidden:
        raise Refused(403, "not_owner", forbidden)
    return candidates


def _ownership_problems(candidates: Sequence[Candidate], principal: Principal, index: OwnershipIndex,
                        invalid: list[Problem]) -> list[Problem]:
    forbidden: list[Problem] = []
    created_here: dict[str, tuple[str, str]] = {}  # entities this request creates: id -> (owner, kind)
    for c in candidates:
        source: str = c.model.source
        if source not in principal.allowed_sources:
            forbidden.append(Problem(c.index, "source", "this token may not publish for this source", shorten(source)))
            continue
        if isinstance(c.model, StatusUpdate):
            target = c.model.entity_id
            known = index.entity(target)
            owner, kind = (known.owner, known.kind) if known else created_here.get(target, (None, None))
            if owner is None:
                forbidden.append(Problem(c.index, "data.entity_id",
                                         "unknown entity: no source you own or were granted created it", target))
            elif owner not in principal.allowed_sources:
                forbidden.append(Problem(c.index, "data.entity_id",
                                         "the entity belongs to a source you were not granted", target))
            elif kind != c.model.entity_kind:
                invalid.append(Problem(c.index, "data.entity_kind", f"the entity is a {kind}", c.model.entity_kind))
            continue
        known = index.entity(c.model.id)
        if known is not None and known.owner != source:
            forbidden.append(Problem(c.index, "data.id", "the entity belongs to another source",
                                     c.model.id))
        else:
            created_here.setdefault(c.model.id, (source, c.kind))
    return forbidden


class Intake:
    """Produces the new events of a request and updates the index once the broker acknowledged them."""

    def __init__(self, index: OwnershipIndex, producer: EventProducer, topics: Mapping[str, str]) -> None:
        self._index = index
        self._producer = producer
        self._topics = topics  # kind -> topic name
        self._locks = KeyedLocks()

    async def accept(self, candidates: Sequence[Candidate]) -> list[Outcome]:
        """Outcomes in request order; BrokerUnavailable when not every new record was acknowledged."""
        keys = sorted({self._lock_key(c) for c in candidates})
        async with self._locks.holding(keys):
            fresh, outcomes = self._new_events(candidates)
            await self._produce(fresh)
        return outcomes

    @staticmethod
    def _lock_key(c: Candidate) -> str:
        # status updates are identified by their event id; needs and offers by their entity
        return f"status:{c.event.id}" if isinstance(c.model, StatusUpdate) else c.model.id

    def _new_events(self, candidates: Sequence[Candidate]) -> tuple[list[tuple[Candidate, Any]], list[Outcome]]:
        fresh: list[tuple[Candidate, Any]] = []
        outcomes: list[Outcome] = []
        revisions: dict[str, int] = {}  # latest revision per entity, including this request's
        status_ids: set[str] = set()
        for c in candidates:
            record = to_kafka(c.model)
            event_id = _header(record.headers, "ce_id")
            if isinstance(c.model, StatusUpdate):
                known = self._index.has_status_event(event_id) or event_id in status_ids
                status_ids.add(event_id)
            else:
                entity = self._index.entity(c.model.id)
                latest = revisions.get(c.model.id, entity.revision if entity else None)
                known = latest is not None and c.model.revision <= latest
                if not known:
                    revisions[c.model.id] = c.model.revision
            outcomes.append(Outcome(c.index, event_id, c.event.type, "already_accepted" if known else "accepted"))
            if not known:
                fresh.append((c, record))
        return fresh, outcomes

    async def _produce(self, fresh: Sequence[tuple[Candidate, Any]]) -> None:
        futures: list[asyncio.Future[Any]] = []
        failure: BrokerUnavailable | None = None
        try:
            for c, record in fresh:
                futures.append(await self._producer.enqueue(
                    self._topics[c.kind], record.value, key=record.key, headers=record.headers))
        except BrokerUnavailable as exc:
            failure = exc
        # Every record the broker did acknowledge enters the index, so the client's re-send of a
        # half-written batch produces only the missing ones.
        results = await asyncio.gather(*map(self._producer.acknowledgement, futures), return_exceptions=True)
        for (c, record), result in zip(fresh, results):
            if isinstance(result, BaseException):
                failure = failure or BrokerUnavailable(f"no acknowledgement from the broker: {result!r}")
                continue
            self._remember(c, _header(record.headers, "ce_id"))
        if failure is not None:
            raise failure

    def _remember(self, c: Candidate, event_id: str) -> None:
        model = c.model
        if isinstance(model, StatusUpdate):
            self._index.record_status_event(event_id)
        else:
            self._index.record_entity(model.id, model.source, c.kind, model.revision)
        event_logger(log, event_id, model.source).info("event accepted", type=c.event.type, index=c.index)


def _header(headers: Sequence[tuple[str, bytes]], name: str) -> str:
    return next(value.decode() for key, value in headers if key == name)
