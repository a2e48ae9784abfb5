"""The building blocks of generator B: spelling variants and schedule texts say what they should."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from tests.synthetic_b.noise import abbreviate, compound_variant, e_v_variant, street_notation, transliterate, typo
from tests.synthetic_b.slots import BERLIN, Slot, rrule_text, session_start, text_de, text_en, window


def test_street_notations_keep_the_street_and_number() -> None:
    seen = set()
    for seed in range(60):
        street, note = street_notation("Friedrich-Ebert-Straße 12a", random.Random(seed))
        seen.add(street)
        assert street.replace(" ", "").lower().startswith(("friedrich", "friedrichebert"))
        assert "12" in street and note.startswith("street:")
    assert {"Friedrich-Ebert-Str. 12a", "Friedrich-Ebert-Strasse 12a", "Friedrich-Ebert-Straße 12 a"} <= seen


def test_compounds_split_at_a_known_head_or_join() -> None:
    assert compound_variant("Sprachcafé", random.Random(1)) in {"Sprach-Café", "Sprach Café"}
    assert compound_variant("Hausaufgaben-Hilfe", random.Random(0)) in {"Hausaufgabenhilfe", "Hausaufgaben-Hilfe",
                                                                       "Hausaufgaben- Hilfe"}
    assert compound_variant("Fußball", random.Random(1)) == "Fußball"  # no known head: unchanged


def test_abbreviations_touch_whole_words_only() -> None:
    assert abbreviate("Deutschkurs für Frauen und Kinder") == "Dt.-Kurs f. Fr. u. Ki."
    assert abbreviate("Frauensport") == "Frauensport"


def test_e_v_variants_and_transliteration() -> None:
    variants = {e_v_variant("Willkommen in Grünau e.V.", random.Random(s)) for s in range(40)}
    assert variants == {"Willkommen in Grünau e. V.", "Willkommen in Grünau eV", "Willkommen in Grünau e.v.",
                        "Willkommen in Grünau"}
    assert transliterate("Begegnungscafé Mühlenweg, Straße") == "Begegnungscafe Muehlenweg, Strasse"


def test_a_typo_changes_one_long_word_by_one_letter() -> None:
    for seed in range(30):
        changed = typo("Kleiderkammer im Gemeindehaus", random.Random(seed))
        assert changed != "Kleiderkammer im Gemeindehaus"
        assert abs(len(changed) - len("Kleiderkammer im Gemeindehaus")) <= 1


TUESDAY = Slot("WEEKLY", (1,), (18, 0), 120)


@pytest.mark.parametrize("seed", range(8))
def test_weekly_slot_in_german_and_english_names_day_and_time(seed: int) -> None:
    german, english = text_de(TUESDAY, random.Random(seed)), text_en(TUESDAY, random.Random(seed))
    assert any(day in german for day in ("Di", "dienstags", "Dienstag"))
    assert "18" in german
    assert "Tue" in english and ("6" in english or "18:00" in english)


def test_monthly_slot_says_which_weekday_of_the_month() -> None:
    slot = Slot("MONTHLY", (2,), (15, 0), 120, nth=2)
    texts = {text_de(slot, random.Random(s)) for s in range(30)}
    assert any("2. Mittwoch im Monat" in t for t in texts)
    assert any("zweiten Mittwoch" in t for t in texts)
    assert all("2nd Wednesday" in text_en(slot, random.Random(s)) for s in range(10))


def test_a_later_dtstart_is_still_a_session_of_the_same_rule() -> None:
    fortnightly = Slot("WEEKLY", (2,), (17, 30), 90, interval=2)
    anchor = datetime(2026, 3, 2, tzinfo=BERLIN)
    first = session_start(fortnightly, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", anchor, 0)
    later = session_start(fortnightly, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", anchor, 3)
    assert first.weekday() == later.weekday() == 2 and (first.hour, first.minute) == (17, 30)
    assert (later - first).days == 42  # three sessions on, a fortnight apart: the same weeks


def test_equivalent_monthly_notations() -> None:
    slot = Slot("MONTHLY", (4,), (10, 0), 60, nth=-1)
    rules = {rrule_text(slot, random.Random(s)).split(";UNTIL=")[0] for s in range(40)}
    assert rules == {"FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1"}


def test_one_off_event_window_and_texts() -> None:
    slot = Slot("ONCE", (5,), (10, 0), 240, on=date(2026, 5, 16))
    start, end = window(slot)
    assert start.isoformat() == "2026-05-16T10:00:00+02:00" and (end - start).seconds == 4 * 3600
    assert any("16.05.2026" in text_de(slot, random.Random(s)) or "16. Mai" in text_de(slot, random.Random(s))
               for s in range(10))
    assert any("May" in text_en(slot, random.Random(s)) for s in range(10))
