"""Data-quality notes: on the record only when there are some, labelled in German and English for the office."""

from __future__ import annotations

import json

from hub.readmodel.queries import _offer_row
from schemas import Offer
from schemas.quality import QUALITY_LABELS, labelled
from tests.builders import sample_offer_data


def test_notes_are_left_out_of_the_json_when_there_are_none() -> None:
    assert "quality" not in Offer.model_validate(sample_offer_data()).model_dump(mode="json")
    noted = Offer.model_validate(sample_offer_data(quality=[{"field": "location.postcode", "code": "dropped_invalid",
                                                      "reason": "postcode must be 5 digits", "value_shown": "ABC"}]))
    assert noted.model_dump(mode="json")["quality"][0]["field"] == "location.postcode"


def test_every_code_has_both_labels_and_the_read_model_adds_them() -> None:
    assert all(set(labels) == {"de", "en"} for labels in QUALITY_LABELS.values())
    assert set(QUALITY_LABELS) == {"dropped_invalid", "contact_moved", "text_cut"}
    note = {"field": "description", "code": "contact_moved", "reason": "moved", "value_shown": ""}
    assert labelled([note])[0]["label"] == QUALITY_LABELS["contact_moved"]
    # data, status, committed, remaining, expires_at, expired, state (hub/readmodel/queries.py)
    row = _offer_row((json.dumps({"id": "x", "quality": [note]}), "active", 0, None, None, 0, None))
    assert row["quality"][0]["label"]["de"].startswith("Kontakt aus dem Text")
    assert "quality" not in _offer_row((json.dumps({"id": "x"}), "active", 0, None, None, 0, None))
