"""Record keys: which source values make a record's id, and no two records of one read sharing one.

A record key is one column (or field path) or several. One part is used as it stands (``A-17``); several
are joined with `` | `` when no part contains ``|``, else hashed, so distinct combinations always give
distinct keys. Two records of one read with the same key would be one entity, and the engine would keep
only one of them: both are dead-lettered instead, reason ``duplicate_record_key``, each naming the
other's position, and counted apart from other dead letters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from connectors.base import SourceRecord
from connectors.errors import Problem, RecordError

DUPLICATE_RECORD_KEY = "duplicate_record_key"
MAX_KEY_LENGTH = 200  # the contract's limit of `source_record_id`


def key_from_parts(parts: Sequence[str]) -> str:
    """One record key from its parts; distinct part lists give distinct keys (see the module docstring)."""
    if len(parts) == 1 and len(parts[0]) <= MAX_KEY_LENGTH:
        return parts[0]
    joined = " | ".join(parts)
    if len(parts) > 1 and not any("|" in p for p in parts) and len(joined) <= MAX_KEY_LENGTH:
        return joined
    digest = hashlib.sha256(json.dumps(list(parts), ensure_ascii=False).encode()).hexdigest()[:32]
    return f"key-{digest}"


def describe_position(record: SourceRecord) -> str:
    """Where a record is, for people: ``offers.csv row 17`` or ``id svc-004``."""
    where = ", ".join(str(v) for v in record.partition.values())
    if record.offset.get("row") == 0 and record.offset.get("rows") == 0:
        return f"{where} (the whole file)"
    if "row" in record.offset:
        return f"{where} row {record.offset['row']}"
    return f"{where} {json.dumps(record.offset, ensure_ascii=False)[:80]}"


def mark_duplicate_keys(records: list[SourceRecord], key_of: Callable[[Any], str | None],
                        shown: Callable[[SourceRecord], str] = describe_position) -> list[SourceRecord]:
    """The records, each one whose key another record of the list shares turned into a dead letter.

    `key_of` gives the key of a record's value (None: no key, the record fails on its own later).
    """
    positions: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        if record.error is None and (key := key_of(record.value)) is not None:
            positions.setdefault(key, []).append(index)
    out = list(records)
    for key, indexes in positions.items():
        if len(indexes) < 2:
            continue
        places = [shown(records[i]) for i in indexes]
        for i in indexes:
            others = ", ".join(p for p, j in zip(places, indexes) if j != i)
            error = RecordError([Problem("record key", f"{DUPLICATE_RECORD_KEY}: the key is also at {others}; "
                                         "set `record_id` to columns that tell the records apart", key[:60])],
                                reason=DUPLICATE_RECORD_KEY)
            out[i] = replace(records[i], error=error)
    return out
