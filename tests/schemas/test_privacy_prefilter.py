"""The privacy guard's prefilters (no digit, no "@"/"(at"/"[at") skip only rules that could not match."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from schemas import find_personal_data
from schemas import privacy
from schemas.privacy import _NEED_HINT, find_offer_personal_data

REFERENCE = datetime(2026, 11, 27, tzinfo=timezone.utc)
# the characters every rule looks for, digits left out or kept by the strategies below
PIECES = st.sampled_from(["@", "(at)", "[at]", " at ", "geb.", "Az", "Tel.", "DE", "IBAN", ".", "-", "/", "+",
                          "Jan", "März", "info", "x", " ", "Kassenzeichen", "born", "(", ")", "١٢٣"])
TEXTS = st.lists(st.one_of(PIECES, st.text(alphabet="0123456789", min_size=1, max_size=8)), max_size=12).map("".join)
WITHOUT_DIGITS = st.lists(PIECES.filter(lambda p: not any(c.isdigit() for c in p)), max_size=12).map("".join)


def _every_rule(text: str) -> privacy.Finding | None:
    """The need rules in their order, none skipped."""
    return (privacy._email(text, _NEED_HINT) or privacy._iban(text) or privacy._file_number(text)
            or privacy._birth_date(text, REFERENCE) or privacy._phone(text, _NEED_HINT))


@settings(max_examples=400, deadline=None)
@given(st.one_of(TEXTS, WITHOUT_DIGITS))
def test_a_need_text_gets_the_same_finding_as_from_every_rule(text: str) -> None:
    assert find_personal_data(text, REFERENCE) == _every_rule(text)


@settings(max_examples=400, deadline=None)
@given(WITHOUT_DIGITS)
def test_an_offer_text_without_a_digit_carries_no_iban_file_number_or_birth_date(text: str) -> None:
    assert find_offer_personal_data(text) is None
    assert privacy._iban(text) is None and privacy._file_number(text) is None


def test_the_prefilters_still_let_the_rules_see_what_they_are_for() -> None:
    assert find_personal_data("Kontakt familie.muster@web.de", REFERENCE).kind == "e-mail address"  # type: ignore[union-attr]
    assert find_personal_data("Kontakt info (at) example.org", REFERENCE).kind == "e-mail address"  # type: ignore[union-attr]
    assert find_personal_data("geb. 12.03.1990", REFERENCE).kind == "birth date"  # type: ignore[union-attr]
    assert find_personal_data("Handy 0151-1234567", REFERENCE).kind == "phone number"  # type: ignore[union-attr]
    assert find_personal_data("Deutschkurs für Anfänger", REFERENCE) is None
    assert find_offer_personal_data("Az 12345/24 bitte angeben").kind == "file number"  # type: ignore[union-attr]
