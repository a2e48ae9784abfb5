"""HXL 3W (who does what where) sheets: HXL-tagged CSV rows become offers.

The hashtag row may be any of the first 25 rows (titles and German headers above it are skipped).
A column pattern ``#org+name`` matches a column whose tag is ``#org`` with at least the attribute
``+name`` (HXL's rule); unknown tags are ignored, missing required ones dead-letter the file, naming
the tag. Without an id column, a row's record id is derived from organisation, sector, activity
and district, so the same activity keeps its entity across exports.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import Field

from connectors.base import Event, SourceRecord
from connectors.cells import csv_rows, decode
from connectors.errors import RecordError
from connectors.files import FileSource, FolderConfig, Row
from connectors.mapping import FieldMapping, row_to_event

TAG_ROW_SEARCH = 25
_DERIVED_ID = "#x_koordinate+id"

DEFAULT_COLUMNS = {
    "organisation.name": "#org+name",
    "organisation.kind": "#org+type",
    "category": "#sector",
    "title": "#activity+name",
    "description": "#description",
    "area.ags": "#adm2+code",
    "area.districts": "#adm3+name",
    "status": "#status",
    "capacity": "#targeted",
    "contact.email": "#contact+email",
    "contact.phone": "#contact+phone",
    "contact.url": "#contact+url",
    "valid_from": "#date+start",
    "valid_until": "#date+end",
}
DEFAULT_VALUES = {
    "status": {"ongoing": "active", "laufend": "active", "aktiv": "active", "planned": "paused",
               "geplant": "paused", "pausiert": "paused", "completed": "ended", "beendet": "ended", "voll": "full"},
    "organisation.kind": {"ngo": "association", "verein": "association", "initiative": "initiative",
                          "kommune": "municipal", "government": "municipal", "kirche": "church",
                          "faith-based": "church", "private": "company", "unternehmen": "company"},
}


class HxlConfig(FolderConfig, FieldMapping):
    kind: Literal["hxl"]
    pattern: str = "*.csv"
    entity: Literal["offer"] = "offer"
    record_id: str = Field(_DERIVED_ID, description="tag of an id column; default: derived from the row")
    columns: dict[str, str] = DEFAULT_COLUMNS
    values: dict[str, dict[str, str]] = DEFAULT_VALUES
    defaults: dict[str, object] = {"organisation.kind": "initiative"}  # a 3W row without #org+type
    required_tags: list[str] = ["#org+name", "#sector", "#adm2+code"]


def parse_tag(text: str) -> tuple[str, frozenset[str]] | None:
    """``"#org +name"`` -> ``("org", {"name"})``; None when the cell is not a hashtag spec."""
    text = text.strip().lower().replace(" ", "")
    if not text.startswith("#") or len(text) < 2:
        return None
    tag, *attributes = text[1:].split("+")
    return (tag, frozenset(a for a in attributes if a)) if tag else None


def find_tag_row(rows: list[list[str]]) -> int | None:
    """Index of the hashtag row among the first rows: most of its filled cells are HXL tags."""
    for index, cells in enumerate(rows[:TAG_ROW_SEARCH]):
        filled = [c for c in cells if c.strip()]
        if filled and sum(parse_tag(c) is not None for c in filled) * 2 > len(filled):
            return index
    return None


def match_columns(tags: list[str], patterns: list[str]) -> dict[str, int]:
    """Pattern -> index of the first column it matches (tag equal, pattern attributes a subset)."""
    parsed = [parse_tag(t) for t in tags]
    found: dict[str, int] = {}
    for pattern in patterns:
        want = parse_tag(pattern)
        for index, have in enumerate(parsed):
            if want and have and have[0] == want[0] and want[1] <= have[1]:
                found[pattern] = index
                break
    return found


class HxlConnector(FileSource[HxlConfig]):
    """HXL-tagged CSV files of a drop folder, one offer per row."""

    config_model = HxlConfig

    def read_rows(self, path: Path, data: bytes) -> list[Row]:
        text, encoding = decode(data)
        table = csv_rows(text, encoding)
        tag_index = find_tag_row([cells for _, cells in table])
        if tag_index is None:
            raise RecordError.single("", f"no HXL hashtag row in the first {TAG_ROW_SEARCH} rows")
        tags = table[tag_index][1]
        patterns = [*self.config.columns.values(), *self.config.required_tags, self.config.record_id]
        columns = match_columns(tags, patterns)
        missing = [tag for tag in self.config.required_tags if tag not in columns]
        if missing:
            raise RecordError.single(missing[0], f"required HXL tag missing: {', '.join(missing)}")
        rows: list[Row] = []
        for payload, cells in table[tag_index + 1:]:
            if not any(c.strip() for c in cells):
                continue
            value = {p: cells[i] if i < len(cells) else "" for p, i in columns.items()}
            value.setdefault(_DERIVED_ID, _derived_id(value))
            rows.append((payload, value, None))
        return rows

    def normalise(self, record: SourceRecord) -> list[Event]:
        return [row_to_event(self.config, self.config.source, record.value, record.offset["revision"])]


def _derived_id(value: dict[str, str]) -> str:
    parts = [value.get(t, "").strip().casefold() for t in ("#org+name", "#sector", "#activity+name", "#adm3+name")]
    return "hxl-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
