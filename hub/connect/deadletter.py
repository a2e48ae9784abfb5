"""Dead letters: the original payload of a record that failed, with Kafka Connect's error headers.

Headers (one prefix, as Kafka Connect's DLQ): ``__connect.errors.topic`` (the intended topic, empty
before normalising), ``.partition`` / ``.offset`` (the *source* partition and offset as JSON),
``.connector.name``, ``.stage`` (READ, NORMALISE, PRODUCE), ``.class.name`` (connector class),
``.exception.class.name``, ``.exception.message``; ours: ``__connect.errors.field.path`` and
``__koordinate.source.position`` (JSON ``{"partition", "offset"}``) and ``__koordinate.reason`` (a short code
to group by: ``duplicate_record_key``, or the first field and why). Key: the connector and position.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from connectors import RecordError, SourceRecord

PREFIX = "__connect.errors."
POSITION_HEADER = "__koordinate.source.position"
REASON_HEADER = "__koordinate.reason"
READ, NORMALISE, PRODUCE = "READ", "NORMALISE", "PRODUCE"


@dataclass(frozen=True)
class DeadLetter:
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def dead_letter(connector: str, connector_class: str, record: SourceRecord, stage: str, error: BaseException,
                topic: str = "") -> DeadLetter:
    """The dead letter of one source record that failed at `stage`."""
    if isinstance(error, RecordError):
        exception_class, field_path, reason = error.cause_class, error.field_path, error.reason_code
    else:
        exception_class, field_path = f"{type(error).__module__}.{type(error).__qualname__}", ""
        reason = type(error).__name__
    position = {"partition": record.partition, "offset": record.offset}
    headers = {
        "topic": topic,
        "partition": _json(record.partition),
        "offset": _json(record.offset),
        "connector.name": connector,
        "stage": stage,
        "class.name": connector_class,
        "exception.class.name": exception_class,
        "exception.message": str(error)[:2000],
        "field.path": field_path,
    }
    encoded = [(PREFIX + name, value.encode()) for name, value in headers.items()]
    encoded.append((POSITION_HEADER, _json(position).encode()))
    encoded.append((REASON_HEADER, reason.encode()))
    return DeadLetter(_json({"connector": connector, **position}).encode(), record.payload, encoded)


def dead_letter_view(key: bytes | None, value: bytes | None, headers: Sequence[tuple[str, bytes]]) -> dict[str, Any]:
    """A JSON view of a dead letter: headers by short name, the payload as text or base64 when binary."""
    view: dict[str, Any] = {"key": key.decode() if key else None}
    for name, raw in headers:
        short = name.removeprefix(PREFIX) if name.startswith(PREFIX) else name
        view[short] = raw.decode(errors="replace")
    view[POSITION_HEADER] = json.loads(view.get(POSITION_HEADER) or "null")
    try:
        view["payload"] = (value or b"").decode("utf-8")
    except UnicodeDecodeError:
        view["payload_base64"] = base64.b64encode(value or b"").decode()
    return view
