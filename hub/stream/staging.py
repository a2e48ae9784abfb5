"""Buffers the engine's writes to its tables until the derived events they imply are acknowledged.

Why: the faust table changelog and the derived events go through the same producer but are not one
transaction. Writing state only after the derived events are acknowledged means a crash can at worst
re-derive (same deterministic ids), never lose a derived event because the state said "already sent".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Any

_ABSENT = object()


class StagedMap(MutableMapping[str, Any]):
    """A write-through-on-commit view over a backing mapping (a faust Table or a dict)."""

    def __init__(self, backing: MutableMapping[str, Any]) -> None:
        self._backing = backing
        self._writes: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key in self._writes:
            value = self._writes[key]
            if value is _ABSENT:
                raise KeyError(key)
            return value
        return self._backing[key]

    def __contains__(self, key: object) -> bool:
        if key in self._writes:
            return self._writes[key] is not _ABSENT
        return key in self._backing

    def __setitem__(self, key: str, value: Any) -> None:
        self._writes[key] = value

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self._writes[key] = _ABSENT

    def __iter__(self) -> Iterator[str]:
        for key in self._backing:
            if key not in self._writes:
                yield key
        for key, value in self._writes.items():
            if value is not _ABSENT:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def items(self) -> Iterable[tuple[str, Any]]:  # type: ignore[override]
        """Every key with its value in one pass over the backing mapping (a rebuild reads them all)."""
        for key, value in self._backing.items():
            if key not in self._writes:
                yield key, value
        for key, value in self._writes.items():
            if value is not _ABSENT:
                yield key, value

    def values(self) -> Iterable[Any]:  # type: ignore[override]
        return (value for _, value in self.items())

    @property
    def pending(self) -> int:
        return len(self._writes)

    def changes(self) -> tuple[dict[str, Any], frozenset[str]]:
        """The buffered writes: new values by key, and the keys deleted."""
        values = {key: value for key, value in self._writes.items() if value is not _ABSENT}
        return values, frozenset(key for key, value in self._writes.items() if value is _ABSENT)

    def commit(self) -> None:
        """Write the buffered changes to the backing mapping."""
        for key, value in self._writes.items():
            if value is _ABSENT:
                self._backing.pop(key, None)
            else:
                self._backing[key] = value
        self._writes.clear()

    def discard(self) -> None:
        self._writes.clear()


class PrefixedMap(MutableMapping[str, Any]):
    """The keys of one partition inside a table shared by all partitions of a worker.

    Each area partition runs its own Engine over its own slice of the tables, so its timers and
    writes never touch (or land in the changelog of) another partition's entities.
    """

    def __init__(self, backing: MutableMapping[str, Any], prefix: str,
                 scan: Callable[[], Iterable[tuple[str, Any]]] | None = None) -> None:
        self._backing = backing
        self._prefix = prefix
        # reads this partition's own keys and values directly (table_scan.py); without it, every
        # key of every partition is listed and each of ours read back one at a time
        self._scan = scan

    def __getitem__(self, key: str) -> Any:
        return self._backing[self._prefix + key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (self._prefix + key) in self._backing

    def __setitem__(self, key: str, value: Any) -> None:
        self._backing[self._prefix + key] = value

    def __delitem__(self, key: str) -> None:
        del self._backing[self._prefix + key]

    def __iter__(self) -> Iterator[str]:
        if self._scan is not None:
            return (key for key, _ in self.items())
        cut = len(self._prefix)
        return (key[cut:] for key in list(self._backing) if key.startswith(self._prefix))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def items(self) -> Iterable[tuple[str, Any]]:  # type: ignore[override]
        if self._scan is None:
            return ((key, self[key]) for key in self)
        cut = len(self._prefix)
        return ((key[cut:], value) for key, value in self._scan() if key.startswith(self._prefix))


class DecodedCache(MutableMapping[str, Any]):
    """Keeps the values last read or written in memory, in front of a faust Table, and which keys
    were found absent.

    Why: a faust Table decodes its JSON value from RocksDB on every read, and the engine reads the
    same offer and need records many times per event. Most reads of some maps find nothing (a
    municipality's parallel offers, a need's gap, a new match's fingerprint), and a miss goes
    through every layer of faust down to RocksDB too. Only this partition's engine writes these
    keys and values are never mutated in place (see EngineTables), so a value once read stays
    right until it is written here, and so does an absence. At most `limit` keys are kept; the
    oldest read or written leave first.
    """

    def __init__(self, backing: MutableMapping[str, Any], limit: int = 200_000) -> None:
        self._backing = backing
        self._values: dict[str, Any] = {}
        self._limit = limit

    def _keep(self, key: str, value: Any) -> None:
        self._values.pop(key, None)
        self._values[key] = value
        if len(self._values) > self._limit:
            del self._values[next(iter(self._values))]

    def _lookup(self, key: str) -> Any:
        """The value of a key, or _ABSENT; from memory when it was read or written before."""
        try:
            return self._values[key]
        except KeyError:
            pass
        try:
            value = self._backing[key]
        except KeyError:
            value = _ABSENT
        self._keep(key, value)
        return value

    def __getitem__(self, key: str) -> Any:
        value = self._lookup(key)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not _ABSENT

    def __setitem__(self, key: str, value: Any) -> None:
        self._backing[key] = value
        self._keep(key, value)

    def __delitem__(self, key: str) -> None:
        self._values.pop(key, None)
        del self._backing[key]
        self._keep(key, _ABSENT)

    def __iter__(self) -> Iterator[str]:
        return iter(self._backing)

    def __len__(self) -> int:
        return len(self._backing)

    def items(self) -> Iterable[tuple[str, Any]]:  # type: ignore[override]
        # Not kept: a restore reads every row once this way, and keeping them held every entity's
        # decoded record beside the engine's models until the limit pushed them out (at 100,000
        # entities about 3.9 KB an entity, two thirds of a restored engine's memory). What events
        # read afterwards is kept as they read it.
        return self._backing.items()
