from __future__ import annotations

import pytest

from hub.engine.dedupe.normalise import (
    fold,
    normalise_content,
    normalise_email,
    normalise_organisation,
    normalise_phone,
    normalise_street,
    normalise_text,
    normalise_url,
    words_run_together_apart,
)


@pytest.mark.parametrize(
    ("spelled", "expected"),
    [("Müller", "mueller"), ("Mueller", "mueller"), ("Straße", "strasse"), ("Strasse", "strasse"), ("Öffnungszeit", "oeffnungszeit"), ("Café", "cafe")],
)
def test_fold_unifies_umlauts_in_both_spellings(spelled: str, expected: str) -> None:
    assert fold(spelled) == expected


@pytest.mark.parametrize("street", ["Karl-Heine-Str. 12", "Karl-Heine-Straße 12", "Karl Heine Strasse 12", "karl-heine-str 12"])
def test_street_spellings_meet(street: str) -> None:
    assert normalise_street(street) == "karlheinestrasse 12"


def test_glued_street_abbreviation_expands() -> None:
    assert normalise_street("Hauptstr.3a") == "hauptstrasse 3a"


def test_a_house_number_letter_written_apart_is_one_number() -> None:
    assert normalise_street("Wilhelmstraße 31 a") == normalise_street("Wilhelmstr. 31a") == "wilhelmstrasse 31a"
    assert normalise_street("Hauptstr. 5 und 7") != normalise_street("Hauptstr. 5u")


@pytest.mark.parametrize(
    "name",
    ["Willkommensinitiative Grünau e.V.", "Willkommensinitiative Gruenau e. V.", "gemeinnützige Willkommensinitiative Grünau gGmbH", "Willkommensinitiative Grünau eingetragener Verein"],
)
def test_organisation_legal_forms_are_dropped(name: str) -> None:
    assert normalise_organisation(name) == "willkommensinitiative gruenau"


def test_text_expands_und_and_canonical_weekday() -> None:
    assert normalise_text("Deutsch u. Mathe dienstags") == "deutsch mathe dienstag"
    assert "und" not in normalise_text("Kaffee & Kuchen").split()


def test_content_drops_generic_words_times_and_weekdays() -> None:
    assert normalise_content("Kostenloser Deutschkurs: kommt einfach vorbei, Dienstag 18 Uhr") == "kostenloser deutschkurs"


def test_content_maps_synonyms_to_one_concept() -> None:
    assert normalise_content("PC-Kurs für Einsteiger") == normalise_content("PC Kurs für Anfänger") == "computer kurs anfaenger"


@pytest.mark.parametrize("phone", ["+49 341 555 0123", "0341/555-0123", "0049 (341) 5550123", "0341 5550123",
                                   "+49 (0)341 5550123", "+49(0)341-555 01 23"])  # the trunk zero written twice
def test_phone_digits_and_country_prefix(phone: str) -> None:
    assert normalise_phone(phone) == "03415550123"


def test_url_host_and_path_only() -> None:
    assert normalise_url("https://www.Example.org/deutsch/?utm=1#top") == "example.org/deutsch"
    assert normalise_url("http://example.org/deutsch") == "example.org/deutsch"


def test_email_lowercase_and_invalid_empty() -> None:
    assert normalise_email(" Kontakt@Example.ORG ") == "kontakt@example.org"
    assert normalise_email("keine") == ""


@pytest.mark.parametrize(
    ("exported", "written"),
    [
        ("Deutsch-Caf&eacute; f&uuml;r Jugendliche", "Deutsch-Café für Jugendliche"),
        ("<p>Frauen-Oase – Internationales Frauenfrühstück</p>", "Frauen-Oase – Internationales Frauenfrühstück"),
        ("Nachhilfe&nbsp;(Sek I) <br>", "Nachhilfe (Sek I)"),
        ('<a href="https://example.org/x">Kleiderkammer</a> Nord', "Kleiderkammer Nord"),
    ],
)
def test_markup_of_web_exports_is_no_text_of_its_own(exported: str, written: str) -> None:
    assert normalise_text(exported) == normalise_text(written)
    assert normalise_organisation(exported) == normalise_organisation(written)


def test_a_less_than_sign_that_opens_no_tag_stays() -> None:
    assert fold("Kinder < 6 Jahre & Eltern") == "kinder < 6 jahre & eltern"


@pytest.mark.parametrize(("written", "apart"), [("HaushaltswarenAusgabe", "Haushaltswaren Ausgabe"),
                                               ("BürgerTreff", "Bürger Treff"), ("iPhone-Kurs", "iPhone-Kurs"),
                                               ("eBay", "eBay"), ("DRK", "DRK")])
def test_words_run_together_are_set_apart_by_the_capital_inside(written: str, apart: str) -> None:
    assert words_run_together_apart(written) == apart
