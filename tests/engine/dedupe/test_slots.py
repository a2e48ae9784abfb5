from __future__ import annotations

from datetime import datetime

import pytest

from hub.engine.dedupe.slots import (
    month_weeks_of_rule, month_weeks_of_text, other_weeks_of_month, parse_dates, parse_weekly_slots, recurs,
    slot_similarity, slots_of_rule, slots_of_window,
)


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("jeden Di 18-20 Uhr", {(1, 1080)}),
        ("dienstags ab 18:00", {(1, 1080)}),
        ("Tue 6pm", {(1, 1080)}),
        ("Do. 17.30 Uhr", {(3, 1050)}),
        ("Mo. u. Mi. 10:30 Uhr", {(0, 630), (2, 630)}),
        ("Mo-Fr 9-12", {(d, 540) for d in range(5)}),
        ("Di 18 Uhr, Do 10 Uhr", {(1, 1080), (3, 600)}),
        ("Mittwoch und Freitag, jeweils 15 Uhr", {(2, 900), (4, 900)}),
        ("So ab 18:30", {(6, 1110)}),
        ("Tuesday and Thursday evenings 7-9", {(1, 1140), (3, 1140)}),
        ("donnerstags nachmittags 3-5 Uhr", {(3, 900)}),
        ("Wednesday evening at 6:30", {(2, 1110)}),
    ],
)
def test_weekday_and_time_from_free_text(text: str, slots: set[tuple[int, int]]) -> None:
    assert parse_weekly_slots(text) == slots


@pytest.mark.parametrize("text", ["So geht das 18 Uhr", "Do 18.03.2026 Treffen", "Sa 3 Kurse", "Di 3 Kurse abends", "Treffen um 18 Uhr", ""])
def test_no_slot_without_weekday_and_time(text: str) -> None:
    assert parse_weekly_slots(text) == frozenset()


def test_rrule_byday_and_dtstart_time() -> None:
    assert slots_of_rule("FREQ=WEEKLY;BYDAY=TU,TH", "2026-01-06T18:00:00") == {(1, 1080), (3, 1080)}
    assert slots_of_rule("RRULE:FREQ=WEEKLY", datetime(2026, 1, 7, 9, 30)) == {(2, 570)}
    assert slots_of_rule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=15", None) == {(0, 615)}


def test_window_counts_as_its_weekday_slot() -> None:
    assert slots_of_window("2026-01-09T14:00:00") == (4, 840)


def test_slot_similarity_tolerates_half_hour() -> None:
    assert slot_similarity(frozenset({(1, 1080)}), frozenset({(1, 1110)}), 30) == 1.0
    assert slot_similarity(frozenset({(1, 1080)}), frozenset({(1, 1140)}), 30) == 0.0
    assert slot_similarity(frozenset(), frozenset({(1, 1080)}), 30) is None


def test_english_ranges_take_the_afternoon_from_their_end() -> None:
    assert parse_weekly_slots("Tuesdays 6-8 pm") == {(1, 18 * 60)}
    assert parse_weekly_slots("Tuesdays 6 to 8 pm") == {(1, 18 * 60)}
    assert parse_weekly_slots("Sa 9 - 1 pm") == {(5, 9 * 60)}  # a morning into the afternoon
    assert parse_weekly_slots("Di. 18-20 Uhr") == parse_weekly_slots("dienstags ab 18:00") == {(1, 18 * 60)}


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("When: Sat 2-4:30 pm", {(5, 14 * 60)}),  # a small bare hour is a time when the range ends in pm
        ("Mon 3-4 pm", {(0, 15 * 60)}),
        ("Wann: 14-tägig Sa 10-11", {(5, 10 * 60)}),  # "14-tägig" is no range that "10" could end
        ("Mo 10-12 und 14-16 Uhr", {(0, 10 * 60), (0, 14 * 60)}),
        ("When: 2nd Tuesday of each month, 5-8 pm", {(1, 17 * 60)}),  # a range further on, its end says the time
        ("am zweiten Dienstag im Monat 18-20 Uhr", {(1, 18 * 60)}),
    ],
)
def test_short_english_and_german_notations(text: str, slots: set[tuple[int, int]]) -> None:
    assert parse_weekly_slots(text) == slots


