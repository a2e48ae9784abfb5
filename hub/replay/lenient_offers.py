"""Offers from files other systems exported, read the way a person would read them.

An export that names the place's name `location.venue` (or the postcode `zip`, the phone `telephone`)
means the contract's field; a column the contract does not know ("tags") says nothing about which offer
it is; a postcode "ABC 1234" in one record is a bad value, not a bad offer; an id "svc-0042", an AGS
that lost its leading zero or the status "aktiv" mean what a person reads in them
(hub/replay/export_repairs.py). `koordinate dedupe` reads such a record with the field under the
contract's name, the unknown one left out, the value repaired or the bad optional value dropped, and
counts what it changed, so one habit of an exporting system no longer costs every offer it is in. The
gateway and the connectors stay strict: there the publisher can still fix the record.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from connectors.errors import RecordError
from connectors.lenient import validate_leniently
from hub.engine.dedupe.profile import OfferProfile, profile_of
from hub.replay.export_repairs import repair
from schemas import Offer
from schemas.errors import CALLED_ELSEWHERE, format_path

__all__ = ["Leniency", "read_offer_leniently"]


@dataclass
class Leniency:
    """What lenient reading changed, over all records: fields renamed or ignored, values repaired
    (hub/replay/export_repairs.py) and optional values dropped; and the export's own ids of offers
    whose id had to be made, so that the output names them."""

    renamed: Counter[str] = field(default_factory=Counter)  # "location.venue -> location.name": records
    # "tags": records with a field the contract lacks; "location.venue (beside name)": one it has already
    ignored: Counter[str] = field(default_factory=Counter)
    repaired: Counter[str] = field(default_factory=Counter)  # "area.ags: leading zero restored": records
    dropped: Counter[str] = field(default_factory=Counter)  # "location.postcode": records
    records: int = 0  # records that needed any of these
    original_ids: dict[str, str] = field(default_factory=dict)  # made id -> the export's own id
    without_category: set[str] = field(default_factory=set)  # offers nothing names a category of

    def summary(self) -> str:
        """One line for the user: how many records were read leniently, and what changed how often."""
        parts = [f"{name} ({count})" for name, count in self.renamed.most_common()]
        parts += [f"{name} ({count})" for name, count in self.repaired.most_common()]
        parts += [f"{name} ignored ({count})" for name, count in self.ignored.most_common()]
        parts += [f"{name} dropped as invalid ({count})" for name, count in self.dropped.most_common()]
        return f"{self.records} offers read leniently: " + "; ".join(parts) if self.records else ""

    def profile(self, offer: Offer) -> OfferProfile:
        """The offer's dedupe profile, under the export's own id where its id had to be made."""
        profile = profile_of(offer)
        if offer.id in self.without_category:
            profile = replace(profile, category="")
        original = self.original_ids.get(offer.id)
        return replace(profile, offer_id=original) if original is not None else profile


def read_offer_leniently(text: str, leniency: Leniency) -> Offer:
    """The offer of a JSON line the contract refused, read leniently; `RecordError` names what is still wrong."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RecordError.single("", f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise RecordError.single("", "not a JSON object")
    repaired = repair(data)
    renamed, ignored = _fit_unknown_fields(data)
    offer = validate_leniently(Offer, data)
    if not isinstance(offer, Offer):
        raise RecordError.single("", "not an offer")
    dropped = [note.field for note in offer.quality or () if note.code == "dropped_invalid"]
    leniency.renamed.update(renamed)
    leniency.ignored.update(ignored)
    leniency.repaired.update(repaired.notes)
    leniency.dropped.update(dropped)
    leniency.records += bool(renamed or ignored or repaired.notes or dropped)
    if repaired.original_id is not None:
        leniency.original_ids[offer.id] = repaired.original_id
    if repaired.category_unknown:
        leniency.without_category.add(offer.id)
    return offer


def _fit_unknown_fields(data: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Move each unknown field whose name other systems use for a contract field ("venue" for "name")
    to that field, unless the record has it already, and leave out every other unknown field; what was
    moved ("old path -> new path") and what was left out (its path, list indexes as "[]")."""
    renamed: list[str] = []
    ignored: list[str] = []
    for _ in range(3):  # an object that was no object before a repair can show its own unknown fields
        try:
            Offer.model_validate(data)
            break
        except ValidationError as error:
            extras = [tuple(problem["loc"]) for problem in error.errors()
                      if problem.get("type") == "extra_forbidden" and problem.get("loc")]
        if not extras:
            break
        for location in extras:
            parent = _at(data, location[:-1])
            name = location[-1]
            if not isinstance(parent, dict) or not isinstance(name, str) or name not in parent:
                continue
            target = CALLED_ELSEWHERE.get(name.lower())
            path = _INDEX.sub("[]", format_path(location))
            if target is not None and parent.get(target) is None:
                parent[target] = parent.pop(name)
                renamed.append(f"{path} -> {_INDEX.sub('[]', format_path((*location[:-1], target)))}")
            else:
                parent.pop(name)
                ignored.append(f"{path} (beside {target})" if target is not None else path)
    return renamed, ignored


_INDEX = re.compile(r"\[\d+\]")


def _at(data: Any, path: Sequence[str | int]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data
