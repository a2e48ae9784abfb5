"""Strictness of the contract models: forms, ranges, time zones, unknown fields."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from tests.builders import NEED_ID, OFFER_ID, derived_samples, sample_need_data, sample_offer_data, sample_status_data

from schemas import EVENT_MODELS, Duplicate, Need, Offer, StatusUpdate, describe_validation_error


def problems(exc: ValidationError) -> dict[str, str]:
    return {p.path: p.reason for p in describe_validation_error(exc)}


def test_valid_samples_load() -> None:
    assert Need.model_validate(sample_need_data()).area.ags == "14713000"
    assert Offer.model_validate(sample_offer_data()).capacity == 12
    assert StatusUpdate.model_validate(sample_status_data()).commitment.slots == 2  # type: ignore[union-attr]
    for event_type, data in derived_samples().items():
        EVENT_MODELS[event_type].model_validate(data)


@pytest.mark.parametrize(
    ("ags", "expected"),
    [("1471300", "exactly 8 digits"), ("1471300A", "exactly 8 digits"), ("17000000", "Land code 01..16"),
     ("00123456", "Land code 01..16"), ("１４７１３０００", "exactly 8 digits")],
)
def test_ags_form_and_land(ags: str, expected: str) -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(area={"ags": ags}))
    assert expected in problems(info.value)["area.ags"]


def test_ags_of_every_land_accepted() -> None:
    for land in range(1, 17):
        Need.model_validate(sample_need_data(area={"ags": f"{land:02d}000000"}))


@pytest.mark.parametrize(("field", "value"), [("lat", 90.5), ("lat", -91), ("lon", 180.01), ("lon", -200)])
def test_coordinates_in_range(field: str, value: float) -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(location={field: value}))
    assert f"location.{field}" in problems(info.value)


def test_postcode_five_digits() -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(location={"postcode": "4109"}))
    assert "5 digits" in problems(info.value)["location.postcode"]


@pytest.mark.parametrize("code", ["xx", "DE", "deu", "german"])
def test_languages_are_iso_639_1(code: str) -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(languages=["de", code]))
    assert "ISO 639-1" in problems(info.value)["languages[1]"]


def test_naive_datetimes_are_berlin_with_offset() -> None:
    need = Need.model_validate(sample_need_data(needed_from="2026-07-01T18:00:00", needed_until="2026-12-01T18:00:00",
                                         occurred_at="2026-06-01T08:00:00"))
    assert need.needed_from is not None and need.needed_from.utcoffset() == timedelta(hours=2)
    assert need.needed_until is not None and need.needed_until.utcoffset() == timedelta(hours=1)
    assert need.model_dump(mode="json")["needed_until"] == "2026-12-01T18:00:00+01:00"


def test_aware_datetimes_keep_their_instant() -> None:
    need = Need.model_validate(sample_need_data(occurred_at="2026-11-27T09:00:00Z"))
    assert need.occurred_at.isoformat() == "2026-11-27T09:00:00+00:00"


def test_quantity_not_negative() -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(quantity=-1))
    assert "quantity" in problems(info.value)


def test_needed_until_not_before_needed_from() -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(needed_from="2026-12-02T10:00", needed_until="2026-12-01T10:00"))
    assert "not be before" in problems(info.value)["needed_until"]


def test_equal_window_bounds_allowed() -> None:
    Need.model_validate(sample_need_data(needed_from="2026-12-02T10:00", needed_until="2026-12-02T10:00"))


@pytest.mark.parametrize(("make", "typo"), [(sample_need_data, "langauges"), (sample_offer_data, "capcity"), (sample_status_data, "stauts")])
def test_unknown_fields_refused(make, typo: str) -> None:  # type: ignore[no-untyped-def]
    model = {sample_need_data: Need, sample_offer_data: Offer, sample_status_data: StatusUpdate}[make]
    with pytest.raises(ValidationError) as info:
        model.model_validate(make(**{typo: 1}))
    assert "unknown field" in problems(info.value)[typo]


def test_unknown_nested_field_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(area={"ags": "14713000", "distict": "Ost"}))
    assert "area.distict" in problems(info.value)


@pytest.mark.parametrize(("field", "contract_name"), [("venue", "name"), ("zip", "postcode"), ("longitude", "lon")])
def test_a_field_other_systems_name_otherwise_is_refused_with_the_contracts_name(field: str, contract_name: str) -> None:
    # exports call the place's name "venue", the postcode "zip": the error says what the contract calls it
    location = {"street": "Stuttgarter Allee 12", field: "x"}
    with pytest.raises(ValidationError) as info:
        Offer.model_validate(sample_offer_data(location=location))
    assert f"the contract calls it {contract_name!r}" in problems(info.value)[f"location.{field}"]


def test_unknown_category_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(category="Sprachkurs"))
    assert "taxonomy code" in problems(info.value)["category"]


def test_id_must_be_lower_case_uuid() -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(id=NEED_ID.upper()))
    assert "lower case" in problems(info.value)["id"]


@pytest.mark.parametrize(("spelling", "expected"), [
    ("{%s}", "lower case with hyphens"), ("urn:uuid:%s", "lower case with hyphens"),
    ("%s\n", "must be a UUID"), (" %s", "must be a UUID"), ("%s0", "must be a UUID"),
])
def test_an_id_has_one_spelling(spelling: str, expected: str) -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(id=spelling % NEED_ID))
    assert expected in problems(info.value)["id"]
    assert Need.model_validate(sample_need_data(id=NEED_ID)).id == NEED_ID


def test_contact_only_on_offers() -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(contact={"email": "a@b.de"}))
    assert "contact" in problems(info.value)


def test_status_must_fit_entity_kind() -> None:
    with pytest.raises(ValidationError) as info:
        StatusUpdate.model_validate(sample_status_data(entity_kind="offer", new_status="partially_covered"))
    assert "not a status of a offer" in problems(info.value)["new_status"]
    StatusUpdate.model_validate(sample_status_data(entity_kind="offer", new_status="full", capacity_change=-3))


def test_commitment_slots_positive() -> None:
    data = sample_status_data()
    data["commitment"] = {**data["commitment"], "slots": 0}
    with pytest.raises(ValidationError) as info:
        StatusUpdate.model_validate(data)
    assert "commitment.slots" in problems(info.value)


def test_status_update_partitions_by_target() -> None:
    assert StatusUpdate.model_validate(sample_status_data()).partition_key() == NEED_ID


def test_duplicate_offer_ids_sorted_unique_and_two() -> None:
    data = derived_samples()["org.koordinate.duplicate.v1"]
    with pytest.raises(ValidationError) as info:
        Duplicate.model_validate({**data, "offer_ids": list(reversed(data["offer_ids"]))})
    assert "sorted" in problems(info.value)["offer_ids"]
    with pytest.raises(ValidationError):
        Duplicate.model_validate({**data, "offer_ids": [OFFER_ID]})


def test_models_are_immutable() -> None:
    need = Need.model_validate(sample_need_data())
    with pytest.raises(ValidationError):
        need.quantity = 5  # type: ignore[misc]


def test_value_shown_is_shortened() -> None:
    with pytest.raises(ValidationError) as info:
        Need.model_validate(sample_need_data(unit="x" * 100))
    (problem,) = describe_validation_error(info.value)
    assert problem.path == "unit" and len(problem.value_shown) <= 40 and problem.value_shown.endswith("…")


@pytest.mark.parametrize("source", ["urn:koordinate:source:sozialamt leipzig", "https://verein.de/\u00a0feed",
                                    "urn:a\u2003b", "urn:a\tb", ""])
def test_a_source_with_any_whitespace_is_refused(source):
    with pytest.raises(ValidationError, match="source must be a URI reference without spaces"):
        Need.model_validate({**sample_need_data(), "source": source})


def test_the_source_check_calls_whitespace_what_str_isspace_does():
    """The check searches with a regular expression; it refuses exactly the characters isspace() names."""
    import sys

    from schemas._types import _WHITESPACE

    assert [c for c in map(chr, range(sys.maxunicode + 1)) if bool(_WHITESPACE.search(c)) != c.isspace()] == []
