"""Candidate generation: the union of cheap blocking keys plus a MinHash LSH index over text.

Systems file one offer under different categories and districts, so no single key finds all
duplicates; each key is a cheap way in, and only candidates are ever scored.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.postings import Postings
from hub.engine.dedupe.profile import OfferProfile

__all__ = ["CandidateIndex", "blocking_keys", "probe_keys"]


def blocking_keys(profile: OfferProfile, config: DedupeConfig) -> frozenset[str]:
    """Keys an offer is filed under; every key is prefixed with its kind ("venue:...").

    Every key is scoped to the municipality (AGS), as the text index is: duplicates live in one
    city, and a key shared across cities (an organisation's hotline) would grow with all offers
    of the country and make each lookup slower the more the hub holds.
    """
    ags = profile.ags
    keys = {f"category:{ags}:{profile.category}"}
    # Filed under the hours reachable within the slot tolerance (18:00 -> 17 and 18 with
    # 30 min), so 17:40 and 18:00 share a key whichever of the two arrives first.
    tolerance = config.slot_tolerance_minutes
    keys.update(
        f"slot:{ags}:{day}:{hour}"
        for day, minute in profile.weekly_slots
        for hour in {max(0, (minute - tolerance) // 60), min(23, (minute + tolerance) // 60)}
    )
    if profile.organisation_key:
        keys.add(f"organisation:{ags}:{profile.organisation_key}")
    keys.update(f"contact:{ags}:{value}" for value in profile.contact_keys)
    if profile.street_norm and profile.postcode:
        keys.add(f"venue:{ags}:{profile.street_norm}|{profile.postcode.strip()}")
    cell = _geo_cell(profile, config)
    if cell is not None:
        keys.add(_geo_key(ags, *cell))
    return frozenset(keys)


def probe_keys(profile: OfferProfile, config: DedupeConfig) -> frozenset[str]:
    """Keys to look up: the filed keys plus the neighbouring geo cells (a venue near a cell edge).

    The relation is symmetric, so whether A finds B does not depend on which came first.
    """
    keys = set(blocking_keys(profile, config))
    cell = _geo_cell(profile, config)
    if cell is not None:
        keys.update(_geo_key(profile.ags, cell[0] + di, cell[1] + dj) for di in (-1, 0, 1) for dj in (-1, 0, 1))
    return frozenset(keys)


def _geo_key(ags: str, row: int, column: int) -> str:
    # one format for filing and probing: a venue must find the cells its neighbours were filed under
    return f"geo:{ags}:{row}:{column}"


def _geo_cell(profile: OfferProfile, config: DedupeConfig) -> tuple[int, int] | None:
    if profile.lat is None or profile.lon is None:
        return None
    size = config.geo_cell_degrees
    return (math.floor(profile.lat / size), math.floor(profile.lon / size))


@lru_cache(maxsize=8)
def _lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    # MinHashLSH derives its (bands, rows) by numerical integration, tens of milliseconds per
    # index; a worker with hundreds of municipalities would pay that once per municipality.
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


# The base of the shingle hash: a shingle's code points are the digits of a number in this base, modulo
# 2**32 (the 32-bit golden ratio: odd, so no digit's bits are shifted out).
_SHINGLE_BASE = np.uint32(0x9E3779B1)


def _shingle_hashes(profile: OfferProfile, size: int) -> list[int]:
    """A 32-bit hash of every character shingle of the offer's text (the whole text when it is shorter).

    Character shingles survive typos and compound-word splits that break word shingles. The hashes
    are computed for all shingles at once, `size` array operations over the text's code points, not
    one string, encoding and checksum per shingle (with datasketch hashing each: a third of a MinHash's
    cost on real-length texts). They are the same in every process (the index is rebuilt from the
    tables on restart).
    """
    text = f"{profile.title_norm} {profile.description_norm}".strip()
    if not text:
        return []
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    width = min(size, len(points))
    count = len(points) - width + 1
    hashes = np.zeros(count, dtype=np.uint32)
    for offset in range(width):
        hashes = hashes * _SHINGLE_BASE + points[offset:offset + count]  # wraps modulo 2**32, as meant
    return hashes.tolist()


def _as_is(value: int) -> int:
    """MinHash's hash function for values that are hashes already (datasketch mixes them before its
    permutations, so structured values are safe)."""
    return value


class CandidateIndex:
    """Incremental blocking index: add, update (add again), remove one offer; find candidates.

    Cost per lookup is bounded by the number of keys times `bucket_cap`, independent of how
    many offers a city has: oversized buckets are skipped and counted in `skipped_buckets`.

    Memory per offer is what decides how many offers a worker holds, so the index keeps no keys per
    offer: it keeps the profile each offer was filed with (the duplicate index holds it anyway) and
    derives the keys again to unfile it. Keys are filed as 64-bit numbers in compact postings, one for
    the blocking keys and one for the text's bands per municipality (duplicates live in one city, and
    one partition).
    """

    def __init__(self, config: DedupeConfig) -> None:
        self._config = config
        self._filed: dict[str, OfferProfile] = {}  # offer id -> the profile it is filed with
        self._keys: dict[str, Postings] = {}  # AGS -> its offers by blocking key
        self._text: dict[str, Postings] = {}  # AGS -> its offers by MinHash band
        # the band keys last computed, for the lookup that follows an add (MinHash is the costly part)
        self._recent_bands: tuple[OfferProfile, tuple[int, ...]] | None = None
        self._permutations: Any = None
        self.skipped_buckets: Counter[str] = Counter()

    def __contains__(self, offer_id: str) -> bool:
        return offer_id in self._filed

    def add(self, profile: OfferProfile) -> None:
        offer_id = profile.offer_id
        previous = self._filed.pop(offer_id, None)
        keys = _numbers(blocking_keys(profile, self._config))
        if previous is not None:
            filed = _numbers(blocking_keys(previous, self._config))
            if previous.ags == profile.ags:  # an update files only the keys it did not have
                _unfile(self._keys, previous.ags, filed - keys, offer_id)
                keys -= filed
            else:
                _unfile(self._keys, previous.ags, filed, offer_id)
        self._filed[offer_id] = profile
        _postings(self._keys, profile.ags).file(keys, offer_id)
        if previous is not None and _same_text(previous, profile):
            return  # an update that left title and description alone (a new time, a status) keeps its bands
        if previous is not None:
            _unfile(self._text, previous.ags, self._bands_of(previous), offer_id)
        band_keys = self._band_keys(profile)
        self._recent_bands = (profile, band_keys)
        if band_keys:
            _postings(self._text, profile.ags).file(band_keys, offer_id)

    def remove(self, offer_id: str) -> None:
        previous = self._filed.pop(offer_id, None)
        if previous is None:
            return
        _unfile(self._keys, previous.ags, _numbers(blocking_keys(previous, self._config)), offer_id)
        _unfile(self._text, previous.ags, self._bands_of(previous), offer_id)

    def candidates(self, profile: OfferProfile) -> set[str]:
        """Ids of indexed offers that share at least one usable key with `profile`."""
        cap = self._config.bucket_cap
        found: set[str] = set()
        postings = self._keys.get(profile.ags)
        if postings is not None:
            keys = list(probe_keys(profile, self._config))
            for key, members in zip(keys, postings.filed_under([_number(key) for key in keys], cap)):
                if members is None:
                    self.skipped_buckets[key.split(":", 1)[0]] += 1
                else:
                    found.update(members)
        text = self._text.get(profile.ags)
        band_keys = self._bands_of(profile) if text is not None else ()
        if band_keys:
            assert text is not None
            similar = _union(text.filed_under(band_keys, cap))
            if similar is None or len(similar) > cap:
                self.skipped_buckets["text"] += 1
            else:
                found |= similar
        found.discard(profile.offer_id)
        return found

    def _bands_of(self, profile: OfferProfile) -> tuple[int, ...]:
        recent = self._recent_bands
        if recent is not None and _same_text(recent[0], profile):
            return recent[1]
        band_keys = self._band_keys(profile)
        self._recent_bands = (profile, band_keys)
        return band_keys

    def _band_keys(self, profile: OfferProfile) -> tuple[int, ...]:
        """The offer's MinHash signature cut into LSH bands, each band one 64-bit number (a hash of its
        band number and its rows' 32-bit values): offers whose signatures agree on all rows of a band
        are candidates, as in datasketch's MinHashLSH, without keeping a MinHash and a byte string per
        band per offer. Two different bands sharing a number only adds a candidate that scoring judges."""
        minhash = self._minhash(profile)
        if minhash is None:
            return ()
        bands, rows = _lsh_bands(self._config.lsh_threshold, self._config.lsh_num_perm)
        data = minhash.hashvalues.astype("<u4").tobytes()  # affine32: every value fits 32 bits
        width = 4 * rows
        return tuple(hash((band, data[band * width:(band + 1) * width])) & _KEY_MASK for band in range(bands))

    def _minhash(self, profile: OfferProfile) -> MinHash | None:
        shingles = _shingle_hashes(profile, self._config.shingle_size)
        if not shingles:
            return None
        if self._permutations is None:
            # Drawing the permutations is most of MinHash's set-up cost; draw them once.
            template = MinHash(num_perm=self._config.lsh_num_perm, seed=1)
            self._permutations = (template.permutations, template.scheme)
        permutations, scheme = self._permutations
        # the shingles come hashed (32 bits, as the affine32 scheme takes), not as datasketch's default
        # SHA-1 of each one
        minhash = MinHash(num_perm=self._config.lsh_num_perm, seed=1, permutations=permutations, scheme=scheme,
                          hashfunc=_as_is)
        minhash.update_batch(shingles)
        return minhash


def _same_text(a: OfferProfile, b: OfferProfile) -> bool:
    """Whether two profiles have the text the bands are computed from in common (and so the bands)."""
    return a.title_norm == b.title_norm and a.description_norm == b.description_norm and a.ags == b.ags


_KEY_MASK = (1 << 64) - 1


def _number(key: str) -> int:
    """A blocking key as the 64-bit number it is filed under. Python's string hash: the index lives in
    one process and is rebuilt from the tables on start, and a string's hash is computed once and kept
    with it. Two keys sharing a number only add a candidate that scoring judges."""
    return hash(key) & _KEY_MASK


def _numbers(keys: Iterable[str]) -> set[int]:
    return {_number(key) for key in keys}


def _union(runs: Iterable[list[str] | None]) -> set[str] | None:
    """The offers of all runs; None if one run is None (more offers than the cap: the union has more)."""
    union: set[str] = set()
    for run in runs:
        if run is None:
            return None
        union.update(run)
    return union


def _postings(postings: dict[str, Postings], ags: str) -> Postings:
    filed = postings.get(ags)
    if filed is None:
        filed = postings[ags] = Postings()
    return filed


def _unfile(postings: dict[str, Postings], ags: str, keys: Iterable[int], offer_id: str) -> None:
    filed = postings.get(ags)
    if filed is None:
        return
    filed.unfile(keys, offer_id)
    if not len(filed):
        del postings[ags]
