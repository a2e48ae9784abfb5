"""Candidate generation: the union of cheap blocking keys plus a MinHash LSH index over text.

Systems file one offer under different categories and districts, so no single key finds all
duplicates; each key is a cheap way in, and only candidates are ever scored.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from functools import lru_cache
from typing import Any

from datasketch import MinHash, MinHashLSH

from hub.engine.dedupe.config import DedupeConfig
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


def _shingles(profile: OfferProfile, size: int) -> set[bytes]:
    # Character shingles survive typos and compound-word splits that break word shingles.
    text = f"{profile.title_norm} {profile.description_norm}".strip()
    if len(text) <= size:
        return {text.encode()} if text else set()
    return {text[start : start + size].encode() for start in range(len(text) - size + 1)}


class CandidateIndex:
    """Incremental blocking index: add, update (add again), remove one offer; find candidates.

    Cost per lookup is bounded by the number of keys times `bucket_cap`, independent of how
    many offers a city has: oversized buckets are skipped and counted in `skipped_buckets`.
    """

    def __init__(self, config: DedupeConfig) -> None:
        self._config = config
        self._buckets: dict[str, set[str]] = {}
        self._keys: dict[str, frozenset[str]] = {}
        # the text index, one per municipality (duplicates live in one city, and one partition):
        # band key -> the offer filed under it, or a set once several are
        self._text: dict[str, dict[int, str | set[str]]] = {}
        self._text_keys: dict[str, tuple[str, tuple[int, ...]]] = {}  # offer id -> (AGS, its band keys)
        self._permutations: Any = None
        self.skipped_buckets: Counter[str] = Counter()

    def __contains__(self, offer_id: str) -> bool:
        return offer_id in self._keys

    def add(self, profile: OfferProfile) -> None:
        self.remove(profile.offer_id)
        keys = blocking_keys(profile, self._config)
        self._keys[profile.offer_id] = keys
        for key in keys:
            self._buckets.setdefault(key, set()).add(profile.offer_id)
        band_keys = self._band_keys(profile)
        if band_keys:
            offer_id = profile.offer_id
            text = self._text.setdefault(profile.ags, {})
            for band_key in band_keys:
                filed = text.get(band_key)
                if filed is None:
                    text[band_key] = offer_id
                elif isinstance(filed, set):
                    filed.add(offer_id)
                elif filed != offer_id:
                    text[band_key] = {filed, offer_id}
            self._text_keys[offer_id] = (profile.ags, band_keys)

    def remove(self, offer_id: str) -> None:
        for key in self._keys.pop(offer_id, ()):
            bucket = self._buckets[key]
            bucket.discard(offer_id)
            if not bucket:
                del self._buckets[key]
        filed_text = self._text_keys.pop(offer_id, None)
        if filed_text is not None:
            ags, band_keys = filed_text
            text = self._text[ags]
            for band_key in band_keys:
                filed = text.get(band_key)
                if isinstance(filed, set):
                    filed.discard(offer_id)
                    if len(filed) == 1:
                        text[band_key] = next(iter(filed))
                elif filed == offer_id:
                    del text[band_key]

    def candidates(self, profile: OfferProfile) -> set[str]:
        """Ids of indexed offers that share at least one usable key with `profile`."""
        cap = self._config.bucket_cap
        found: set[str] = set()
        for key in probe_keys(profile, self._config):
            bucket = self._buckets.get(key)
            if not bucket:
                continue
            if len(bucket) > cap:
                self.skipped_buckets[key.split(":", 1)[0]] += 1
                continue
            found |= bucket
        text = self._text.get(profile.ags)
        filed_text = self._text_keys.get(profile.offer_id)
        band_keys = filed_text[1] if filed_text is not None else self._band_keys(profile)
        if text is not None and band_keys:
            similar: set[str] = set()
            for band_key in band_keys:
                filed = text.get(band_key)
                if isinstance(filed, set):
                    similar |= filed
                elif filed is not None:
                    similar.add(filed)
            if len(similar) > cap:
                self.skipped_buckets["text"] += 1
            else:
                found |= similar
        found.discard(profile.offer_id)
        return found

    def _band_keys(self, profile: OfferProfile) -> tuple[int, ...]:
        """The offer's MinHash signature cut into LSH bands, each band one int (its band number above
        its rows' 32-bit values): offers whose signatures agree on all rows of a band are candidates,
        as in datasketch's MinHashLSH, without keeping a MinHash and a byte string per band per offer."""
        minhash = self._minhash(profile)
        if minhash is None:
            return ()
        bands, rows = _lsh_bands(self._config.lsh_threshold, self._config.lsh_num_perm)
        data = minhash.hashvalues.astype("<u4").tobytes()  # affine32 with crc32: every value fits 32 bits
        width = 4 * rows
        return tuple(int.from_bytes(data[band * width:(band + 1) * width], "little") | (band << (8 * width))
                     for band in range(bands))

    def _minhash(self, profile: OfferProfile) -> MinHash | None:
        shingles = _shingles(profile, self._config.shingle_size)
        if not shingles:
            return None
        if self._permutations is None:
            # Drawing the permutations is most of MinHash's set-up cost; draw them once.
            template = MinHash(num_perm=self._config.lsh_num_perm, seed=1)
            self._permutations = (template.permutations, template.scheme)
        permutations, scheme = self._permutations
        # crc32, not datasketch's default SHA-1: a third of the cost per offer, 32 bits as the affine32
        # scheme takes, and the same in every process (the index is rebuilt from the tables on restart)
        minhash = MinHash(num_perm=self._config.lsh_num_perm, seed=1, permutations=permutations, scheme=scheme,
                          hashfunc=zlib.crc32)
        minhash.update_batch(list(shingles))
        return minhash