@pytest.mark.parametrize("text", [
    "Wann? Mo ab 15.00 Uhr\n\nWo? Sportplatz Richtsberg, Lessingstraße 7",
    "Wann: Di + Mi 9:00-10:30 Uhr\nWo: Stadtteilbibliothek Vahrenheide, Lessingstraße 7, 30179 Hannover",
    "When: every Friday, from 4:30 pm. Where: Sportplatz Gohlis, Kastanienallee 18.",
])
def test_a_house_number_after_the_time_is_not_another_slot(text: str) -> None:
    assert len(parse_weekly_slots(text)) == len({day for day, _ in parse_weekly_slots(text)})
    assert all(minute >= 9 * 60 for _, minute in parse_weekly_slots(text))


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Wann? am 15. August ab 15:00 Uhr", {"08-15"}),
        ("am 5.9.2026 von 15 bis 18.30 Uhr", {"09-05"}),
        ("When: on September 19, 3:30-8:30 pm", {"09-19"}),
        ("the 3rd of March", {"03-03"}),
        ("Di 18.30 Uhr, seit 2016, jeden 2. Mittwoch", set()),
        # a course's term is a period, not the days of an event
        ("Zeit: Mo. + Do. 18:30-20 Uhr, 09.03.–29.06.2026.", set()),
        ("Immer donnerstags von 9:30 bis 12:30 Uhr, vom 13. November bis 5. Februar 2026", set()),
        ("Tuesdays 6-8 pm, 3 March to 5 May", set()),
        ("Sommerfest am 5. September, Anmeldung bis 20.08.", {"09-05", "08-20"}),
    ],
)
def test_calendar_days_named_in_text(text: str, days: set[str]) -> None:
    assert parse_dates(text) == days


@pytest.mark.parametrize(("text", "again"), [
    ("Termine: Sa. 29.8., 10:00-13:00 Uhr", False),
    ("Saturday, September 19, 3 pm", False),
    ("Alle sind willkommen", False),
    ("jeden Dienstag ab 5. September", True),
    ("samstags 10 Uhr", True),
    ("alle 14 Tage dienstags", True),
    ("every Tuesday", True),
])
def test_a_text_says_whether_its_offer_comes_again(text: str, again: bool) -> None:
    assert recurs(text) is again


@pytest.mark.parametrize(("text", "weeks"), [
    ("1. und 3. Dienstag im Monat, 18 Uhr", {(1, 1), (1, 3)}),
    ("jeden ersten Samstag im Monat", {(5, 1)}),
    ("am letzten Freitag des Monats", {(4, -1)}),
    ("When: 2nd Tuesday of each month, 5-8 pm", {(1, 2)}),
    ("am zweiten Dienstag im Monat 18-20 Uhr", {(1, 2)}),
    ("every 1st and 3rd Friday", {(4, 1), (4, 3)}),
    # every other week, not a week of the month
    ("jeden zweiten Mittwoch", set()),
    ("jeden 2. Mittwoch 15 Uhr", set()),
    ("every second Tuesday", set()),
    # dates are no weeks of the month
    ("Mo, 1.12. 10 Uhr", set()),
    # a round table's spreadsheet: "Mon." after the day of the month is the month, not a Monday
    ("2.Do/Mon. 18-21", {(3, 2)}),
    ("1. Mi/Monat 18-21 Uhr", {(2, 1)}),
    ("2. Do im Mon. 18-21", {(3, 2)}),
])
def test_which_weekday_of_the_month_a_text_names(text: str, weeks: set[tuple[int, int]]) -> None:
    assert month_weeks_of_text(text) == weeks


def test_which_weekday_of_the_month_a_monthly_rule_names() -> None:
    assert month_weeks_of_rule("FREQ=MONTHLY;BYDAY=1SU") == {(6, 1)}
    assert month_weeks_of_rule("FREQ=MONTHLY;BYDAY=SA;BYSETPOS=-1") == {(5, -1)}
    assert month_weeks_of_rule("FREQ=MONTHLY;BYDAY=1TU,3TU") == {(1, 1), (1, 3)}
    assert month_weeks_of_rule("FREQ=WEEKLY;BYDAY=SU") == frozenset()


def test_other_weeks_of_the_month_only_on_a_shared_weekday() -> None:
    assert other_weeks_of_month(frozenset({(6, 1)}), frozenset({(6, 3)}))
    assert not other_weeks_of_month(frozenset({(6, 1), (6, 3)}), frozenset({(6, 3)}))
    assert not other_weeks_of_month(frozenset({(5, 1)}), frozenset({(6, 3)}))
    assert not other_weeks_of_month(frozenset(), frozenset({(6, 3)}))


@pytest.mark.parametrize("text", ["When: every Tuesday and Friday, 10:30 am – 12:30 pm, 16 December to 24 February 2026.",
                                  "Di. 10:30 Uhr, 16. Dezember bis 24. Februar"])
def test_the_day_of_a_date_after_the_time_is_not_another_slot(text: str) -> None:
    assert {minute for _, minute in parse_weekly_slots(text)} == {630}


@pytest.mark.parametrize(("text", "slots"), [
    ("2.Do/Mon. 18-21", {(3, 1080)}),  # before: Monday and Thursday
    ("1.Mi/Mon. 18-21", {(2, 1080)}),
    ("Mo/Mi 16-18", {(0, 960), (2, 960)}),
])
def test_a_spreadsheets_month_is_no_monday(text: str, slots: set[tuple[int, int]]) -> None:
    assert parse_weekly_slots(text) == slots
