"""Column mapping: a table row (column -> text) to a Need or Offer, with value maps and defaults.

Shared by the spreadsheet, HXL and JSON REST connectors. `columns` names the source of each canonical
field (dotted: ``area.ags``) as a *column reference*: a header name in CSV/XLSX, an HXL tag pattern or
a header name in HXL, a path in JSON. A field's source is one reference, a list of alternatives (the
first that the file has is used) or ``{join: [refs], sep: " "}`` (street and house number).
`values` translates source vocabulary, `defaults` fill gaps, `record_id` is the record key: one
reference or a list of them (see `connectors.identity`).

Merge rule: a kind's built-in `columns`, `values` and `defaults` are extended by the config, not
replaced. Per field, the config's entry wins; ``null`` removes a built-in entry; `values` merge per
field and source value.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from connectors.ags_lookup import AgsLookup
from connectors.base import Event
from connectors.cells import (
    Decimal,
    ags_with_its_leading_zero,
    formula_problem,
    parse_coordinate,
    parse_date,
    parse_int,
    parse_number,
    split_list,
)
from connectors.errors import Problem, RecordError
from connectors.identity import key_from_parts
from connectors.lenient import validate_leniently
from schemas import Need, Offer, category_codes, entity_id, map_free_text

_COMMON = {"title", "description", "category", "status", "languages", "target_groups", "occurred_at",
           "location.name", "location.street", "location.postcode", "location.city", "location.lat", "location.lon",
           "schedule.rrule", "schedule.dtstart", "schedule.duration_minutes"}
FIELDS: dict[str, set[str]] = {
    "need": _COMMON | {"quantity", "unit", "urgency", "area.ags", "area.district", "needed_from",
                       "needed_until", "requires", "owner"},
    "offer": _COMMON | {"organisation.name", "organisation.kind", "area.ags", "area.districts", "capacity",
                        "contact.email", "contact.phone", "contact.url", "valid_from", "valid_until"},
}
_DATES = {"occurred_at", "needed_from", "needed_until", "valid_from", "valid_until", "schedule.dtstart"}
_INTS = {"quantity", "capacity", "schedule.duration_minutes"}
_COORDINATES = {"location.lat", "location.lon"}
_LISTS = {"languages", "target_groups", "requires", "area.districts"}
_MODELS: dict[str, type[Need] | type[Offer]] = {"need": Need, "offer": Offer}
_EMAIL_INSIDE = re.compile(r"[^\s@\"'\[\](),;<>]+@[^\s@\"'\[\](),;<>]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class TableRow:
    """One row of a file as `normalise` reads it: text per column reference, and the file's decimal mark."""

    cells: dict[str, str]
    decimal: Decimal = ","


WHOLE_ROW = "*"
"""`record_id: "*"`: the key is a hash of every cell of the row (no id column; any change is a new record)."""


def whole_row_key(cells: Sequence[str]) -> str:
    return "row-" + hashlib.sha256("\x1f".join(c.strip() for c in cells).encode()).hexdigest()[:32]


def resolve_row(references: Sequence[str], found: Mapping[str, int], cells: Sequence[str],
                decimal: Decimal) -> TableRow:
    """A `TableRow` of the references `found` in the file (reference -> column index)."""
    values = {ref: (cells[i] if i < len(cells) else "") for ref, i in found.items()}
    if WHOLE_ROW in references:
        values[WHOLE_ROW] = whole_row_key(cells)
    return TableRow(values, decimal)


class Join(BaseModel):
    """Several columns joined into one field: ``{join: [Straße, Hausnummer], sep: " "}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    join: list[str] = Field(min_length=1)
    sep: str = " "


ColumnSpec = str | list[str] | Join
"""A field's source: one column reference, alternatives (first present wins), or a join."""


def spec_references(spec: ColumnSpec) -> list[str]:
    """Every column reference a spec reads."""
    if isinstance(spec, Join):
        return list(spec.join)
    return [spec] if isinstance(spec, str) else list(spec)


