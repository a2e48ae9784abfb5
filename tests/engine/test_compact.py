"""What the engine keeps of a need or an offer: the fields it reads, the same whether it was made from the
model (an event) or from the stored record (a restore), equal vocabulary values shared; and cached
schedules share their field-name sets without anything a model says about itself changing."""

from __future__ import annotations

import json
from datetime import timedelta

from pydantic import BaseModel

from hub.engine.compact import NeedView, OfferView, share_bookkeeping
from schemas import Need, Offer
from tests.builders import T0, need, offer
from tests.stream.workload import mixed_workload

WEEKLY = {"timezone": "Europe/Berlin", "rules": [{"rrule": "FREQ=WEEKLY;BYDAY=TU", "dtstart": "2026-01-06T18:00:00",
                                                 "duration_minutes": 120}], "windows": []}
PLACE = {"name": "Nachbarschaftshaus", "street": "Stuttgarter Allee 9", "postcode": "04209", "city": "Leipzig",
         "lat": 51.3193, "lon": 12.2853}


def _needs() -> list[Need]:
    return [need("B-1"), need("B-2", location=PLACE, schedule=WEEKLY, languages=["ar", "de"], requires=["professional"],
                               needed_from=T0.isoformat(), needed_until=(T0 + timedelta(days=30)).isoformat(),
                               status="partially_covered", urgency="critical"),
            need("B-3", area={"ags": "14713000"}, location={"city": "Leipzig"}, needed_from="2026-03-01T09:00:00")]


def _offers() -> list[Offer]:
    return [offer("A-1"), offer("A-2", location=PLACE, schedule=WEEKLY, languages=["de", "uk"], capacity=None,
                                valid_from=T0.isoformat(), valid_until="2026-12-31T23:59:00+01:00", status="full",
                                organisation={"name": "Stadt Leipzig, Sozialamt", "kind": "municipal"}),
            offer("A-3", area={"ags": "14713000", "districts": []}, contact={"email": "info@example.org"})]


def _entities() -> list[Need | Offer]:
    workload = [event for event in mixed_workload(seed=3, offers_per_area=5, needs_per_area=5)
                if isinstance(event, (Need, Offer))]
    return [*_needs(), *_offers(), *workload]


def _view(entity: Need | Offer) -> NeedView | OfferView:
    return NeedView.of(entity) if isinstance(entity, Need) else OfferView.of(entity)


def _view_of_record(entity: Need | Offer) -> NeedView | OfferView:
    record = json.loads(json.dumps(entity.model_dump(mode="json")))  # as a worker's table hands it out
    return NeedView.of_record(record) if isinstance(entity, Need) else OfferView.of_record(record)


def test_the_view_of_a_stored_record_is_the_view_of_its_model() -> None:
    entities = _entities()
    assert len(entities) > 20
    for entity in entities:
        from_record, from_model = _view_of_record(entity), _view(entity)
        assert from_record == from_model, entity.id
        for moment in ("needed_from", "needed_until", "valid_from", "valid_until"):  # the same offset, not only instant
            if (value := getattr(from_model, moment, None)) is not None:
                assert getattr(from_record, moment).isoformat() == value.isoformat()


def test_a_view_says_what_its_model_says_about_every_field_the_engine_reads() -> None:
    for entity in _entities():
        view = _view(entity)
        assert (view.id, view.revision, view.category, view.status) == (entity.id, entity.revision, entity.category,
                                                                        entity.status)
        assert view.area.ags == entity.area.ags and view.schedule == entity.schedule
        assert view.languages == tuple(entity.languages)
        if entity.location is None:
            assert view.location is None
        else:
            assert view.location is not None
            assert (view.location.lat, view.location.lon) == (entity.location.lat, entity.location.lon)
        if isinstance(entity, Need):
            assert isinstance(view, NeedView)
            assert (view.area.district, view.urgency, view.requires) == (entity.area.district, entity.urgency,
                                                                          tuple(entity.requires))
            assert (view.needed_from, view.needed_until) == (entity.needed_from, entity.needed_until)
        else:
            assert isinstance(view, OfferView)
            assert (view.area.districts, view.capacity) == (tuple(entity.area.districts), entity.capacity)
            assert (view.valid_from, view.valid_until) == (entity.valid_from, entity.valid_until)
            assert view.organisation.kind == entity.organisation.kind
        assert not hasattr(view, "title") and not hasattr(view, "description") and not hasattr(view, "__dict__")


def test_equal_vocabulary_values_of_separate_records_are_one_object() -> None:
    first, second = (OfferView.of_record(json.loads(json.dumps(offer(record).model_dump(mode="json"))))
                     for record in ("A-1", "A-2"))
    assert first.category == second.category and first.area.districts == second.area.districts
    assert first.category is second.category
    assert first.area.ags is second.area.ags
    assert first.area.districts is second.area.districts
    assert first.organisation is second.organisation
    assert first.id is not second.id


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
