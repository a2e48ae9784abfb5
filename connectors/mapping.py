"""Column mapping: a table row (column -> text) to a Need or Offer, with value maps and defaults.

Shared by the spreadsheet and HXL connectors: `columns` names the source column (or HXL tag) of each
canonical field (dotted: ``area.ags``), `values` translates source vocabulary, `defaults` fill gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from connectors.base import Event
from connectors.cells import formula_problem, parse_date, parse_int, parse_number, split_list
from connectors.errors import Problem, RecordError
from schemas import Need, Offer, category_codes, describe_validation_error, entity_id, map_free_text

_COMMON = {"title", "description", "category", "status", "languages", "target_groups", "occurred_at",
           "location.street", "location.postcode", "location.city", "location.lat", "location.lon",
           "schedule.rrule", "schedule.dtstart", "schedule.duration_minutes"}
FIELDS: dict[str, set[str]] = {
    "need": _COMMON | {"quantity", "unit", "urgency", "area.ags", "area.district", "needed_from",
                       "needed_until", "requires", "owner"},
    "offer": _COMMON | {"organisation.name", "organisation.kind", "area.ags", "area.districts", "capacity",
                        "contact.email", "contact.phone", "contact.url", "valid_from", "valid_until"},
}
_DATES = {"occurred_at", "needed_from", "needed_until", "valid_from", "valid_until", "schedule.dtstart"}
_INTS = {"quantity", "capacity", "schedule.duration_minutes"}
_FLOATS = {"location.lat", "location.lon"}
_LISTS = {"languages", "target_groups", "requires", "area.districts"}
_MODELS: dict[str, type[Need] | type[Offer]] = {"need": Need, "offer": Offer}


class FieldMapping(BaseModel):
    """Config keys of a mapped table: which entity a row is, where its id and fields are."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entity: Literal["need", "offer"]
    record_id: str
    columns: dict[str, str]
    values: dict[str, dict[str, str]] = {}
    defaults: dict[str, Any] = {}

    @field_validator("columns", "values", "defaults")
    @classmethod
    def _known_fields(cls, value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        known = FIELDS.get(info.data.get("entity", ""), set())
        unknown = sorted(set(value) - known)
        if known and unknown:
            raise ValueError(f"unknown field {unknown[0]!r} for a {info.data['entity']}; known: {', '.join(sorted(known))}")
        return value


def row_to_event(mapping: FieldMapping, source: str, row: Mapping[str, str], revision: int) -> Event:
    """The event of one row; `RecordError` naming field and column when the row does not fit the model."""
    problems: list[Problem] = []
    record_id = (row.get(mapping.record_id) or "").strip()
    if not record_id:
        problems.append(Problem(mapping.record_id, "the record id column is empty"))
    data: dict[str, Any] = {}
    for field, column in mapping.columns.items():
        raw = (row.get(column) or "").strip()
        if not raw:
            continue
        if problem := formula_problem(column, raw):
            problems.append(Problem(field, f"{problem.reason} [column {column!r}]", problem.value_shown))
            continue
        data[field] = _convert(field, raw, mapping.values.get(field, {}))
    if problems:
        raise RecordError(problems)
    for field, value in mapping.defaults.items():
        data.setdefault(field, value)
    # without a time column, "when it happened" is when the source wrote this revision
    data.setdefault("occurred_at", datetime.fromtimestamp(revision / 1_000_000, tz=timezone.utc))
    nested = _nest(data)
    nested.update(id=entity_id(source, record_id), source=source, source_record_id=record_id, revision=revision)
    try:
        return _MODELS[mapping.entity].model_validate(nested)
    except ValidationError as exc:
        columns = mapping.columns
        raise RecordError(
            [Problem(p.path, p.reason + _column_of(p.path, columns), p.value_shown) for p in describe_validation_error(exc)],
            cause_class="pydantic_core.ValidationError",
        ) from None


def _lookup(value_map: Mapping[str, str], raw: str) -> str:
    if raw in value_map:
        return value_map[raw]
    folded = {k.casefold(): v for k, v in value_map.items()}
    return folded.get(raw.casefold(), raw)


def _convert(field: str, raw: str, value_map: Mapping[str, str]) -> Any:
    if field in _LISTS:
        return [_lookup(value_map, item) for item in split_list(raw)]
    value = _lookup(value_map, raw)
    if field == "category" and value not in category_codes():
        return map_free_text(value) or value  # unknown stays as it is: validation names it
    if field in _DATES:
        return parse_date(value)
    if field in _INTS:
        return parse_int(value)
    if field in _FLOATS:
        return parse_number(value)
    return value


def _nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    slot = {k.split(".", 1)[1]: v for k, v in flat.items() if k.startswith("schedule.")}
    if slot:  # one recurring slot per row: the common shape of a course list
        out["schedule"] = {"rules": [slot]}
    for key, value in flat.items():
        if key.startswith("schedule."):
            continue
        head, _, tail = key.partition(".")
        if tail:
            out.setdefault(head, {})[tail] = value
        else:
            out[head] = value
    return out


def _column_of(path: str, columns: Mapping[str, str]) -> str:
    field = path.replace("schedule.rules[0].", "schedule.").split("[")[0]
    return f" [column {columns[field]!r}]" if field in columns else ""
