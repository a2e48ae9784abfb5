"""Postings: a compact multimap from 64-bit keys to offer ids, one per municipality and kind of key.

An offer is filed under some 25 keys (its blocking keys and the bands of its text's MinHash). Kept as
dict entries, each with an int key object and a bucket, a filing cost 60-100 bytes, most of an indexed
offer's memory. Here most filings live in two parallel arrays sorted by key: the key (8 bytes) and a
reference to the offer's id string (8 bytes; the string is the one the profile holds). New filings go to
a small dict first and are merged into the arrays once it holds more than an eighth of them, as a
log-structured merge tree does; a removal sets the reference to None, and those are dropped at the next
merge. A merge sorts one municipality's filings, so its cost is bounded by the largest city, not by
everything the hub holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = ["Postings"]

# A bucket of the recent filings holds one offer's id, a tuple of a few, or a set once it grows.
Bucket = str | tuple[str, ...] | set[str]
_TUPLE_LIMIT = 8

# The dict of recent filings is merged into the arrays when it holds more than this many filings and
# more than an eighth of the arrays' (a merge copies them all: amortised, a filing is copied about
# eight times over its life, in numpy, against 60-100 bytes for as long as it stays in the dict).
_MERGE_MINIMUM = 64
_MERGE_SHARE = 8


class Postings:
    """Offer ids by key: file and unfile an offer under keys, read the ids filed under keys."""

    __slots__ = ("_keys", "_ids", "_dead", "_recent", "_recent_filings", "_merge_minimum")

    def __init__(self, merge_minimum: int = _MERGE_MINIMUM) -> None:
        self._merge_minimum = merge_minimum
        self._keys = np.empty(0, dtype=np.uint64)
        self._ids = np.empty(0, dtype=object)  # None where the filing was removed since the last merge
        self._dead = 0
        self._recent: dict[int, Bucket] = {}
        self._recent_filings = 0

    def __len__(self) -> int:
        """How many filings (key, offer) the postings hold."""
        return len(self._keys) - self._dead + self._recent_filings

    def file(self, keys: Iterable[int], offer_id: str) -> None:
        """File `offer_id` under each key. The caller files an offer under a key once (the candidate index
        files an update under the keys it did not have before): the arrays are not searched for it."""
        for key in keys:
            filed = self._recent.get(key)
            if filed is None:
                self._recent[key] = offer_id
            elif isinstance(filed, set):
                if offer_id in filed:
                    continue
                filed.add(offer_id)
            elif isinstance(filed, str):
                if filed == offer_id:
                    continue
                self._recent[key] = (filed, offer_id)
            elif offer_id in filed:
                continue
            else:
                self._recent[key] = filed + (offer_id,) if len(filed) < _TUPLE_LIMIT else {*filed, offer_id}
            self._recent_filings += 1
        if self._recent_filings > max(self._merge_minimum, (len(self._keys) - self._dead) // _MERGE_SHARE):
            self._merge()

    def unfile(self, keys: Iterable[int], offer_id: str) -> None:
        """Take `offer_id` out from under each key (a key it is not filed under is skipped)."""
        for key in keys:
            if self._unfile_recent(key, offer_id):
                continue
            position = self._frozen_position(key, offer_id)
            if position is not None:
                self._ids[position] = None
                self._dead += 1
        if self._dead > max(self._merge_minimum, len(self._keys) // 4):
            self._merge()

    def filed_under(self, keys: Sequence[int], cap: int) -> list[list[str] | None]:
        """For each key, in order: the ids filed under it, or None where more than `cap` are (those are
        counted, not read).

        The arrays are read for all keys at once (two searches, one gather): a lookup probes some 25 keys,
        and numpy's cost is per call, not per key or per offer found.
        """
        found = [list(_members(self._recent.get(key))) for key in keys]
        over: set[int] = set()  # positions of keys counted over the cap without reading them
        if len(self._keys):
            probe = np.array(keys, dtype=np.uint64)
            lows = self._keys.searchsorted(probe, "left")
            counts = self._keys.searchsorted(probe, "right") - lows
            read = np.flatnonzero(counts).tolist()
            if not self._dead:  # a removed filing still counts in `counts`: with removals, read to count exactly
                over = {hit for hit, count in zip(read, counts[read].tolist()) if len(found[hit]) + count > cap}
                read = [hit for hit in read if hit not in over]
            if read:
                read_counts = counts[read]
                ends = np.cumsum(read_counts)
                positions = np.arange(ends[-1]) + np.repeat(lows[read] - (ends - read_counts), read_counts)
                ids = self._ids[positions].tolist()
                start = 0
                for hit, end in zip(read, ends.tolist()):
                    found[hit].extend([member for member in ids[start:end] if member is not None] if self._dead
                                      else ids[start:end])
                    start = end
        return [None if position in over or len(members) > cap else members
                for position, members in enumerate(found)]

    def _frozen_position(self, key: int, offer_id: str) -> int | None:
        if not len(self._keys):
            return None
        probe = np.uint64(key)
        low, high = int(self._keys.searchsorted(probe, "left")), int(self._keys.searchsorted(probe, "right"))
        if high == low:
            return None
        matches = np.flatnonzero(self._ids[low:high] == offer_id)
        return low + int(matches[0]) if len(matches) else None

    def _unfile_recent(self, key: int, offer_id: str) -> bool:
        filed = self._recent.get(key)
        if filed is None:
            return False
        if isinstance(filed, str):
            if filed != offer_id:
                return False
            del self._recent[key]
        elif offer_id not in filed:
            return False
        else:
            rest = tuple(member for member in filed if member != offer_id)
            if len(rest) == 1:
                self._recent[key] = rest[0]
            elif isinstance(filed, set) and len(rest) > _TUPLE_LIMIT:
                filed.discard(offer_id)
            else:
                self._recent[key] = rest
        self._recent_filings -= 1
        return True

    def _merge(self) -> None:
        """The recent filings and the live ones of the arrays, sorted by key into new arrays."""
        recent_keys: list[int] = []
        recent_ids: list[Any] = []
        for key, filed in self._recent.items():
            members = _members(filed)
            recent_keys.extend([key] * len(members))
            recent_ids.extend(members)
        live = self._ids != None  # noqa: E711  (elementwise over the object array)
        keys = np.concatenate((self._keys[live], np.array(recent_keys, dtype=np.uint64)))
        # (a list ending in None: numpy would read a list of equal-length strings as a 2-d array of characters)
        ids = np.concatenate((self._ids[live], np.array(recent_ids + [None], dtype=object)[:-1]))
        order = np.argsort(keys, kind="stable")
        self._keys, self._ids = keys[order], ids[order]
        self._dead = 0
        self._recent = {}
        self._recent_filings = 0


def _members(filed: Bucket | None) -> tuple[str, ...] | set[str]:
    """The ids a bucket of the recent filings holds."""
    if filed is None:
        return ()
    return (filed,) if isinstance(filed, str) else filed
