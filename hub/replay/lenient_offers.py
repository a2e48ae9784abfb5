"""Offers from files other systems exported, read the way a person would read them.

An export that names the place's name `location.venue` (or the postcode `zip`, the phone `telephone`)
means the contract's field; a postcode "ABC 1234" in one record is a bad value, not a bad offer.
`koordinate dedupe` reads such a record with the field under the contract's name and the bad optional
value left out, and counts what it changed, so a misnamed column no longer costs every offer it is in.
The gateway and the connectors stay strict: there the publisher can still fix the record.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from connectors.errors import RecordError
from connectors.lenient import validate_leniently
from schemas import Offer
from schemas.errors import CALLED_ELSEWHERE, format_path

__all__ = ["Leniency", "read_offer_leniently"]


@dataclass
class Leniency:
    """What lenient reading changed, over all records: fields renamed and optional values dropped."""

    renamed: Counter[str] = field(default_factory=Counter)  # "location.venue -> location.name": records
    dropped: Counter[str] = field(default_factory=Counter)  # "location.postcode": records
    records: int = 0  # records that needed either

    def summary(self) -> str:
        """One line for the user: how many records were read leniently, and what changed how often."""
        parts = [f"{name} ({count})" for name, count in self.renamed.most_common()]
        parts += [f"{name} dropped as invalid ({count})" for name, count in self.dropped.most_common()]
        return f"{self.records} offers read leniently: " + ", ".join(parts) if self.records else ""


def read_offer_leniently(text: str, error: ValidationError, leniency: Leniency) -> Offer | None:
    """The offer of a JSON line the contract refused with `error`, read leniently; None if that fails too."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    renamed = _rename_fields_called_elsewhere(data, error)
    try:
        offer = validate_leniently(Offer, data)
    except RecordError:
        return None
    if not isinstance(offer, Offer):
        return None
    dropped = [note.field for note in offer.quality or () if note.code == "dropped_invalid"]
    leniency.renamed.update(renamed)
    leniency.dropped.update(dropped)
    leniency.records += bool(renamed or dropped)
    return offer


def _rename_fields_called_elsewhere(data: dict[str, Any], error: ValidationError) -> list[str]:
    """Move each unknown field whose name other systems use for a contract field ("venue" for "name")
    to that field, unless the record has it already; what was moved, as "old path -> new path"."""
    renamed = []
    for problem in error.errors():
        location = problem.get("loc") or ()
        if problem.get("type") != "extra_forbidden" or not location or not isinstance(location[-1], str):
            continue
        target = CALLED_ELSEWHERE.get(location[-1].lower())
        parent = _at(data, location[:-1])
        if target is None or not isinstance(parent, dict) or parent.get(target) is not None:
            continue
        parent[target] = parent.pop(location[-1])
        renamed.append(f"{format_path(location)} -> {format_path((*location[:-1], target))}")
    return renamed


def _at(data: Any, path: Sequence[str | int]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data
