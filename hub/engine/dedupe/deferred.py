"""The dedupe index's profiles, with a restored municipality's offers filed on its first use.

Why: profiling an offer and filing it under its blocking keys and MinHash bands was most of a
worker's restore (about 9 of 19 CPU seconds at 50,000 entities, `bench/README`), and most
municipalities of a partition see no offer event for a while after a restart. Every blocking key and
text band is scoped to one municipality (`blocking.py`), so a municipality's offers can be filed the
first time anything asks about one of its offers, and the index answers as if they had been filed at
the restore: the same candidates, pairs and clusters (tests/engine/dedupe/test_deferred.py).
"""

from __future__ import annotations

from _collections_abc import dict_items, dict_keys, dict_values
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from hub.engine.dedupe.profile import OfferProfile
from hub.engine.steps import Steps, run_steps

__all__ = ["DeferredProfile", "Profiles"]


class DeferredProfile(NamedTuple):
    """An offer of a restored state, profiled only when its municipality (`ags`) is first used.

    `make` must give the profile the offer had at the restore, not what it has since (an edit that
    triggers the filing is compared against the old profile).
    """

    offer_id: str
    ags: str
    make: Callable[[], OfferProfile]


class Profiles(dict[str, OfferProfile]):
    """Offer id -> profile of every indexed offer; asking about a deferred offer files its whole
    municipality first (`file_one` for each of its offers, which stores the profile with `settle`).

    Every way of asking is covered (`in`, `[]`, `get`, iterating, `len`), so the index's code reads
    it as the plain dict it was; only the restore and `settle` know of the deferred offers.
    """

    def __init__(self, file_one: Callable[[DeferredProfile], None]) -> None:
        super().__init__()
        self._file_one = file_one
        self._deferred_area: dict[str, str] = {}  # offer id -> its municipality, while deferred
        self._deferred: dict[str, list[DeferredProfile]] = {}  # municipality -> its deferred offers

    def defer(self, deferred: DeferredProfile) -> None:
        self._deferred_area[deferred.offer_id] = deferred.ags
        self._deferred.setdefault(deferred.ags, []).append(deferred)

    def settle(self, profile: OfferProfile) -> None:
        """Store a profile the index filed (no filing of anything else)."""
        super().__setitem__(profile.offer_id, profile)

    def file_area_of(self, offer_id: str) -> bool:
        """File the municipality of a deferred offer; False when the offer is not deferred."""
        ags = self._deferred_area.get(offer_id)
        if ags is None:
            return False
        self.file_areas([ags])
        return True

    def file_areas(self, areas: Iterable[str]) -> None:
        run_steps(self.filing(areas))

    def filing(self, areas: Iterable[str]) -> Steps[None]:
        """`file_areas` one offer per step: a large city's thousands of offers would hold a worker's
        event loop for seconds. An offer leaves the deferred ones before it is filed, so asking about
        the area between two steps files the rest at once, and nothing twice; the order offers are
        filed in changes no candidate set."""
        for ags in sorted(set(areas)):
            offers = self._deferred.get(ags, [])
            while offers:
                deferred = offers.pop()
                del self._deferred_area[deferred.offer_id]
                self._file_one(deferred)
                yield
            self._deferred.pop(ags, None)

    def file_everything(self) -> None:
        if self._deferred:
            self.file_areas(list(self._deferred))

    # -- the dict's ways of asking ------------------------------------------------------------
    def __missing__(self, offer_id: str) -> OfferProfile:
        if self.file_area_of(offer_id):
            return super().__getitem__(offer_id)
        raise KeyError(offer_id)

    def __contains__(self, offer_id: object) -> bool:
        return super().__contains__(offer_id) or (isinstance(offer_id, str) and self.file_area_of(offer_id))

    def get(self, offer_id: str, default: Any = None) -> Any:
        return self[offer_id] if offer_id in self else default

    def __setitem__(self, offer_id: str, profile: OfferProfile) -> None:
        self.file_area_of(offer_id)  # a deferred offer filed later would overwrite this newer profile
        super().__setitem__(offer_id, profile)

    def __delitem__(self, offer_id: str) -> None:
        self.file_area_of(offer_id)
        super().__delitem__(offer_id)

    def __iter__(self) -> Iterator[str]:
        self.file_everything()
        return super().__iter__()

    def __len__(self) -> int:
        return super().__len__() + len(self._deferred_area)

    def keys(self) -> dict_keys[str, OfferProfile]:
        self.file_everything()
        return super().keys()

    def values(self) -> dict_values[str, OfferProfile]:
        self.file_everything()
        return super().values()

    def items(self) -> dict_items[str, OfferProfile]:
        self.file_everything()
        return super().items()

    def pop(self, *args: Any) -> Any:
        self.file_area_of(args[0])
        return super().pop(*args)
