"""Integreat (the municipal newcomer app): locations and events of one region, read from its public REST API v3.

Each list (``/api/v3/{region}/{lang}/locations/``, ``.../events/?combine_recurring=True``) is read whole
in every configured language, once per poll: the API has no paging and no "since". An item is one offer
however many languages it is published in (key: ``poi/<id>`` / ``event/<id>``; the POI id is
``location.id`` because the top-level ``id`` of a location is its translation's id). Only items whose
``last_updated`` (or language set) changed since the stored position are emitted; an item gone from
every language ends its offer with a `StatusUpdate` (the API no longer serves its content to restate).
The position of a list is committed with its last changed record: a crash in between re-sends that
list's changes, which keep their ids and revisions.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from connectors.base import ConnectorConfig, Event, Position, SourceConnector, SourceRecord
from connectors.errors import Problem, RecordError, SourceUnavailable
from connectors.http import HttpClient
from connectors.integreat_regions import ags_of_region
from connectors.integreat_content import contacts_and_text, event_schedule, opening_hours_schedule
from schemas import Offer, StatusUpdate, category_codes, describe_validation_error, entity_id, map_free_text
from schemas._iso639 import ISO_639_1
from schemas.parts import Organisation, OrganisationKind
from schemas.schedule import Schedule

ListName = Literal["locations", "events"]
_PATHS = {"locations": "locations/", "events": "events/?combine_recurring=True"}
_GONE = ""  # last_updated of an item that left the list


class IntegreatConfig(ConnectorConfig):
    kind: Literal["integreat"]
    base_url: str = Field("https://cms.integreat-app.de", pattern=r"^https?://\S+$")
    region: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="the region's slug, e.g. 'augsburg'")
    languages: list[str] = Field(["de"], min_length=1, description="language slugs to read; German titles win")
    lists: list[ListName] = ["locations", "events"]
    ags: str | None = Field(None, description="AGS of the region; default: from the region lookup")
    districts: list[str] = []
    category_map: dict[str, str] = Field({}, description="Integreat category name or id -> taxonomy code")
    event_category: str | None = Field(None, description="taxonomy code of events whose title names none")
    organisation: Organisation = Field(description="the publisher of items without an organization")
    organisation_kind: OrganisationKind = Field("association", description="kind of Integreat organizations")
    headers: dict[str, str] = Field({"X-Integreat-Development": "true"},
                                    description="sent with every request; Integreat asks test clients for this")
    timeout_s: float = Field(15.0, gt=0)

    @model_validator(mode="after")
    def _known_codes_and_region(self) -> IntegreatConfig:
        codes = set(category_codes())
        wrong = sorted({c for c in [*self.category_map.values(), self.event_category] if c and c not in codes})
        if wrong:
            raise ValueError(f"not taxonomy codes: {', '.join(wrong)}")
        if self.ags is None and ags_of_region(self.region) is None:
            raise ValueError(f"region {self.region!r} is not in the AGS lookup (connectors/integreat_regions.json);"
                             " set 'ags'")
        return self


class IntegreatConnector(SourceConnector[IntegreatConfig]):
    """One Integreat region: both lists in every configured language."""

    config_model = IntegreatConfig
    _http: HttpClient | None = None

    def __init__(self, config: IntegreatConfig) -> None:
        super().__init__(config)
        self.ags: str = config.ags or ags_of_region(config.region) or ""

    def open(self) -> None:
        self._http = HttpClient(timeout_s=self.config.timeout_s, headers=self.config.headers)

    def close(self) -> None:
        if self._http:
            self._http.close()

    def poll(self, position: Position) -> Iterator[SourceRecord]:
        for name in self.config.lists:
            yield from self._poll_list(name, position)

    def _poll_list(self, name: ListName, position: Position) -> Iterator[SourceRecord]:
        partition = {"region": self.config.region, "list": name}
        stored = position.offset_of(partition) or {"items": {}}
        seen: dict[str, list[Any]] = stored["items"]
        current = self._fetch(name)
        if not current and any(entry[0] != _GONE for entry in seen.values()):
            # an empty answer is likelier a broken instance than a region that ended every offer at once
            raise SourceUnavailable(f"Integreat {self.config.region}/{name} returned no items; not ending offers")
        items, changes = dict(seen), []
        for key, by_language in current.items():
            stamp = max(str(item.get("last_updated") or "") for item in by_language.values())
            languages = ",".join(by_language)
            old = seen.get(key)
            if old and old[0] == stamp and old[2] == languages:
                continue
            revision = max(_epoch_us(stamp), old[1] + 1 if old else 0)
            items[key] = [stamp, revision, languages]
            changes.append({"key": key, "revision": revision, "items": by_language})
        now_us = time.time_ns() // 1000
        for key, old in seen.items():
            if key not in current and old[0] != _GONE:
                revision = max(now_us, old[1] + 1)
                items[key] = [_GONE, revision, ""]
                changes.append({"key": key, "revision": revision, "gone": True})
        for number, change in enumerate(changes, start=1):
            # only the list's last change carries the new position (see the module docstring)
            offset = {"items": items} if number == len(changes) else stored
            payload = json.dumps(change, ensure_ascii=False, sort_keys=True).encode()
            yield SourceRecord(partition, offset, payload, change, remaining=len(changes) - number)

    def _fetch(self, name: ListName) -> dict[str, dict[str, dict[str, Any]]]:
        """key -> language -> item, in the order the first language lists them."""
        assert self._http is not None, "open() first"
        merged: dict[str, dict[str, dict[str, Any]]] = {}
        for language in self.config.languages:
            url = f"{self.config.base_url.rstrip('/')}/api/v3/{self.config.region}/{language}/{_PATHS[name]}"
            body = self._http.get(url).json()
            if not isinstance(body, list):
                raise SourceUnavailable(f"{url} did not answer with a list of items")
            for item in body:
                if isinstance(item, dict) and (key := _key(name, item)):
                    merged.setdefault(key, {})[language] = item
        return merged

    def normalise(self, record: SourceRecord) -> list[Event]:
        change, source = record.value, self.config.source
        key, revision = change["key"], change["revision"]
        if change.get("gone"):
            when = datetime.fromtimestamp(revision / 1e6).astimezone()
            return [StatusUpdate(id=entity_id(source, f"{key}/status"), source=source,
                                 source_record_id=f"{key}/status", revision=revision,
                                 entity_id=entity_id(source, key), entity_kind="offer", new_status="ended",
                                 reason="no longer published in Integreat", occurred_at=when)]
        by_language: dict[str, dict[str, Any]] = change["items"]
        item = by_language.get("de") or next(iter(by_language.values()))
        contact, description = contacts_and_text(item)
        data = {
            "id": entity_id(source, key), "source": source, "source_record_id": key, "revision": revision,
            "title": str(item.get("title") or "").strip(), "description": description,
            "category": self._category(key, by_language), "organisation": self._organisation(item),
            "area": {"ags": self.ags, "districts": self.config.districts}, "location": _location(item),
            "schedule": self._schedule(key, item), "languages": _languages(by_language),
            "contact": contact, "status": "paused" if item.get("temporarily_closed") else "active",
            "occurred_at": max(_parse_time("last_updated", i.get("last_updated")) for i in by_language.values()),
        }
        try:
            return [Offer.model_validate(data)]
        except ValidationError as exc:
            raise RecordError([Problem(p.path, p.reason, p.value_shown) for p in describe_validation_error(exc)],
                              cause_class="pydantic_core.ValidationError") from None

    def _category(self, key: str, by_language: dict[str, dict[str, Any]]) -> str:
        item = by_language.get("de") or next(iter(by_language.values()))
        if key.startswith("poi/"):
            categories = [i.get("category") or {} for i in by_language.values()]
            for cat in categories:
                for value in (cat.get("id"), cat.get("name")):
                    if value is not None and (code := self.config.category_map.get(str(value))):
                        return code
            for cat in categories:
                if cat.get("name") and (code := map_free_text(str(cat["name"]))):
                    return code
            if code := map_free_text(str(item.get("title") or "")):
                return code
            shown = str((item.get("category") or {}).get("name") or (item.get("category") or {}).get("id"))
            raise RecordError.single("category.name", "Integreat category not in `category_map` and no taxonomy"
                                     " synonym in it or the title", shown[:60])
        title = str(item.get("title") or "")
        if code := self.config.category_map.get(title) or map_free_text(title) or self.config.event_category:
            return code
        raise RecordError.single("title", "event title names no taxonomy category; set `event_category`",
                                 title[:60])

    def _organisation(self, item: dict[str, Any]) -> Organisation:
        name = str((item.get("organization") or {}).get("name") or "").strip()
        return Organisation(name=name, kind=self.config.organisation_kind) if name else self.config.organisation

    def _schedule(self, key: str, item: dict[str, Any]) -> Schedule | None:
        try:
            if key.startswith("poi/"):
                return opening_hours_schedule(item.get("opening_hours"), _parse_time("last_updated", item["last_updated"]))
            return event_schedule(item)
        except (KeyError, TypeError, ValueError) as exc:
            path = "opening_hours" if key.startswith("poi/") else "event"
            raise RecordError.single(path, f"cannot be read as a schedule: {exc}") from None
        except ValidationError as exc:
            raise RecordError([Problem(f"schedule.{p.path}", p.reason, p.value_shown)
                               for p in describe_validation_error(exc)],
                              cause_class="pydantic_core.ValidationError") from None


def _key(name: ListName, item: dict[str, Any]) -> str | None:
    if name == "locations":
        poi = (item.get("location") or {}).get("id") or item.get("id")
        return f"poi/{poi}" if poi is not None else None
    event = (item.get("event") or {}).get("id") or item.get("id")
    return f"event/{event}" if event is not None else None


def _parse_time(field: str, value: Any) -> datetime:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise RecordError.single(field, "not an ISO 8601 time", str(value)[:40]) from None


def _epoch_us(stamp: str) -> int:
    try:
        return int(datetime.fromisoformat(stamp).timestamp() * 1_000_000)
    except ValueError:
        return 0


def _location(item: dict[str, Any]) -> dict[str, Any] | None:
    where = item.get("location") or {}
    postcode = str(where.get("postcode") or "").strip()
    found = {"street": where.get("address") or None, "city": where.get("town") or None,
             "postcode": postcode if len(postcode) == 5 and postcode.isdigit() else None,
             "lat": where.get("latitude"), "lon": where.get("longitude")}
    return found if any(v is not None for v in found.values()) else None


def _languages(by_language: dict[str, Any]) -> list[str]:
    # Integreat slugs: "de", "uk", also "de-si" (Leichte Sprache); the offer lists ISO 639-1 codes
    codes = [slug.split("-")[0].lower() for slug in by_language]
    return [c for i, c in enumerate(codes) if c in ISO_639_1 and c not in codes[:i]]

