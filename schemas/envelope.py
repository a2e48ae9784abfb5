"""CloudEvents 1.0 envelopes for the contract's models: Kafka binary mode, HTTP structured, batch and binary.

Plain code rather than the ``cloudevents`` SDK: its Kafka binding takes headers as a dict (aiokafka and
confluent-kafka use lists of tuples) and raises a different exception per binding; one ``EnvelopeError``
naming the attribute is what callers need. The SDK reads our output in the tests, to check conformance.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote, unquote

from pydantic import ValidationError

from schemas._base import PRIVACY_CHECKED, CanonicalFields, EventModel
from schemas.errors import EnvelopeError, describe_validation_error
from schemas.events import HUB_SOURCE, dataschema_uri, model_for_type
from schemas.identity import derived_id, event_id
from schemas.stamp import VALIDATED_HEADER, validation_stamp

SPECVERSION = "1.0"
JSON = "application/json"
STRUCTURED = "application/cloudevents+json"
BATCH = "application/cloudevents-batch+json"
_OPTIONAL = ("subject", "time", "datacontenttype", "dataschema")
_REQUIRED = ("specversion", "id", "source", "type")
_KNOWN = set(_REQUIRED) | set(_OPTIONAL) | {"data"}
# characters a ce-* HTTP header may carry unencoded: printable ASCII without space, '"' and '%'
_HEADER_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '"%')


@dataclass(frozen=True)
class CloudEvent:
    """One CloudEvent: context attributes plus JSON data (a dict, the model's JSON form)."""

    id: str
    source: str
    type: str
    data: dict[str, Any]
    subject: str | None = None
    time: datetime | None = None
    dataschema: str | None = None
    datacontenttype: str = JSON
    specversion: str = SPECVERSION
    extensions: dict[str, str] = field(default_factory=dict)

    def attributes(self) -> dict[str, str]:
        """Context attributes as strings, in the order they are written; absent ones left out."""
        attrs = {"specversion": self.specversion, "id": self.id, "source": self.source, "type": self.type}
        optional = {
            "subject": self.subject,
            "time": self.time.isoformat() if self.time else None,
            "datacontenttype": self.datacontenttype,
            "dataschema": self.dataschema,
        }
        attrs.update({k: v for k, v in optional.items() if v is not None})
        attrs.update(self.extensions)
        return attrs


@dataclass(frozen=True)
class KafkaRecord:
    """What a Kafka producer sends: key (entity id), value (JSON data) and ``ce_*`` headers."""

    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


@dataclass(frozen=True)
class HttpMessage:
    """An HTTP request or response body with the headers that belong to it."""

    headers: dict[str, str]
    body: bytes


def _cloud_event_id(model: EventModel, data: dict[str, Any]) -> str:
    # Canonical: entity id + revision, so a re-sent record keeps its id. Derived: the model id names the thing
    # (a match, a gap), restated when it changes; with the content, one statement keeps one id, a new one a new id.
    if isinstance(model, CanonicalFields):
        return event_id(model.id, model.revision)
    content = hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    return derived_id("statement", model.id, content)


def to_event(model: EventModel, source: str | None = None) -> CloudEvent:
    """The CloudEvent for a model; ids are deterministic (see `_cloud_event_id`)."""
    time = getattr(model, model.time_field) if model.time_field else None
    data = model.model_dump(mode="json")
    return CloudEvent(
        id=_cloud_event_id(model, data),
        source=source or (model.source if isinstance(model, CanonicalFields) else HUB_SOURCE),
        type=model.event_type,
        subject=model.partition_key(),
        time=time,
        dataschema=dataschema_uri(type(model)),
        data=data,
    )


def to_model(event: CloudEvent, *, privacy_checked: bool = False) -> EventModel:
    """The model the event carries; ``EnvelopeError`` when the data does not fit it or the envelope.

    `privacy_checked`: the same record passed the privacy guard before (the worker's second stage
    reads what its first stage checked), so the guard is not run again; see `PRIVACY_CHECKED`.
    """
    model_cls = model_for_type(event.type)
    if model_cls is None:
        raise EnvelopeError.single("type", "unknown event type", event.type)
    try:
        model = model_cls.model_validate(event.data, context=PRIVACY_CHECKED if privacy_checked else None)
    except ValidationError as exc:
        raise EnvelopeError(describe_validation_error(exc, prefix="data")) from None
    if event.subject is not None and event.subject != model.partition_key():
        raise EnvelopeError.single("subject", f"must be {model.partition_key()!r}, what the data is about", event.subject)
    if isinstance(model, CanonicalFields) and event.source != model.source:
        raise EnvelopeError.single("source", "must equal data.source, the publishing system", event.source)
    return model


def _as_event(item: EventModel | CloudEvent) -> CloudEvent:
    return item if isinstance(item, CloudEvent) else to_event(item)


# --- Kafka binary mode -------------------------------------------------------------------------


def to_kafka(item: EventModel | CloudEvent) -> KafkaRecord:
    """Kafka binary mode: ``ce_*`` headers, ``content-type``, value = JSON data, key = subject."""
    event = _as_event(item)
    attrs = event.attributes()
    content_type = attrs.pop("datacontenttype", JSON)
    headers = [(f"ce_{name}", value.encode()) for name, value in attrs.items()]
    headers.append(("content-type", content_type.encode()))
    value = _dump(event.data)
    if isinstance(item, EventModel):  # built and checked as a model (schemas/stamp.py)
        headers.append((VALIDATED_HEADER, validation_stamp(value)))
    return KafkaRecord(key=(event.subject or event.id).encode(), value=value, headers=headers)


def from_kafka(value: bytes | None, headers: Sequence[tuple[str, bytes | None]] | None) -> CloudEvent:
    """Read a Kafka binary-mode record; ``EnvelopeError`` names what is missing or wrong."""
    raw: dict[str, Any] = {}
    for name, header_value in headers or ():
        lower = name.lower()
        if lower.startswith("ce_"):
            raw[lower[3:]] = _decode(header_value or b"", name)
        elif lower == "content-type":
            raw["datacontenttype"] = _decode(header_value or b"", name)
    if value is None:
        raise EnvelopeError.single("value", "record has no value (tombstone); a CloudEvent needs data")
    raw["data"] = _load(value, "data")
    return _from_attributes(raw, prefix="ce_")


def model_from_kafka(value: bytes | None, headers: Sequence[tuple[str, bytes | None]] | None) -> EventModel:
    return to_model(from_kafka(value, headers))  # the shortcut for consumers


# --- HTTP --------------------------------------------------------------------------------------


def to_http_structured(item: EventModel | CloudEvent) -> HttpMessage:
    """HTTP structured mode: one JSON object with attributes and data."""
    return HttpMessage({"content-type": STRUCTURED}, _dump(_structured(_as_event(item))))


def from_http_structured(body: bytes | str) -> CloudEvent:
    """Read one structured-mode event (also one line of a CloudEvents JSON-lines file)."""
    return _from_attributes(_expect_object(_load(body, "body"), ""), prefix="")


def to_http_batch(items: Iterable[EventModel | CloudEvent]) -> HttpMessage:
    """HTTP batch mode: a JSON array of structured events."""
    return HttpMessage({"content-type": BATCH}, _dump([_structured(_as_event(i)) for i in items]))


def from_http_batch(body: bytes | str) -> list[CloudEvent]:
    """Read a batch; a problem in the third event is reported under ``[2].…``."""
    loaded = _load(body, "body")
    if not isinstance(loaded, list):
        raise EnvelopeError.single("body", "a batch must be a JSON array of events", loaded)
    events = []
    for i, raw in enumerate(loaded):
        events.append(_from_attributes(_expect_object(raw, f"[{i}]"), prefix=f"[{i}].", data_path=f"[{i}].data"))
    return events


def to_http_binary(item: EventModel | CloudEvent) -> HttpMessage:
    """HTTP binary mode: ``ce-*`` headers (percent-encoded where needed) and the JSON data as body."""
    event = _as_event(item)
    attrs = event.attributes()
    headers = {"content-type": attrs.pop("datacontenttype", JSON)}
    headers.update({f"ce-{name}": quote(value, safe=_HEADER_SAFE) for name, value in attrs.items()})
    return HttpMessage(headers, _dump(event.data))


def from_http_binary(headers: Mapping[str, str], body: bytes | str) -> CloudEvent:
    """Read an HTTP binary-mode request; header names are matched case-insensitively."""
    raw: dict[str, Any] = {}
    for name, value in headers.items():
        lower = name.lower()
        if lower.startswith("ce-"):
            raw[lower[3:]] = unquote(value)
        elif lower == "content-type":
            raw["datacontenttype"] = value
    raw["data"] = _load(body, "body")
    return _from_attributes(raw, prefix="ce-")


def from_http(headers: Mapping[str, str], body: bytes | str) -> list[CloudEvent]:
    """Read any HTTP mode, chosen by Content-Type: structured, batch or binary."""
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    media = content_type.split(";")[0].strip().lower()
    if media == STRUCTURED:
        return [from_http_structured(body)]
    if media == BATCH:
        return from_http_batch(body)
    return [from_http_binary(headers, body)]


# --- shared parsing ----------------------------------------------------------------------------


def _structured(event: CloudEvent) -> dict[str, Any]:
    return {**event.attributes(), "data": event.data}


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _decode(value: bytes, where: str) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise EnvelopeError.single(where, "is not UTF-8 text") from None


def _load(value: bytes | str, where: str) -> Any:
    text = _decode(value, where) if isinstance(value, bytes) else value
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise EnvelopeError.single(where, f"is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None


def _expect_object(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise EnvelopeError.single(where or "body", "a CloudEvent must be a JSON object", raw)
    return raw


def _from_attributes(raw: dict[str, Any], prefix: str, data_path: str = "data") -> CloudEvent:
    def where(name: str) -> str:
        return f"{prefix}{name}"

    for name in _REQUIRED:
        value = raw.get(name)
        if value is None or value == "":
            raise EnvelopeError.single(where(name), "required attribute is missing")
        if not isinstance(value, str):
            raise EnvelopeError.single(where(name), "must be a string", value)
    if raw["specversion"] != SPECVERSION:
        raise EnvelopeError.single(where("specversion"), f"must be {SPECVERSION!r}", raw["specversion"])
    if model_for_type(raw["type"]) is None:
        raise EnvelopeError.single(where("type"), "unknown event type (expected org.koordinate.*.v1)", raw["type"])
    for name in _OPTIONAL:  # types first: the checks below call string methods on them
        if raw.get(name) is not None and not isinstance(raw[name], str):
            raise EnvelopeError.single(where(name), "must be a string", raw[name])
    content_type = raw.get("datacontenttype") or JSON
    if content_type.split(";")[0].strip().lower() != JSON:
        raise EnvelopeError.single(where("datacontenttype"), f"must be {JSON}", content_type)
    if "data_base64" in raw:
        raise EnvelopeError.single(where("data_base64"), "binary data is not accepted; send JSON data")
    data = raw.get("data")
    if not isinstance(data, dict):
        raise EnvelopeError.single(data_path, "must be a JSON object (the event's model)", data)
    time = raw.get("time")
    if time is not None:
        try:
            time = datetime.fromisoformat(time)
        except (TypeError, ValueError):
            time = None
        if time is None or time.tzinfo is None:
            raise EnvelopeError.single(where("time"), "must be an RFC 3339 timestamp with offset", raw["time"])
    extensions = {k: str(v) for k, v in raw.items() if k not in _KNOWN}
    return CloudEvent(
        id=raw["id"], source=raw["source"], type=raw["type"], data=data, subject=raw.get("subject"),
        time=time, dataschema=raw.get("dataschema"), datacontenttype=content_type,
        specversion=raw["specversion"], extensions=extensions,
    )

