"""The AGS of a row from its municipality name or postcode, looked up in a list the user supplies.

No licensed machine-readable copy of the official municipality list (Gemeindeverzeichnis) is available
through the package registries, so the list is a CSV file the config names: columns ``ags`` and
``name`` and/or ``postcode`` (one row per postcode of a municipality; ``;`` or ``,``). Destatis
publishes the Gemeindeverzeichnis (GV-ISys) under the Datenlizenz Deutschland; an extract of it fits.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from connectors.base import ConfigPath
from connectors.cells import csv_rows, decode

_AGS = re.compile(r"^(0[1-9]|1[0-6])[0-9]{6}$")


def _name_key(text: str) -> str:
    # "Zorneding", "zorneding ", "Markt Zorneding"? no: only case and spacing are forgiven
    return " ".join(text.casefold().split())


class AgsLookup(BaseModel):
    """``ags_lookup: {column: Gemeinde, by: name, table: gemeinden.csv}`` in a mapped connector's config."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    column: str = Field(description="column reference holding the municipality name or postcode")
    by: Literal["name", "postcode"] = "name"
    table: ConfigPath = Field(description="CSV with columns ags, name, postcode")
    _index: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _load(self) -> AgsLookup:
        self._index.update(load_table(self.table, self.by))
        return self

    def find(self, value: str) -> str | None:
        """The AGS of a name or postcode; None when the table does not know it."""
        key = _name_key(value) if self.by == "name" else value.strip().zfill(5)
        return self._index.get(key) if value.strip() else None


def load_table(path: Path, by: str) -> dict[str, str]:
    """Name or postcode -> AGS from a municipality list; `ValueError` naming the file and the problem."""
    try:
        text, encoding = decode(path.read_bytes())
    except OSError as exc:
        raise ValueError(f"municipality list {path} cannot be read ({exc.strerror})") from None
    rows = [cells for _, cells in csv_rows(text, encoding)]
    if not rows:
        raise ValueError(f"municipality list {path} is empty")
    header = [h.strip().casefold() for h in rows[0]]
    if "ags" not in header or by not in header:
        raise ValueError(f"municipality list {path} needs the columns 'ags' and {by!r}; it has {rows[0]}")
    ags_at, key_at = header.index("ags"), header.index(by)
    index: dict[str, str] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if len(cells) <= max(ags_at, key_at) or not cells[key_at].strip():
            continue
        ags = cells[ags_at].strip()
        if not _AGS.match(ags):
            raise ValueError(f"municipality list {path} row {number}: {ags!r} is no 8-digit AGS")
        key = _name_key(cells[key_at]) if by == "name" else cells[key_at].strip().zfill(5)
        index.setdefault(key, ags)
    return index
