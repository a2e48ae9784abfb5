"""Cached contract models share their field-name sets, and nothing a model says about itself changes."""

from __future__ import annotations

from pydantic import BaseModel

from hub.engine.compact import share_bookkeeping
from schemas import Offer
from tests.builders import offer


def _models(model: BaseModel) -> list[BaseModel]:
    found = [model]
    for value in model.__dict__.values():
        items = value if isinstance(value, (list, tuple)) else [value]
        found += [m for item in items if isinstance(item, BaseModel) for m in _models(item)]
    return found


def test_equal_field_sets_become_one_object_and_every_model_reports_the_same_fields() -> None:
    first, second = offer("A-1"), offer("A-2")
    before = [m.model_fields_set.copy() for m in _models(first)]
    dumps = first.model_dump(exclude_unset=True), second.model_dump(exclude_unset=True)
    assert len(_models(first)) >= 3  # nested models: the area, the organisation, ...
    share_bookkeeping(first)
    share_bookkeeping(second)
    assert [m.model_fields_set for m in _models(first)] == before
    for a, b in zip(_models(first), _models(second)):
        assert a.model_fields_set is b.model_fields_set
    assert (first.model_dump(exclude_unset=True), second.model_dump(exclude_unset=True)) == dumps


def test_a_copy_with_changes_leaves_the_shared_set_alone() -> None:
    first, second = offer("A-1"), offer("A-2", capacity=None)
    share_bookkeeping(first)
    share_bookkeeping(second)
    fields = set(second.model_fields_set)
    changed = second.model_copy(update={"capacity": 3})
    assert "capacity" in changed.model_fields_set
    assert second.model_fields_set == fields and first.model_fields_set >= fields
    assert changed.model_fields_set is not second.model_fields_set


def test_models_that_are_not_frozen_are_left_alone() -> None:
    class Loose(BaseModel):
        name: str = ""

    a, b = Loose(name="x"), Loose(name="y")
    share_bookkeeping(a)
    share_bookkeeping(b)
    assert a.model_fields_set is not b.model_fields_set
    a.name = "z"  # assignment adds to the set in place: a shared one would leak into b
    assert Offer.model_config.get("frozen")
