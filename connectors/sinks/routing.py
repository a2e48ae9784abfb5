"""Who gets what: which subscription wants an event, from the entities and areas the event is about.

Pure functions over the CloudEvent and the `Directory`. A municipal system names its source and gets
the events about the needs it published; an initiative names its source and gets matches for its
offers and the status of the needs it committed to. Events about an area rather than an entity
(coverage, area gaps) go by `areas` only, and only to subscriptions that name areas or no sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from connectors.sink_base import Directory, EntityInfo
from schemas import CloudEvent
from schemas._types import Ags


class AreaFilter(BaseModel):
    """A municipality (AGS) and, optionally, some of its districts (empty: the whole municipality)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ags: Ags
    districts: list[str] = Field(default_factory=list)

    def covers(self, ags: str, districts: Iterable[str]) -> bool:
        if ags != self.ags:
            return False
        districts = set(districts)
        # an entity without a district (or an offer serving the whole city) lies in every district filter
        return not self.districts or not districts or bool(districts & set(self.districts))


class Route(BaseModel):
    """The filter part of a subscription: event types (globs), publishing sources, areas."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    types: list[str] = Field(default_factory=lambda: ["org.koordinate.*"], min_length=1,
                             examples=[["org.koordinate.gap.*", "org.koordinate.match.v1"]])
    sources: list[str] = Field(default_factory=list, description="publishers whose entities it cares about; empty: all")
    areas: list[AreaFilter] = Field(default_factory=list, description="empty: every area")


@dataclass(frozen=True)
class Concern:
    """What an event is about: entity ids (needs, offers), or an area when it is about no entity."""

    entities: tuple[str, ...] = ()
    area: tuple[str, str | None] | None = None


def concern_of(event: CloudEvent, directory: Directory) -> Concern:
    """The entities (or the area) an event is about, by its type."""
    data: dict[str, Any] = event.data
    kind = event.type.removeprefix("org.koordinate.").rsplit(".v", 1)[0]
    if kind == "match":
        return Concern((data["need_id"], data["offer_id"]))
    if kind in ("gap", "gap.resolved"):
        if data.get("need_id"):
            return Concern((data["need_id"],))
        return Concern(area=(data["ags"], data.get("district"))) if data.get("ags") else Concern()
    if kind == "coverage":
        return Concern(area=(data["ags"], data.get("district")))
    if kind in ("duplicate", "review"):
        return Concern(tuple(data.get("offer_ids") or ()))
    if kind == "status":
        ids = [data["entity_id"]]
        if commitment := data.get("commitment"):
            ids += [commitment["need_id"], commitment["offer_id"]]
        if data.get("entity_kind") == "need":  # the initiatives that took the need on hear how it goes
            ids += sorted(directory.offers_committed_to(data["entity_id"]))
        return Concern(tuple(dict.fromkeys(ids)))
    if kind == "state":  # the hub's state of a need or offer: expired, lapsed, refused, slots
        ids = [data["entity_id"]]
        for lapsed in data.get("lapsed_commitments") or ():  # both sides of a commitment that lapsed
            ids += [lapsed["need_id"], lapsed["offer_id"]]
        if data.get("entity_kind") == "need":
            ids += sorted(directory.offers_committed_to(data["entity_id"]))
        return Concern(tuple(dict.fromkeys(ids)))
    if kind in ("need", "offer"):
        return Concern((data["id"],))
    return Concern()


def wants(route: Route, event: CloudEvent, directory: Directory) -> bool:
    """Whether a subscription with this route receives the event."""
    if not any(fnmatchcase(event.type, pattern) for pattern in route.types):
        return False
    concern = concern_of(event, directory)
    if concern.area is not None:
        if route.sources and not route.areas:
            return False
        ags, district = concern.area
        return not route.areas or any(a.covers(ags, [district] if district else []) for a in route.areas)
    if not route.sources and not route.areas:
        return True
    known = [info for info in map(directory.entity, concern.entities) if info is not None]
    mine = [info for info in known if not route.sources or info.source in route.sources]
    return any(_in_areas(info, route) for info in mine)


def _in_areas(info: EntityInfo, route: Route) -> bool:
    return not route.areas or any(a.covers(info.ags, info.districts) for a in route.areas)
