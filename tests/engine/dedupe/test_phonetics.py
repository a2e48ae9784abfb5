from __future__ import annotations

import pytest

from hub.engine.dedupe.phonetics import cologne_phonetic, organisation_key


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Müller-Lüdenscheidt", "65752682"),
        ("Wikipedia", "3412"),
        ("Breschnew", "17863"),
        ("Meier", "67"),
        ("Mayr", "67"),
        ("Christoph", "47823"),
        ("Xaver", "4837"),
        ("Dixon", "2486"),
    ],
)
def test_published_examples(word: str, code: str) -> None:
    assert cologne_phonetic(word) == code


def test_spelling_variants_share_a_code() -> None:
    assert cologne_phonetic("Meyer") == cologne_phonetic("Maier") == cologne_phonetic("Mayr")
    assert cologne_phonetic("Grünau") == cologne_phonetic("Gruenau")


def test_organisation_key_ignores_legal_form_order_and_spelling() -> None:
    key = organisation_key("Willkommensinitiative Grünau e.V.")
    assert key == organisation_key("Gruenau Wilkommensinitiative")
    assert key != organisation_key("Willkommensinitiative Gohlis e.V.")
