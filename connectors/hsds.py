"""Open Referral HSDS 3.0 directories (a city's service directory API): services -> offers.

A list item without ``service_at_locations`` is a summary: the full service is fetched
(``full_service_endpoint``, ``services/{id}``). Bad optional values (coordinates out of range, a
postcode like ``ABC 1234``, a phone in quotes, a schedule rule RFC 5545 forbids) are dropped with a
data-quality note (`connectors.lenient`); two services with one id in one read are duplicate keys.
With ``complete_listing`` the whole list is read every poll (no ``modified_after``) and the offers of a
service gone from it, or of a location gone from a service, end after `removal_grace_s`
(`connectors.removals`); only changed services are emitted.

One offer per service-at-location (``{service id}@{service_at_location id}``), or per service when it
has no location. HSDS schedules (freq/byday/opens_at/closes_at, valid_from/valid_to) become RRULE
slots in Europe/Berlin. Incremental by the services' ``last_modified`` (``modified_after`` with a
watermark, see `connectors.json_api`); a record is a whole service, its revision that time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from time import time_ns
from typing import Any, Literal

from pydantic import Field, model_validator

from connectors.base import ConfigPath, ConnectorConfig, Event, Position, SourceConnector, SourceRecord
from connectors.errors import RecordError
from connectors.identity import mark_duplicate_keys
from connectors.json_api import BERLIN, Change, JsonSource, Paging, changed_records, micros, parse_time, since
from connectors.lenient import validate_leniently
from connectors.removals import pack_ids, removal_events, removal_records, track, unpack_ids
from schemas import Offer, entity_id, map_free_text
from schemas._types import Ags, CategoryCode
from schemas.parts import OrganisationKind

_STATUS = {"active": "active", "inactive": "ended", "defunct": "ended", "temporarily closed": "paused"}
_RULE_PARTS = ("interval", "byday", "bymonthday", "byweekno", "byyearday", "wkst", "count")


class HsdsConfig(ConnectorConfig):
    kind: Literal["hsds"]
    url: str | None = Field(None, description="API base (http(s) or file://), e.g. https://host/hsds")
    path: ConfigPath | None = Field(None, description="folder with services.json (organizations.json, locations.json)")
    headers: dict[str, str] = {}
    page_size: int = Field(100, ge=1, le=1000)
    modified_field: str = "last_modified"
    services_endpoint: str = Field("services", description="the list of services")
    full_service_endpoint: str = Field("services/{id}", description="one full service; '' never fetches")
    complete_listing: bool = Field(False, description="read the whole list every poll, so services gone end")
    removal_grace_s: float = Field(0.0, ge=0, description="with complete_listing: end an offer this long after it left")
    ags: Ags
    district: str | None = Field(None, description="district when the postcode map does not know the location")
    districts_by_postcode: dict[str, str] = {}
    category_map: dict[str, CategoryCode] = Field({}, description="taxonomy term code/name or service name -> category")
    organisation_kinds: dict[str, OrganisationKind] = Field({}, description="organization id or name -> kind")
    default_organisation_kind: OrganisationKind = "association"
    default_start: date = Field(date(2026, 1, 1), description="first day of a schedule that names none")

    @model_validator(mode="after")
    def _one_base(self) -> HsdsConfig:
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of 'url' and 'path'")
        return self


class HsdsConnector(SourceConnector[HsdsConfig]):
    """Services of one HSDS API, read page by page (``page``/``per_page``, ``total_pages``)."""

    config_model = HsdsConfig

    def open(self) -> None:
        self._source = JsonSource(self.config.url, self.config.path, self.config.headers)
        self._paging = Paging(style="page", size_param="per_page", size=self.config.page_size,
                              total_pages_path="total_pages")
        self._source.open()

    def close(self) -> None:
        self._source.close()

    def poll(self, position: Position) -> Iterator[SourceRecord]:
        partition = {"hsds": self._source.name}
        stored = position.offset_of(partition)
        complete = self.config.complete_listing
        incremental = {"modified_after": m} if (m := since(stored)) and not complete else {}
        read = self._source.items(self.config.services_endpoint, "contents", self._paging,
                                  {"full_service": "true"} | incremental, None if complete else stored)
        if read is None:
            return  # 304: nothing changed since the watermark
        services, validators = read
        index: dict[str, dict[str, dict[str, Any]]] = {}
        changes = [Change(str(s.get("id", "")), parse_time(s.get(self.config.modified_field)), s)
                   for s in services if isinstance(s, dict)]
        records = list(changed_records(partition, changes, stored, validators, lambda s: self._joined(s, index)))
        records = mark_duplicate_keys(records, lambda s: str(s.get("id")) if isinstance(s, dict) else None)
        if not complete or not changes:  # an empty listing is taken for a failed answer: it ends nothing
            yield from records
            return
        yield from self._with_removals(partition, stored, records, {c.id for c in changes if c.id})

    def _with_removals(self, partition: dict[str, Any], stored: dict[str, Any] | None, records: list[SourceRecord],
                       listed: set[str]) -> Iterator[SourceRecord]:
        """The records with the removal state in their offsets, then the offers of services gone (connectors.removals)."""
        now_us = time_ns() // 1000
        known = dict((stored or {}).get("services") or {})
        for record in records:
            if record.error is None and isinstance(record.value, dict) and record.value.get("id"):
                known[str(record.value["id"])] = pack_ids(self._offer_ids(record.value))
        known = {sid: packed for sid, packed in known.items() if sid in listed}
        present = {eid for packed in known.values() for eid in unpack_ids(packed)}
        state, due = track(stored, present, now_us, self.config.removal_grace_s)
        state["services"] = known
        out = [replace(r, offset={**r.offset, **state}) for r in records]
        yield from out
        base = out[-1].offset if out else {**(stored or {}), **state}
        yield from removal_records(partition, base, due, "offer", state.get("ended_at", now_us))

    def _offer_ids(self, service: dict[str, Any]) -> list[str]:
        sid, source = str(service["id"]), self.config.source
        sals = [sal for sal in service.get("service_at_locations") or [] if isinstance(sal, dict)]
        return [entity_id(source, f"{sid}@{sal.get('id')}") for sal in sals] or [entity_id(source, sid)]

    def _full(self, service: dict[str, Any]) -> dict[str, Any]:
        """The full service when the list gave a summary (no ``service_at_locations``)."""
        endpoint = self.config.full_service_endpoint
        if "service_at_locations" in service or not endpoint or not service.get("id"):
            return service
        full = self._source.get(endpoint.replace("{id}", str(service["id"]))).json()
        return full if isinstance(full, dict) and str(full.get("id")) == str(service["id"]) else service

    def _joined(self, service: dict[str, Any], index: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
        # list responses may carry ids only; the joined copy keeps `normalise` free of I/O
        service = self._full(service)
        def lookup(endpoint: str, key: Any) -> dict[str, Any] | None:
            if endpoint not in index:
                found = self._source.items(endpoint, "contents", self._paging)
                index[endpoint] = {str(o.get("id")): o for o in (found[0] if found else []) if isinstance(o, dict)}
            return index[endpoint].get(str(key))

        joined = dict(service)
        if not joined.get("organization") and joined.get("organization_id"):
            joined["organization"] = lookup("organizations", joined["organization_id"])
        joined["service_at_locations"] = [
            sal if sal.get("location") or not sal.get("location_id") else {**sal, "location": lookup("locations", sal["location_id"])}
            for sal in joined.get("service_at_locations") or [] if isinstance(sal, dict)]
        return joined

    def normalise(self, record: SourceRecord) -> list[Event]:
        if (ended := removal_events(self.config.source, record)) is not None:
            return ended
        service, cfg = record.value, self.config
        modified = parse_time(service.get(cfg.modified_field))
        if not service.get("id") or modified is None:
            raise RecordError.single("id" if not service.get("id") else cfg.modified_field, "missing or unreadable")
        org = service.get("organization") or {}
        kind = cfg.organisation_kinds.get(str(org.get("id"))) or cfg.organisation_kinds.get(org.get("name", ""))
        phones = [str(p.get("number")).strip().strip('"\'') for p in (service.get("phones") or org.get("phones") or [])
                  if p.get("number")]
        base = {
            "source": cfg.source, "revision": micros(modified), "occurred_at": modified,
            "title": service.get("name") or "", "description": service.get("description") or "",
            "category": self._category(service),
            "organisation": {"name": org.get("name") or "", "kind": kind or cfg.default_organisation_kind},
            "contact": {"email": service.get("email") or org.get("email"), "url": service.get("url") or org.get("website"),
                        "phone": phones[0] if phones else None},
            "languages": [str(lang.get("code")).lower() for lang in service.get("languages") or []
                          if len(str(lang.get("code") or "")) == 2],
            "status": _STATUS.get(str(service.get("status", "active")).lower(), "active"),
        }
        targets = [(f"{service['id']}@{sal.get('id')}", sal.get("location") or {}, sal.get("schedules") or [])
                   for sal in service["service_at_locations"]] or [(str(service["id"]), {}, [])]
        offers = []
        for record_id, location, own_schedules in targets:
            schedules = own_schedules or [s for s in service.get("schedules") or []
                                          if s.get("location_id") in (None, location.get("id"))]
            offers.append(self._offer(record_id, base, location, schedules))
        return offers

    def _offer(self, record_id: str, base: dict[str, Any], location: dict[str, Any], schedules: list[Any]) -> Offer:
        addresses = sorted(location.get("addresses") or [], key=lambda a: a.get("address_type") != "physical")
        address = addresses[0] if addresses else {}
        district = self.config.districts_by_postcode.get(address.get("postal_code", ""), self.config.district)
        rules, notes = [], []
        for i, schedule in enumerate(schedules):
            try:
                if rule := self._slot(schedule):
                    rules.append(rule)
            except ValueError as exc:  # an unreadable date or time makes no rule: dropped with a note
                notes.append({"field": f"schedules[{i}]", "code": "dropped_invalid",
                              "reason": f"unreadable date or time ({exc})"[:500],
                              "value_shown": str(schedule.get("opens_at") or "")[:80]})
        starts = [s.get("valid_from") for s in schedules if s.get("valid_from")]
        ends = [s.get("valid_to") for s in schedules if s.get("valid_to")]
        data = {**base, "id": entity_id(self.config.source, record_id), "source_record_id": record_id,
                "area": {"ags": self.config.ags, "districts": [district] if district else []},
                "location": {"name": location.get("name"), "street": address.get("address_1"), "postcode": address.get("postal_code"),
                             "city": address.get("city"), "lat": location.get("latitude"),
                             "lon": location.get("longitude")} if location else None,
                "schedule": {"rules": rules} if rules else None, "quality": notes,
                "valid_from": f"{min(starts)}T00:00:00" if starts else None,
                "valid_until": f"{max(ends)}T23:59:59" if ends and len(ends) == len(schedules) else None}
        return validate_leniently(Offer, data)  # type: ignore[return-value]

    def _category(self, service: dict[str, Any]) -> str:
        terms = [a.get("taxonomy_term") or {} for a in service.get("attributes") or []]
        names = [str(t[k]) for t in terms for k in ("code", "name") if t.get(k)]
        folded = {k.casefold(): v for k, v in self.config.category_map.items()}
        for text in [*names, service.get("name") or ""]:
            if code := folded.get(text.casefold()):
                return code
        for text in [*(str(t.get("name")) for t in terms if t.get("name")), service.get("name") or ""]:
            if code := map_free_text(text):
                return code
        field = "attributes[].taxonomy_term" if names else "name"
        raise RecordError.single(field, "no category of the taxonomy found; add it to `category_map`",
                                 ", ".join(names or [service.get("name") or ""])[:60])

    def _slot(self, schedule: dict[str, Any]) -> dict[str, Any] | None:
        """The RRULE slot of an HSDS schedule; None for a schedule in words only; ValueError when unreadable."""
        freq, opens, closes = schedule.get("freq"), schedule.get("opens_at"), schedule.get("closes_at")
        if not freq or not opens:
            return None  # a schedule given as text only (``description``) carries no rule
        first = date.fromisoformat(str(schedule.get("dtstart") or schedule.get("valid_from") or self.config.default_start)[:10])
        start = datetime.combine(first, time.fromisoformat(str(opens)[:5]), BERLIN)
        end = datetime.combine(first, time.fromisoformat(str(closes or opens)[:5]), BERLIN)
        until = schedule.get("until") or schedule.get("valid_to")
        last = datetime.combine(date.fromisoformat(str(until)[:10]), time(23, 59, 59), BERLIN) if until else None
        parts = [f"FREQ={str(freq).upper()}"] + [f"{k.upper()}={schedule[k]}" for k in _RULE_PARTS if schedule.get(k)]
        if last and not schedule.get("count"):
            parts.append(f"UNTIL={last.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}")
        minutes = int(((end - start) % timedelta(days=1)).total_seconds() // 60) or 24 * 60
        return {"rrule": ";".join(parts), "dtstart": start, "duration_minutes": minutes}
