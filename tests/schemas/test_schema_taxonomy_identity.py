"""The taxonomy (codes, labels, free-text mapping) and identity rules (ids, revision order)."""

from __future__ import annotations

import uuid

import pytest

from schemas import (
    TAXONOMY_VERSION, all_categories, category, derived_id, entity_id, event_id, is_newer,
    is_professional_only, map_free_text,
)

REQUIRED = {
    "language_education", "accompaniment_interpreting", "housing", "donations_in_kind", "clothing", "childcare",
    "leisure_sport", "health", "psychotherapy", "legal_asylum_counselling", "work_training", "mobility",
    "everyday_help", "support_rooms", "support_materials", "support_training", "support_insurance",
    "support_funding_advice",
}


def test_required_categories_with_labels() -> None:
    codes = {c.code for c in all_categories()}
    assert REQUIRED <= codes
    assert category("housing").label_de == "Wohnen"
    assert category("donations_in_kind").label_de == "Möbel und Sachspenden"
    assert all(c.label_de and c.label_en and c.synonyms_de and c.synonyms_en for c in all_categories())
    assert TAXONOMY_VERSION == "2026.1"


def test_support_group_and_professional_flags() -> None:
    assert {c.code for c in all_categories() if c.group == "support"} == {
        c for c in REQUIRED if c.startswith("support_")}
    assert is_professional_only("psychotherapy") and is_professional_only("legal_asylum_counselling")
    assert not is_professional_only("health")


def test_unknown_code_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="housing"):
        category("wohnen")


@pytest.mark.parametrize(
    ("text", "code"),
    [("Deutschkurs", "language_education"), ("DEUTSCHKURS", "language_education"),
     ("Kleiderkammer", "clothing"), ("Möbel", "donations_in_kind"), ("Moebel", "donations_in_kind"),
     ("moebelspende", "donations_in_kind"), ("Sprachcafé im Stadtteil", "language_education"),
     ("Rechts- und Asylberatung", "legal_asylum_counselling"), ("trauma therapy", "psychotherapy"),
     ("Fußball für Jugendliche", "leisure_sport"), ("Fussball", "leisure_sport"),
     ("Förderberatung", "support_funding_advice"), ("Foerdermittel", "support_funding_advice"),
     ("homework help", "language_education")],
)
def test_map_free_text(text: str, code: str) -> None:
    assert map_free_text(text) == code


@pytest.mark.parametrize("text", ["", "Hilfe", "Möbel und Kleidung", "irgendwas anderes", "Möbelhaus"])
def test_map_free_text_never_guesses(text: str) -> None:
    assert map_free_text(text) is None


def test_entity_id_is_uuid5_of_source_and_record() -> None:
    ns = entity_id("urn:a", "1")
    assert ns == entity_id("urn:a", "1") != entity_id("urn:a", "2")
    assert uuid.UUID(ns).version == 5


def test_derived_id_deterministic_and_part_boundaries_matter() -> None:
    assert derived_id("match", "n", "o") == derived_id("match", "n", "o")
    assert derived_id("match", "a:b", "c") != derived_id("match", "a", "b:c")
    assert derived_id("match", "n", "o") != derived_id("gap", "n", "o")
    with pytest.raises(ValueError):
        derived_id("match")


def test_event_id_changes_with_revision_only() -> None:
    assert event_id("e", 1) == event_id("e", 1) != event_id("e", 2)


@pytest.mark.parametrize(("candidate", "current", "newer"), [(1, None, True), (0, None, True), (2, 1, True),
                                                              (1, 1, False), (0, 1, False)])
def test_is_newer(candidate: int, current: int | None, newer: bool) -> None:
    assert is_newer(candidate, current) is newer
