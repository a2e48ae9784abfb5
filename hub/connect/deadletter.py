"""The dead letter of a source record: what the connect runtime writes when a record cannot be read,
normalised or produced (the type and its headers: hub/deadletters/letter.py).

Key: the connector and the source position, so the letters of one source sort together. The
source's partition and offset stand in Connect's `partition`/`offset` headers as JSON, and again
whole in `__koordinate.source.position`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

from connectors import RecordError, SourceRecord
from hub.deadletters.letter import CONNECT, NORMALISE, POSITION_HEADER, PRODUCE, READ, DeadLetter

__all__ = ["NORMALISE", "POSITION_HEADER", "PRODUCE", "READ", "dead_letter", "dead_letter_view"]


def dead_letter(connector: str, connector_class: str, record: SourceRecord, stage: str, error: BaseException,
                topic: str = "") -> DeadLetter:
    """The dead letter of one source record that failed at `stage` (`topic`: where it was going, if known)."""
    if isinstance(error, RecordError):
        exception_class, field_path, reason_code = error.cause_class, error.field_path, error.reason_code
    else:
        exception_class, field_path = f"{type(error).__module__}.{type(error).__qualname__}", ""
        reason_code = type(error).__name__
    position = {"partition": record.partition, "offset": record.offset}
    key = json.dumps({"connector": connector, **position}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return DeadLetter(
        payload=record.payload, stage=stage, reason=str(error)[:2000], exception_class=exception_class,
        connector=connector, key=key.encode(), field_path=field_path or None, reason_code=reason_code,
        connector_class=connector_class, origin_topic=topic, origin_partition=record.partition,
        origin_offset=record.offset, source_position=position,
    )


def dead_letter_view(key: bytes | None, value: bytes | None, headers: Sequence[tuple[str, bytes]]) -> dict[str, Any]:
    """A JSON view of a dead letter: Connect's headers by short name, ours by full name (the field path also
    as `field.path`), the payload as text or base64 when binary."""
    view: dict[str, Any] = {"key": key.decode() if key else None}
    for name, raw in headers:
        view[name.removeprefix(CONNECT)] = raw.decode(errors="replace")
    view["field.path"] = view.get("__koordinate.field.path", "")
    view[POSITION_HEADER] = json.loads(view.get(POSITION_HEADER) or "null")
    try:
        view["payload"] = (value or b"").decode("utf-8")
    except UnicodeDecodeError:
        view["payload_base64"] = base64.b64encode(value or b"").decode()
    return view