def _merged(builtin: Mapping[str, Any], given: Any, nested: bool = False) -> Any:
    if not isinstance(given, Mapping):
        return given  # not a mapping: validation names the key
    out = dict(builtin)
    for key, value in given.items():
        if value is None:
            out.pop(key, None)
        elif nested and isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


class FieldMapping(BaseModel):
    """Config keys of a mapped table: which entity a row is, its record key, where its fields are."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # a kind's built-ins, extended by the config (see the module docstring)
    builtin_columns: ClassVar[Mapping[str, ColumnSpec]] = {}
    builtin_values: ClassVar[Mapping[str, Mapping[str, str]]] = {}
    builtin_defaults: ClassVar[Mapping[str, Any]] = {}

    entity: Literal["need", "offer"]
    record_id: str | list[str] = Field(description="record key: a column reference, or several combined")
    columns: dict[str, ColumnSpec] = {}
    values: dict[str, dict[str, str]] = {}
    defaults: dict[str, Any] = {}
    decimal: Decimal | None = Field(None, description="decimal mark; default: ',' in a ';' file, else '.'")
    ags_lookup: AgsLookup | None = Field(None, description="AGS per row from a municipality name or postcode")

    @model_validator(mode="before")
    @classmethod
    def _extend_builtins(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        data = dict(data)
        data["columns"] = _merged(cls.builtin_columns, data.get("columns") or {})
        data["values"] = _merged(cls.builtin_values, data.get("values") or {}, nested=True)
        data["defaults"] = _merged(cls.builtin_defaults, data.get("defaults") or {})
        return data

    @field_validator("columns", "values", "defaults")
    @classmethod
    def _known_fields(cls, value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        known = FIELDS.get(info.data.get("entity", ""), set())
        unknown = sorted(set(value) - known)
        if known and unknown:
            raise ValueError(f"unknown field {unknown[0]!r} for a {info.data['entity']}; known: {', '.join(sorted(known))}")
        return value

    def key_references(self) -> list[str]:
        return [self.record_id] if isinstance(self.record_id, str) else list(self.record_id)

    def references(self) -> list[str]:
        """Every column reference the mapping reads, record key and AGS lookup included, in order."""
        refs = [r for spec in self.columns.values() for r in spec_references(spec)] + self.key_references()
        if self.ags_lookup:
            refs.append(self.ags_lookup.column)
        return list(dict.fromkeys(refs))


def check_columns(mapping: FieldMapping, found: Mapping[str, int], columns: Sequence[str]) -> list[str]:
    """The fields whose columns the file lacks (for preview); `RecordError` when a record key column is missing.

    A missing key column would give every row an empty or shared key: the file is refused, naming it.
    """
    for ref in mapping.key_references():
        if ref != WHOLE_ROW and ref not in found:
            shown = "".join(ch if ch.isprintable() else "?" for ch in ", ".join(c for c in columns if c.strip()))[:300]
            raise RecordError.single(ref, f"record key column {ref!r} is not in the file; its columns: {shown}")
    missing = []
    for field, spec in mapping.columns.items():
        refs = spec_references(spec)
        if isinstance(spec, Join) and any(r not in found for r in refs):
            missing.append(f"{field} ({', '.join(r for r in refs if r not in found)})")
        elif not isinstance(spec, Join) and not any(r in found for r in refs):
            missing.append(f"{field} ({' | '.join(refs)})")
    return missing


def record_key(mapping: FieldMapping, row: Mapping[str, str]) -> str | None:
    """The record key of a row; None when every part of it is empty."""
    parts = [(row.get(ref) or "").strip() for ref in mapping.key_references()]
    return key_from_parts(parts) if any(parts) else None


def _cell(spec: ColumnSpec, row: Mapping[str, str]) -> tuple[str, str]:
    """The text of a field in a row and the reference(s) it came from."""
    if isinstance(spec, Join):
        parts = [(row.get(ref) or "").strip() for ref in spec.join]
        return spec.sep.join(p for p in parts if p), "+".join(spec.join)
    for ref in spec_references(spec):
        if ref in row:
            return (row.get(ref) or "").strip(), ref
    return "", spec_references(spec)[0]


def row_to_event(mapping: FieldMapping, source: str, row: Mapping[str, str], revision: int,
                 decimal: Decimal = ",") -> Event:
    """The event of one row; `RecordError` naming field and column when a required field does not fit.

    `row` holds the text of each column reference the file has; `decimal` is the file's decimal mark
    (the mapping's own `decimal` wins). Bad optional values are dropped with a note (`connectors.lenient`).
    """
    decimal = mapping.decimal or decimal
    problems: list[Problem] = []
    record_id = record_key(mapping, row)
    if record_id is None:
        problems.append(Problem(", ".join(mapping.key_references()), "the record key column is empty"))
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for field, spec in mapping.columns.items():
        raw, ref = _cell(spec, row)
        if not raw:
            continue
        if problem := formula_problem(ref, raw):
            problems.append(Problem(field, f"{problem.reason} [column {ref!r}]", problem.value_shown))
            continue
        data[field], sources[field] = _convert(field, raw, mapping.values.get(field, {}), decimal), ref
    if problems:
        raise RecordError(problems)
    if "area.ags" not in data and mapping.ags_lookup:
        if ags := mapping.ags_lookup.find((row.get(mapping.ags_lookup.column) or "").strip()):
            data["area.ags"], sources["area.ags"] = ags, mapping.ags_lookup.column
    for field, value in mapping.defaults.items():
        data.setdefault(field, value)
    # without a time column, "when it happened" is when the source wrote this revision
    data.setdefault("occurred_at", datetime.fromtimestamp(revision / 1_000_000, tz=timezone.utc))
    nested = _nest(data)
    nested.update(id=entity_id(source, record_id or ""), source=source, source_record_id=record_id, revision=revision)
    return validate_leniently(_MODELS[mapping.entity], nested, lambda path: _column_of(path, sources))


def _lookup(value_map: Mapping[str, str], raw: str) -> str:
    if raw in value_map:
        return value_map[raw]
    folded = {k.casefold(): v for k, v in value_map.items()}
    return folded.get(raw.casefold(), raw)


def _convert(field: str, raw: str, value_map: Mapping[str, str], decimal: Decimal) -> Any:
    if field in _LISTS:
        return [_lookup(value_map, item) for item in split_list(raw)]
    value = _lookup(value_map, raw)
    if field == "category" and value not in category_codes():
        return map_free_text(value) or value  # unknown stays as it is: validation names it
    if field in _DATES:
        return parse_date(value)
    if field in _INTS:
        return parse_int(value, decimal)
    if field in _COORDINATES:
        return parse_coordinate(value)  # never a thousands separator (see connectors.cells)
    if field == "location.postcode" and value.isdigit() and len(value) == 4:
        return "0" + value  # a spreadsheet that read "01067" as a number
    if field == "area.ags" and (ags := ags_with_its_leading_zero(value)):
        return ags  # the same for "06611000", Kassel
    if field == "contact.url":
        return normalise_url(value)
    if field == "contact.phone":
        return value.strip('"\'')  # a number exported with its quotes
    if field == "contact.email" and len(found := _EMAIL_INSIDE.findall(value)) == 1 and found[0] != value:
        return found[0]  # one address wrapped in list syntax or quotes: ["info@verein.de"]
    return value


def normalise_url(value: str) -> str:
    """``www.verein.de`` -> ``https://www.verein.de``; ``http:// www.x.org`` -> ``http://www.x.org``."""
    text = re.sub(r"^(https?://)\s+", r"\1", value.strip(), flags=re.IGNORECASE)
    if not re.match(r"^https?://", text, re.IGNORECASE) and re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", text):
        return "https://" + text
    return text


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


def _column_of(path: str, sources: Mapping[str, str]) -> str:
    field = path.replace("schedule.rules[0].", "schedule.").split("[")[0]
    return f" [column {sources[field]!r}]" if field in sources else ""


__all__ = ["FIELDS", "ColumnSpec", "FieldMapping", "Join", "parse_number", "record_key", "row_to_event",
           "spec_references", "TableRow", "WHOLE_ROW", "resolve_row", "check_columns"]
