"""What a cell of a German spreadsheet export means: text encoding, delimiter, dates, decimal commas, formulas.

Formula injection (decision): a text cell starting with ``=``, ``@``, TAB or CR, or with ``+``/``-``
when the cell is not a number or phone number, dead-letters its row with the column named. Stripping
the first character would still pass text the author never meant as data (``HYPERLINK(...)``) and
would re-arm it when a sink writes a spreadsheet again; a dead letter gets the export fixed.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from typing import Literal

from connectors.errors import Problem

_DELIMITERS = ";,\t|"
_FORMULA_START = ("=", "@", "\t", "\r")
_NUMBERISH = re.compile(r"^[+-]\s*[\d(][\d\s()/.,-]*$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:,?\s+(\d{1,2})[:.](\d{2})(?:\s*Uhr)?)?$")
_GERMAN_NUMBER = re.compile(r"^[+-]?\d{1,3}(\.\d{3})*(,\d+)?$|^[+-]?\d+(,\d+)?$")


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and its encoding: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 decodes almost any byte, so it is the fallback, never the first guess
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The CSV dialect of an export: the delimiter (``;`` of German Excel, ``,`` and friends) that cuts
    the first rows into the same number of fields as the header, more than one; else csv.Sniffer's guess.

    Counting fields is more robust than csv.Sniffer alone, which a quoted ``;`` in a comma file fools.
    """
    lines = text.splitlines(keepends=True)[:50]
    best: tuple[int, int] = (0, 0)
    chosen: str | None = None
    for delimiter in _DELIMITERS:
        rows = [r for r in csv.reader(lines, delimiter=delimiter) if r]
        width = len(rows[0]) if rows else 0
        if width < 2:
            continue
        score = (sum(len(r) == width for r in rows), width)
        if score > best:
            best, chosen = score, delimiter
    if chosen is not None:
        class Sniffed(csv.excel):
            delimiter = chosen  # type: ignore[assignment]
        return Sniffed
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel  # one column or no sample: the delimiter does not matter


def csv_rows(text: str, encoding: str) -> list[tuple[bytes, list[str]]]:
    """Every row with its original bytes (the physical lines it came from, quoted newlines included)."""
    return csv_table(text, encoding)[0]


def csv_table(text: str, encoding: str) -> tuple[list[tuple[bytes, list[str]]], str]:
    """`csv_rows` and the delimiter the file uses (which sets its default decimal mark)."""
    lines = text.splitlines(keepends=True)
    dialect = sniff_dialect(text)
    reader = csv.reader(lines, dialect)
    out: list[tuple[bytes, list[str]]] = []
    consumed = 0
    for row in reader:
        out.append(("".join(lines[consumed:reader.line_num]).encode(encoding, errors="replace"), row))
        consumed = reader.line_num
    return out, str(dialect.delimiter)


def formula_problem(column: str, value: str) -> Problem | None:
    """A problem when the cell looks like a spreadsheet formula (see the module docstring)."""
    if not value:
        return None
    if value.startswith(_FORMULA_START) or (value[0] in "+-" and not _NUMBERISH.match(value)):
        return Problem(column, f"cell starts with {value[0]!r} like a spreadsheet formula; formulas are not "
                               "accepted, export the value as plain text", value[:40])
    return None


def parse_date(value: str) -> datetime | date | str:
    """German dates (``01.12.2026``, ``1.12.26``, ``01.12.2026 18:00``) to date/datetime; others unchanged.

    ISO strings pass through for pydantic to read; a two-digit year means 20xx.
    """
    match = _GERMAN_DATE.match(value.strip())
    if not match:
        return value
    day, month, year, hour, minute = match.groups()
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    try:
        if hour is None:
            return datetime(full_year, int(month), int(day))
        return datetime(full_year, int(month), int(day), int(hour), int(minute))
    except ValueError:
        return value  # 31.02.2026: let validation name the field


Decimal = Literal[".", ","]
"""The decimal mark of a source: ``"."`` (``11.753``) or ``","`` (``11,753``)."""

_THOUSANDS_GROUPS = {".": re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"), ",": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")}
_PLAIN = {".": re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"), ",": re.compile(r"^[+-]?(\d+(,\d*)?|,\d+)$")}
_COORDINATE = re.compile(r"^[+-]?\d{1,3}([.,]\d+)?$")


def decimal_for_delimiter(delimiter: str) -> Decimal:
    """The decimal mark a file's delimiter implies: ``,`` in a ``;`` file (German Excel), else ``.``."""
    return "," if delimiter == ";" else "."


def parse_number(value: str, decimal: Decimal = ",") -> float | str:
    """A number written with this decimal mark (``1.234,5`` / ``12,5`` or ``1,234.5`` / ``12.5``); others unchanged.

    A thousands separator is read only in full groups of three (``1.500`` is 1500 with ``,`` as the
    mark); a text with the *other* mark alone (``12.5`` in a ``,`` file) is read as a decimal, since
    no thousands grouping fits it.
    """
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    other = "." if decimal == "," else ","
    if _THOUSANDS_GROUPS[decimal].match(text):
        return float(text.replace(other, "").replace(decimal, "."))
    if _PLAIN[decimal].match(text):
        return float(text.replace(decimal, "."))
    if _PLAIN[other].match(text) and not _THOUSANDS_GROUPS[decimal].match(text):
        return float(text.replace(other, "."))
    return value


def parse_coordinate(value: str) -> float | str:
    """A latitude or longitude: one mark, ``.`` or ``,``, is its decimal mark; never a thousands separator."""
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if _COORDINATE.match(text):
        return float(text.replace(",", "."))
    return value


def parse_int(value: str, decimal: Decimal = ",") -> int | str:
    number = parse_number(value, decimal)
    return int(number) if isinstance(number, float) and number.is_integer() else value


def split_list(value: str) -> list[str]:
    """``"de, ar; uk"`` -> ``["de", "ar", "uk"]``."""
    return [part.strip() for part in re.split(r"[,;/]", value) if part.strip()]


# The Regierungsbezirk digits each Land 01-09 uses (the third of the AGS): a seven-digit number whose
# zero-padded form breaks this is a key with another digit lost, not one that lost its leading zero.
_DISTRICT_DIGITS = {"1": "0", "2": "0", "3": "1234", "4": "0", "5": "12345", "6": "456", "7": "123", "8": "1234",
                    "9": "1234567"}


def ags_with_its_leading_zero(value: str) -> str | None:
    """The AGS a spreadsheet read as a number ("6611000" -> "06611000", Kassel), or None when the seven
    digits cannot be one ("1471300": Schleswig-Holstein has no Regierungsbezirk 4; a digit was lost
    elsewhere, so no guess)."""
    if len(value) != 7 or not value.isdigit() or value[1] not in _DISTRICT_DIGITS.get(value[0], ""):
        return None
    return "0" + value
