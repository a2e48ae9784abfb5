"""HXL 3W (who does what where) sheets: HXL-tagged CSV rows become offers.

The hashtag row may be any of the first 25 rows (titles and headers above it are skipped); the row
just above it, if any, is the header row. A column reference is an HXL tag pattern or a header name:

- ``#org`` matches every column tagged ``#org``, whatever its attributes (``#org+name``, ``#org+impl``);
- ``+name`` narrows: the column must carry that attribute; ``-code`` narrows too: it must not;
- anything not starting with ``#`` is a header name (case and surrounding spaces forgiven), so
  columns without a tag can be mapped and used as the record key.

A field given a list of references takes the first that the file has. Unknown tags are ignored;
missing required ones dead-letter the file, naming the tag. The record key defaults to the whole row
(``record_id: "*"``): two rows differing in any cell are two offers, identical rows are duplicate keys.
Set `record_id` to an id column (tagged or not) or to several columns for ids that survive edits.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from connectors.cells import csv_table, decimal_for_delimiter, decode
from connectors.errors import RecordError
from connectors.files import FolderConfig, MappedRowSource, Row
from connectors.mapping import (
    WHOLE_ROW,
    ColumnSpec,
    FieldMapping,
    check_columns,
    resolve_row,
)
from connectors.words import OFFER_STATUS_WORDS, ORGANISATION_KIND_WORDS

TAG_ROW_SEARCH = 25

DEFAULT_COLUMNS: dict[str, ColumnSpec] = {
    "organisation.name": ["#org+name", "#org-type-code-id-acronym"],
    "organisation.kind": "#org+type",
    "category": ["#sector+name", "#sector-code", "#sector"],
    "title": ["#activity+name", "#activity-code-id", "#activity", "#sector+name", "#sector-code", "#sector"],
    "description": ["#description", "#activity+description"],
    "area.ags": "#adm2+code",
    "area.districts": ["#adm3+name", "#adm3-code"],
    "status": "#status",
    "capacity": "#targeted",
    "contact.email": "#contact+email",
    "contact.phone": "#contact+phone",
    "contact.url": "#contact+url",
    "location.name": "#loc+name",
    "location.lat": ["#geo+lat", "#lat_deg"],  # HXL 1.0-beta spelt coordinates #lat_deg/#lon_deg
    "location.lon": ["#geo+lon", "#lon_deg"],
    "valid_from": "#date+start",
    "valid_until": "#date+end",
}
DEFAULT_VALUES = {"status": OFFER_STATUS_WORDS, "organisation.kind": ORGANISATION_KIND_WORDS}


class HxlConfig(FolderConfig, FieldMapping):
    builtin_columns: ClassVar = DEFAULT_COLUMNS
    builtin_values: ClassVar = DEFAULT_VALUES
    builtin_defaults: ClassVar = {"organisation.kind": "initiative"}  # a 3W row without #org+type

    kind: Literal["hxl"]
    pattern: str = "*.csv"
    entity: Literal["offer"] = "offer"
    record_id: str | list[str] = WHOLE_ROW
    required_tags: list[str] = ["#org", "#sector"]


def parse_tag(text: str) -> tuple[str, frozenset[str]] | None:
    """``"#org +name"`` -> ``("org", {"name"})``; None when the cell is not a hashtag spec."""
    parsed = _parse_pattern(text)
    return (parsed[0], parsed[1]) if parsed else None


def _parse_pattern(text: str) -> tuple[str, frozenset[str], frozenset[str]] | None:
    """``"#org+name-code"`` -> ``("org", {"name"}, {"code"})``: tag, attributes required, excluded."""
    text = text.strip().lower().replace(" ", "")
    if not text.startswith("#") or len(text) < 2:
        return None
    head, *rest = text[1:].replace("-", "\x00-").replace("+", "\x00+").split("\x00")
    if not head:
        return None
    wanted = frozenset(p[1:] for p in rest if p.startswith("+") and len(p) > 1)
    unwanted = frozenset(p[1:] for p in rest if p.startswith("-") and len(p) > 1)
    return head, wanted, unwanted


def find_tag_row(rows: list[list[str]]) -> int | None:
    """Index of the hashtag row among the first rows: most of its filled cells are HXL tags."""
    for index, cells in enumerate(rows[:TAG_ROW_SEARCH]):
        filled = [c for c in cells if c.strip()]
        if filled and sum(parse_tag(c) is not None for c in filled) * 2 > len(filled):
            return index
    return None


def match_columns(tags: list[str], patterns: list[str], headers: list[str] | None = None) -> dict[str, int]:
    """Reference -> index of the first column it matches (HXL pattern rules; else a header name)."""
    parsed = [parse_tag(t) for t in tags]
    names = [h.strip().casefold() for h in headers or []]
    found: dict[str, int] = {}
    for pattern in patterns:
        want = _parse_pattern(pattern)
        if want is None:
            if pattern.strip().casefold() in names:
                found[pattern] = names.index(pattern.strip().casefold())
            continue
        for index, have in enumerate(parsed):
            if have and have[0] == want[0] and want[1] <= have[1] and not want[2] & have[1]:
                found[pattern] = index
                break
    return found


class HxlConnector(MappedRowSource[HxlConfig]):
    """HXL-tagged CSV files of a drop folder, one offer per row."""

    config_model = HxlConfig

    def read_rows(self, path: Path, data: bytes) -> list[Row]:
        text, encoding = decode(data)
        table, delimiter = csv_table(text, encoding)
        tag_index = find_tag_row([cells for _, cells in table])
        if tag_index is None:
            raise RecordError.single("", f"no HXL hashtag row in the first {TAG_ROW_SEARCH} rows")
        tags = table[tag_index][1]
        headers = table[tag_index - 1][1] if tag_index else []
        references = [*self.config.references(), *self.config.required_tags]
        columns = match_columns(tags, references, headers)
        missing = [tag for tag in self.config.required_tags if tag not in columns]
        if missing:
            raise RecordError.single(missing[0], f"required HXL tag missing: {', '.join(missing)}")
        labels = [f"{h.strip()} {t.strip()}".strip() for h, t in zip([*headers, *[""] * len(tags)], tags)]
        self.note_unmatched(check_columns(self.config, columns, labels))
        decimal = self.config.decimal or decimal_for_delimiter(delimiter)
        rows: list[Row] = []
        for payload, cells in table[tag_index + 1:]:
            if not any(c.strip() for c in cells):
                continue
            rows.append((payload, resolve_row(references, columns, cells, decimal), None))
        return rows
