"""What the engine keeps of every need and offer: `NeedView` and `OfferView`, the fields it reads.

Why: the engine's cache holds every need and offer of its partitions, and as contract models they were
most of a restored worker's memory (2.8 KB an entity in process, about 4.2 GB of RSS at 1,000,000
entities; bench/README). A pydantic model keeps its values in a dictionary of its own, with a set of
the field names it was given beside it, and an offer is seven models. The views are slotted dataclasses
with the same attribute paths the engine reads (`need.area.ags`, `offer.location.lat`,
`offer.organisation.kind`), without the texts and contact only the dedupe profile reads (it is made
from the stored record, `EngineCache.profile`), and values drawn from small vocabularies (category,
status, AGS, districts, languages) are one shared object each: a validated model holds a new string
for every field of every record. A restore builds them from the stored records (`of_record`) without
validating what the engine validated when it stored them.

A schedule stays the contract's model (the recurrence code reads it); its field-name sets are shared
with `share_bookkeeping`. That is safe for frozen models only: pydantic changes the set in place on
attribute assignment, which frozen models refuse, and `model_copy` copies the set before it adds to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel

from schemas import PRIVACY_CHECKED, Location, Need, Offer, Schedule
from schemas.need import Urgency

_LIMIT = 4096
_shared: dict[frozenset[str], set[str]] = {}

# Equal vocabulary values and tuples of them, one object each; bounded, so that a stream of values
# seen once (a district misspelt in every record) cannot grow it without end
_VALUES_LIMIT = 1 << 16
_values: dict[object, object] = {}

Shared = TypeVar("Shared", str, tuple[str, ...])


def share_bookkeeping(model: BaseModel) -> None:
    """Point the field-name sets of a frozen model and its nested models at shared equal sets."""
    if not model.model_config.get("frozen"):
        return
    fields_set = model.__pydantic_fields_set__
    key = frozenset(fields_set)
    kept = _shared.get(key)
    if kept is None and len(_shared) < _LIMIT:
        kept = _shared[key] = set(key)
    if kept is not None and kept is not fields_set:
        object.__setattr__(model, "__pydantic_fields_set__", kept)
    for value in model.__dict__.values():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, BaseModel):
                share_bookkeeping(item)


def shared(value: Shared) -> Shared:
    """One object for equal vocabulary values (a string, or a tuple of strings)."""
    kept = _values.get(value)
    if kept is None:
        if len(_values) >= _VALUES_LIMIT:
            return value
        _values[value] = kept = value
    return kept  # type: ignore[return-value]  # equal to value, so of its type


def _shared_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return shared(tuple(shared(value) for value in values))


def _kept_schedule(schedule: Schedule | None) -> Schedule | None:
    if schedule is not None:
        share_bookkeeping(schedule)
    return schedule


def _schedule_of_record(data: Mapping[str, Any] | None) -> Schedule | None:
    if data is None:
        return None
    return _kept_schedule(Schedule.model_validate(data, context=PRIVACY_CHECKED))


def _moment(text: str | None) -> datetime | None:
    # a stored record's times were written by the contract model: ISO 8601 with their UTC offset
    return None if text is None else datetime.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class Place:
    """Where an entity is, as far as distances go."""

    lat: float | None
    lon: float | None

    @classmethod
    def of(cls, location: Location | None) -> Place | None:
        return None if location is None else cls(location.lat, location.lon)

    @classmethod
    def of_record(cls, location: Mapping[str, Any] | None) -> Place | None:
        return None if location is None else cls(location.get("lat"), location.get("lon"))


@dataclass(frozen=True, slots=True)
class NeedArea:
    ags: str
    district: str | None


@dataclass(frozen=True, slots=True)
class OfferArea:
    ags: str
    districts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organisation:
    kind: str


_ORGANISATIONS: dict[str, Organisation] = {}


def _organisation(kind: str) -> Organisation:
    """One object per kind of organisation (a handful of kinds)."""
    return _ORGANISATIONS.get(kind) or _ORGANISATIONS.setdefault(kind, Organisation(kind))


def _need_area(ags: str, district: str | None) -> NeedArea:
    return NeedArea(shared(ags), None if district is None else shared(district))


@dataclass(frozen=True, slots=True)
class NeedView:
    """A need as the engine reads it (see the module's docstring)."""

    id: str
    revision: int
    category: str
    status: str
    urgency: Urgency
    area: NeedArea
    location: Place | None
    needed_from: datetime | None
    needed_until: datetime | None
    schedule: Schedule | None
    languages: tuple[str, ...]
    requires: tuple[str, ...]

    @classmethod
    def of(cls, need: Need) -> NeedView:
        return cls(
            id=need.id, revision=need.revision, category=shared(need.category), status=shared(need.status),
            urgency=need.urgency, area=_need_area(need.area.ags, need.area.district), location=Place.of(need.location),
            needed_from=need.needed_from, needed_until=need.needed_until, schedule=_kept_schedule(need.schedule),
            languages=_shared_tuple(need.languages), requires=_shared_tuple(need.requires),
        )

    @classmethod
    def of_record(cls, data: Mapping[str, Any]) -> NeedView:
        """The view of a need as the engine stored it (`Need.model_dump(mode="json")`), without validating
        it again: what `of` gives for the model the record was made from (a restore's path)."""
        area = data["area"]
        return cls(
            id=data["id"], revision=data["revision"], category=shared(data["category"]),
            status=shared(data.get("status", "open")), urgency=data["urgency"],
            area=_need_area(area["ags"], area.get("district")),
            location=Place.of_record(data.get("location")), needed_from=_moment(data.get("needed_from")),
            needed_until=_moment(data.get("needed_until")), schedule=_schedule_of_record(data.get("schedule")),
            languages=_shared_tuple(data.get("languages") or ()), requires=_shared_tuple(data.get("requires") or ()),
        )


@dataclass(frozen=True, slots=True)
class OfferView:
    """An offer as the engine reads it (see the module's docstring)."""

    id: str
    revision: int
    category: str
    status: str
    organisation: Organisation
    area: OfferArea
    location: Place | None
    schedule: Schedule | None
    capacity: int | None
    languages: tuple[str, ...]
    valid_from: datetime | None
    valid_until: datetime | None

    @classmethod
    def of(cls, offer: Offer) -> OfferView:
        area = OfferArea(shared(offer.area.ags), _shared_tuple(offer.area.districts))
        return cls(
            id=offer.id, revision=offer.revision, category=shared(offer.category), status=shared(offer.status),
            organisation=_organisation(offer.organisation.kind), area=area, location=Place.of(offer.location),
            schedule=_kept_schedule(offer.schedule), capacity=offer.capacity, languages=_shared_tuple(offer.languages),
            valid_from=offer.valid_from, valid_until=offer.valid_until,
        )

    @classmethod
    def of_record(cls, data: Mapping[str, Any]) -> OfferView:
        """The view of an offer as the engine stored it (`Offer.model_dump(mode="json")`), without
        validating it again: what `of` gives for the model the record was made from (a restore's path)."""
        area = data["area"]
        return cls(
            id=data["id"], revision=data["revision"], category=shared(data["category"]),
            status=shared(data.get("status", "active")), organisation=_organisation(data["organisation"]["kind"]),
            area=OfferArea(shared(area["ags"]), _shared_tuple(area.get("districts") or ())),
            location=Place.of_record(data.get("location")), schedule=_schedule_of_record(data.get("schedule")),
            capacity=data.get("capacity"), languages=_shared_tuple(data.get("languages") or ()),
            valid_from=_moment(data.get("valid_from")), valid_until=_moment(data.get("valid_until")),
        )
