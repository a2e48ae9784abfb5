"""CSV and XLSX exports of municipal spreadsheets and Fachverfahren, dropped in a folder, mapped by column.

CSV: UTF-8, UTF-8 with BOM or Windows-1252; `;` or `,` (sniffed). XLSX: the first (or named) sheet,
cached values only. The first row is the header. Cells: see `connectors.cells` (German dates,
decimal commas, formula injection); fields: see `connectors.mapping`.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from connectors.cells import Decimal, csv_table, decimal_for_delimiter, decode
from connectors.errors import RecordError
from connectors.files import FolderConfig, MappedRowSource, Row
from connectors.mapping import FieldMapping, check_columns, resolve_row

MAX_XLSX_UNPACKED = 64 * 1024 * 1024
"""A workbook whose parts unpack to more bytes than this is refused unread (a zip bomb, or no export)."""
MAX_XLSX_RATIO = 200
"""Refused too when a part over 1 MiB unpacks to more than this many times its packed size."""


class CsvConfig(FolderConfig, FieldMapping):
    kind: Literal["csv"]
    pattern: str = "*.csv"


class XlsxConfig(FolderConfig, FieldMapping):
    kind: Literal["xlsx"]
    pattern: str = "*.xlsx"
    sheet: str | None = None


def header_index(header: Sequence[str], references: Sequence[str]) -> dict[str, int]:
    """Reference -> column index, by header name (case and surrounding spaces forgiven)."""
    names = [h.strip().casefold() for h in header]
    return {ref: names.index(ref.strip().casefold()) for ref in references if ref.strip().casefold() in names}


class _Mapped:
    config: CsvConfig | XlsxConfig

    def _as_rows(self, header: list[str], body: list[tuple[bytes, list[str]]], decimal: Decimal) -> list[Row]:
        references = self.config.references()
        found = header_index(header, references)
        self.note_unmatched(check_columns(self.config, found, header))  # type: ignore[attr-defined]
        rows: list[Row] = []
        for payload, cells in body:
            if not any(c.strip() for c in cells):
                continue  # blank lines are layout, not records
            if len(cells) > len(header):
                error = RecordError.single(f"column {len(header) + 1}", f"row has {len(cells)} cells, header {len(header)}")
                rows.append((payload, None, error))
                continue
            rows.append((payload, resolve_row(references, found, cells, decimal), None))
        return rows


class CsvConnector(_Mapped, MappedRowSource[CsvConfig]):
    """CSV files of a drop folder, one event per row."""

    config_model = CsvConfig

    def read_rows(self, path: Path, data: bytes) -> list[Row]:
        text, encoding = decode(data)
        rows, delimiter = csv_table(text, encoding)
        if not rows:
            return []
        return self._as_rows(rows[0][1], rows[1:], decimal_for_delimiter(delimiter))


class XlsxConnector(_Mapped, MappedRowSource[XlsxConfig]):
    """XLSX workbooks of a drop folder; a row's payload is the JSON list of its cell values."""

    config_model = XlsxConfig

    def read_rows(self, path: Path, data: bytes) -> list[Row]:
        _refuse_zip_bomb(data)
        decimal = self.config.decimal or ","
        try:
            # data_only: a formula cell gives its cached value; the formula itself is never evaluated
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
            raise RecordError.single("", f"not a readable XLSX workbook: {exc}") from None
        try:
            if self.config.sheet and self.config.sheet not in book.sheetnames:
                raise RecordError.single("sheet", f"no sheet {self.config.sheet!r}; sheets: {book.sheetnames}")
            sheet = book[self.config.sheet] if self.config.sheet else book.worksheets[0]
            table = [[_cell_text(v, decimal) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
        if not table:
            return []
        body = [(json.dumps(cells, ensure_ascii=False).encode(), cells) for cells in table[1:]]
        return self._as_rows(table[0], body, decimal)


def _refuse_zip_bomb(data: bytes) -> None:
    """Check the sizes the archive declares before anything is unpacked.

    zipfile never unpacks a member past its declared size, so the declared sizes bound the work.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip at all: openpyxl says so in its own words
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_UNPACKED:
        raise RecordError.single("", f"XLSX workbook unpacks to {total} bytes, more than {MAX_XLSX_UNPACKED}; "
                                     "refused unread (zip bomb?)")
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_XLSX_RATIO * max(1, member.compress_size):
            raise RecordError.single("", f"XLSX part {member.filename} unpacks {member.file_size // max(1, member.compress_size)}"
                                         f" times its size (limit {MAX_XLSX_RATIO}); refused unread (zip bomb?)")


def _cell_text(value: object, decimal: Decimal = ",") -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y %H:%M") if getattr(value, "hour", 0) else value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        # written with the decimal mark the row is read with, so "1.234" is never taken for 1234
        return str(int(value)) if value.is_integer() else repr(value).replace(".", decimal)
    return str(value)
