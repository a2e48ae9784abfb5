"""The write-ahead record of one area partition's commit, so a kill never leaves half a commit behind.

Why: a commit writes many keys of several tables, and each key is its own changelog record. A worker
killed with -9 in the middle leaves some of them on disk or in Kafka and not others; the next worker
would then ignore the replayed input (its revision looks applied) on top of half-applied state. So
before the tables are touched, the whole commit is written as one journal entry of this partition,
and made durable. A starting partition engine first re-applies its last journal entry: setting keys
to their committed values is idempotent, and afterwards the tables hold exactly that commit.

Layout in the journal table (JSON text, keys of this partition only): the entry's payload in chunks
under `<partition>/<slot>/<n>`, then a head under `<partition>/head` naming slot, chunk count and
digest. The head is written last, and the two slots alternate, so until a new head lands the
previous entry is whole. Records of one changelog partition are durable in the order they were
sent, so a head that reached Kafka implies its chunks did.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, MutableMapping
from typing import Any

import structlog
from faust.serializers import codecs

from hub.stream.staging import PrefixedMap

# Characters of JSON text per chunk. Stored as a JSON string, a character takes at most 6 bytes
# (an escaped non-ASCII one), so a chunk stays below Kafka's default record size limit (1 MiB).
CHUNK_CHARS = 128 * 1024

log = structlog.get_logger("koordinate.worker.journal")

# One commit: table name -> (key -> new value, keys deleted).
Changes = Mapping[str, tuple[Mapping[str, Any], frozenset[str]]]


class Journal:
    """The journal entries of one area partition inside the worker's journal table."""

    def __init__(self, table: MutableMapping[str, Any], partition: int) -> None:
        self._table = PrefixedMap(table, f"{partition}/")
        self.partition = partition

    def write(self, changes: Changes) -> int:
        """Record a commit (to be made durable before the tables change); returns its size in bytes."""
        payload = codecs.dumps("json", {
            name: {"set": dict(values), "delete": sorted(deleted)}
            for name, (values, deleted) in changes.items() if values or deleted
        })
        head = self.head()
        slot = 1 - head["slot"] if head else 0
        text = payload.decode("utf-8")
        chunks = [text[at:at + CHUNK_CHARS] for at in range(0, len(text), CHUNK_CHARS)] or [""]
        for number, chunk in enumerate(chunks):
            self._table[f"{slot}/{number}"] = chunk
        self._table["head"] = {
            "sequence": (head["sequence"] + 1) if head else 1,
            "slot": slot,
            "chunks": len(chunks),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        return len(payload)

    def last(self) -> dict[str, tuple[dict[str, Any], list[str]]] | None:
        """The last whole entry, or None when there is none (or it cannot be trusted, logged)."""
        head = self.head()
        if head is None:
            return None
        text = "".join(self._table.get(f"{head['slot']}/{n}") or "" for n in range(head["chunks"]))
        payload = text.encode("utf-8")
        if hashlib.sha256(payload).hexdigest() != head["sha256"]:
            log.error("journal entry incomplete, not re-applied", partition=self.partition, sequence=head["sequence"])
            return None
        entry = codecs.loads("json", payload)
        return {name: (part["set"], part["delete"]) for name, part in entry.items()}

    def head(self) -> dict[str, Any] | None:
        """What names the last entry (sequence, slot, chunks, digest): another entry, another head."""
        return self._table.get("head")


def reapply(entry: Mapping[str, tuple[Mapping[str, Any], list[str]]],
            tables: Mapping[str, MutableMapping[str, Any]]) -> int:
    """Write a journal entry's values into the (partition-prefixed) tables; returns the keys written."""
    written = 0
    for name, (values, deleted) in entry.items():
        table = tables[name]
        for key, value in values.items():
            table[key] = value
        for key in deleted:
            table.pop(key, None)
        written += len(values) + len(deleted)
    return written
