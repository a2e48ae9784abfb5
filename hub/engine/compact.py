"""Contract models the engine keeps for long share their bookkeeping: the set of field names each was
given (pydantic's `model_fields_set`).

Why: every pydantic model carries that set, 200-400 bytes, and an offer is seven models (the offer, its
area, organisation, location, contact, schedule and its rules): about 2.5 KB per cached offer and 0.9 KB
per need, more than the field values' own dictionaries. A few dozen distinct sets occur, so equal sets
become one object. Safe for frozen models only: pydantic changes the set in place on attribute
assignment, which frozen models refuse, and `model_copy` copies the set before it adds to it.
"""

from __future__ import annotations

from pydantic import BaseModel

_LIMIT = 4096
_shared: dict[frozenset[str], set[str]] = {}


def share_bookkeeping(model: BaseModel) -> None:
    """Point the field-name sets of a frozen model and its nested models at shared equal sets."""
    if not model.model_config.get("frozen"):
        return
    fields_set = model.__pydantic_fields_set__
    key = frozenset(fields_set)
    kept = _shared.get(key)
    if kept is None and len(_shared) < _LIMIT:
        kept = _shared[key] = set(key)
    if kept is not None and kept is not fields_set:
        object.__setattr__(model, "__pydantic_fields_set__", kept)
    for value in model.__dict__.values():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, BaseModel):
                share_bookkeeping(item)
