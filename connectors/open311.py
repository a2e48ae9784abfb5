"""Open311 GeoReport v2 citizen-request portals: open requests -> needs, closed requests -> status "closed".

Citizens write the descriptions, so personal data is likely: the Need model's privacy guard
rejects it and the request is dead-lettered with the field named, never passed on. Incremental by
``updated_datetime`` (sent as ``start_date``, or the parameter a server offers, e.g. ``updated_after``);
the revision is that time in epoch microseconds, so a re-opened or edited request is a new revision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from connectors.base import ConfigPath, ConnectorConfig, Event, Position, SourceConnector, SourceRecord
from connectors.errors import RecordError
from connectors.json_api import Change, JsonSource, Paging, changed_records, micros, parse_time, since
from connectors.lenient import validate_leniently
from schemas import Need, StatusUpdate, entity_id
from schemas._types import Ags, CategoryCode
from schemas.need import Unit, Urgency

_POSTCODE_CITY = re.compile(r"\b(\d{5})\b\s*([^,\d][^,]*)?")


class ServiceMapping(BaseModel):
    """What one Open311 service code means in the taxonomy."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    category: CategoryCode
    urgency: Urgency = "normal"
    unit: Unit = "slots"
    quantity: int = Field(1, ge=0)


class Open311Config(ConnectorConfig):
    kind: Literal["open311"]
    url: str | None = Field(None, description="GeoReport v2 base (http(s) or file://), e.g. https://host/georeport/v2")
    path: ConfigPath | None = Field(None, description="folder with requests.json")
    headers: dict[str, str] = {}
    jurisdiction_id: str | None = None
    since_param: str = Field("start_date", description="query parameter taking the watermark time")
    paging: Paging = Paging()
    services: dict[str, ServiceMapping] = Field(description="service_code -> category, urgency, unit, quantity")
    ags: Ags
    district: str | None = None
    districts_by_postcode: dict[str, str] = {}

    @model_validator(mode="after")
    def _one_base(self) -> Open311Config:
        if (self.url is None) == (self.path is None):
            raise ValueError("give exactly one of 'url' and 'path'")
        return self


class Open311Connector(SourceConnector[Open311Config]):
    """``GET requests.json`` of one jurisdiction; a record is one service request."""

    config_model = Open311Config

    def open(self) -> None:
        self._source = JsonSource(self.config.url, self.config.path, self.config.headers)
        self._source.open()

    def close(self) -> None:
        self._source.close()

    def poll(self, position: Position) -> Iterator[SourceRecord]:
        partition = {"open311": self._source.name}
        stored = position.offset_of(partition)
        params = {"jurisdiction_id": self.config.jurisdiction_id} if self.config.jurisdiction_id else {}
        if moment := since(stored):
            params[self.config.since_param] = moment
        read = self._source.items("requests.json", "", self.config.paging, params, stored)
        if read is None:
            return
        requests, validators = read
        changes = [Change(str(r.get("service_request_id", "")), _updated(r), r) for r in requests if isinstance(r, dict)]
        yield from changed_records(partition, changes, stored, validators)

    def normalise(self, record: SourceRecord) -> list[Event]:
        request, cfg = record.value, self.config
        request_id, updated = str(request.get("service_request_id") or ""), _updated(request)
        if not request_id or updated is None:
            raise RecordError.single("service_request_id" if not request_id else "updated_datetime", "missing or unreadable")
        code = str(request.get("service_code") or "")
        service = cfg.services.get(code)
        if service is None:
            raise RecordError.single("service_code", "no category configured for this service code; add it to "
                                     "`services`", f"{code} ({request.get('service_name') or ''})")
        need_id = entity_id(cfg.source, request_id)
        common = {"source": cfg.source, "revision": micros(updated), "occurred_at": updated}
        if str(request.get("status", "open")).lower() == "closed":
            return [_validated(StatusUpdate, {
                **common, "id": entity_id(cfg.source, f"{request_id}#status"), "source_record_id": f"{request_id}#status",
                "entity_id": need_id, "entity_kind": "need", "new_status": "closed",
                "reason": "request closed in the Open311 portal"})]
        description = str(request.get("description") or "").strip()
        address = str(request.get("address") or "").strip()
        found = _POSTCODE_CITY.search(address)
        postcode = str(request.get("zipcode") or "") or (found.group(1) if found else "")
        district = cfg.districts_by_postcode.get(postcode, cfg.district)
        return [_validated(Need, {
            **common, "id": need_id, "source_record_id": request_id,
            "title": _title(description) or request.get("service_name") or code, "description": description,
            "category": service.category, "quantity": service.quantity, "unit": service.unit,
            "urgency": service.urgency, "area": {"ags": cfg.ags, "district": district},
            "location": {"street": address.split(",")[0].strip() or None, "postcode": postcode or None,
                         "city": (found.group(2) or "").strip() or None if found else None,
                         "lat": request.get("lat"), "lon": request.get("long")} if address or request.get("lat") else None,
            "owner": request.get("agency_responsible") or None})]


def _updated(request: dict[str, Any]) -> Any:
    return parse_time(request.get("updated_datetime")) or parse_time(request.get("requested_datetime"))


def _title(description: str) -> str:
    first = description.splitlines()[0] if description else ""
    return first if len(first) <= 120 else first[:119].rsplit(" ", 1)[0] + "…"


def _validated(model: type[Need] | type[StatusUpdate], data: dict[str, Any]) -> Need | StatusUpdate:
    # a bad optional value (coordinates, postcode) is dropped with a note; personal data still refuses
    return validate_leniently(model, data)  # type: ignore[return-value]
