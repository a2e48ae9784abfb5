from __future__ import annotations

import json

import pytest

from schemas import Offer

from hub.engine.dedupe.profile import profile_from_dict, profile_of, profile_of_record, title_terms

from tests.engine.dedupe.factories import record
from tests.synthetic.offers import generate_offers
from tests.synthetic_c import generate as generate_c
from tests.synthetic_e import generate as generate_e

OCCURRED = {"occurred_at": "2026-01-05T09:00:00+01:00"}


def test_profile_of_reads_the_offer_model() -> None:
    data = record(
        "7d7c4c1e-0000-5000-8000-000000000001",
        schedule={"timezone": "Europe/Berlin", "rules": [{"rrule": "FREQ=WEEKLY;BYDAY=TH", "dtstart": "2026-01-08T10:00:00", "duration_minutes": 90}], "windows": []},
        contact={"email": "kontakt@wi-gruenau.example.org", "phone": "+49 341 555 0101", "url": "https://wi-gruenau.example.org"},
        location={"street": "Stuttgarter Allee 12", "postcode": "04209", "city": "Leipzig", "lat": 51.32, "lon": 12.29},
    )
    profile = profile_of(Offer.model_validate({**data, **OCCURRED}))
    assert profile.ags == "14713000" and profile.districts == ("Grünau",)
    assert profile.organisation_name == "Willkommensinitiative Grünau e.V." and profile.organisation_kind == "initiative"
    assert profile.street == "Stuttgarter Allee 12" and profile.postcode == "04209" and profile.lat == 51.32
    assert profile.phone == "+49 341 555 0101" and profile.url == "https://wi-gruenau.example.org"
    # The Thursday rule and "jeden Di 18-20 Uhr" in the description both count.
    assert profile.weekly_slots == {(3, 600), (1, 1080)}
    assert profile.capacity == 12 and profile.status == "active"
    assert profile.target_groups == {"adults"} and profile.languages == {"de"}


def test_model_and_plain_record_give_the_same_profile() -> None:
    for data in generate_offers(seed=11, n_offers=80).records:
        assert profile_of(Offer.model_validate({**data, **OCCURRED})) == profile_of_record({**data, **OCCURRED})


def test_the_record_the_engine_stores_gives_the_profile_of_its_model() -> None:
    """The engine keeps no texts of an offer and profiles it from its stored record (hub/engine/compact.py)."""
    sources = [generate_offers(seed=12, n_offers=120).records, generate_c(seed=12, n_offers=150)[0],
               generate_e(seed=12, n_offers=150)[0]]
    for records in sources:
        for data in records:
            offer = Offer.model_validate({**OCCURRED, **data})
            stored = json.loads(json.dumps(offer.model_dump(mode="json")))
            assert profile_of_record(stored) == profile_of(offer), offer.id


def test_optional_parts_may_be_missing() -> None:
    profile = profile_of_record(record("a", location=None, contact=None, schedule=None, description=""))
    assert profile.street == "" and profile.lat is None and profile.contact_keys == frozenset()


def test_profile_round_trips_through_a_dict() -> None:
    profile = profile_of_record(record("a"))
    assert profile_from_dict(profile.to_dict()) == profile


def test_one_off_days_stored_as_iso_dates_are_restored_without_the_year() -> None:
    window = {"timezone": "Europe/Berlin", "rules": [],
              "windows": [{"start": "2026-09-05T15:00:00+02:00", "end": "2026-09-05T18:00:00+02:00"}]}
    profile = profile_of_record(record("fair", schedule=window))
    assert profile.one_off_dates == {"09-05"}
    stored_earlier = {**profile.to_dict(), "one_off_dates": ["2026-09-05"]}  # state written before days lost the year
    assert profile_from_dict(stored_earlier) == profile


def _windows(*starts: str) -> dict:
    return {"timezone": "Europe/Berlin", "rules": [],
            "windows": [{"start": start, "end": start.replace("T16:", "T18:")} for start in starts]}


def test_an_event_calendars_next_dates_of_a_weekly_offer_are_no_one_off_days() -> None:
    # three Mondays at 16:00: the calendar's way of listing a weekly offer
    calendar = profile_of_record(record("cal", description="", schedule=_windows(
        "2026-10-19T16:00:00+02:00", "2026-10-26T16:00:00+01:00", "2026-11-02T16:00:00+01:00")))
    assert calendar.one_off_dates == frozenset() and calendar.weekly_slots == {(0, 960)}


def test_a_week_of_a_holiday_programme_stays_dated() -> None:
    week = profile_of_record(record("week", description="", schedule=_windows(
        "2026-10-19T16:00:00+02:00", "2026-10-20T16:00:00+02:00", "2026-10-21T16:00:00+02:00")))
    assert week.one_off_dates == {"10-19", "10-20", "10-21"}


def test_a_course_start_in_the_title_is_no_event_day() -> None:
    course = profile_of_record(record("course", title="Deutsch-Kurs B1 – ab 14.09.2026", description="Mo-Fr 9:30-11:45 Uhr"))
    assert course.one_off_dates == frozenset() and len(course.weekly_slots) == 5


def test_a_rule_that_ended_before_the_record_was_made_is_no_time_of_the_offer() -> None:
    def rule(until: str) -> dict:
        return {"timezone": "Europe/Berlin", "windows": [],
                "rules": [{"rrule": f"FREQ=WEEKLY;BYDAY=TH;UNTIL={until}", "dtstart": "2025-03-06T10:30:00+01:00"}]}
    kept_old_term = record("old", description="Mi 10:30-13:30 Uhr", schedule=rule("20250803T210000Z"),
                           occurred_at="2026-03-01T09:00:00+01:00")
    this_term = record("term", description="", schedule=rule("20260731T210000Z"), occurred_at="2026-03-01T09:00:00+01:00")
    assert profile_of_record(kept_old_term).weekly_slots == {(2, 630)}  # the Wednesday of the text only
    assert profile_of_record(this_term).weekly_slots == {(3, 630)}


def test_an_ended_rule_still_makes_the_offer_a_recurring_one() -> None:
    ended = {"timezone": "Europe/Berlin", "windows": [],
             "rules": [{"rrule": "FREQ=WEEKLY;BYDAY=TH;UNTIL=20250803T210000Z", "dtstart": "2025-03-06T10:30:00+01:00"}]}
    listing = record("old", description="Seit dem 1. März 2025 im Stadtteilladen.", schedule=ended,
                     occurred_at="2026-03-01T09:00:00+01:00")
    assert profile_of_record(listing).one_off_dates == frozenset()  # its date is a start, not an event


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sprach- und Begegnungscafé", {"#conversation", "#conversation:cafe", "#meeting"}),
        ("Jugend-, Familien- und Sozialberatung", {"#counselling", "@youth", "@families"}),
        ("Kinder- und Jugendtreff", {"#meeting", "@children", "@youth"}),
    ],
)
def test_an_elided_compound_lends_its_head_to_the_parts_before_it(title: str, expected: set[str]) -> None:
    assert title_terms(title) == expected


def test_an_elided_part_without_a_known_head_stays_as_written() -> None:
    # no end of "Freizeitangebote" names an activity: nothing is guessed
    assert title_terms("Sport- und Freizeitangebote") == {"#sport", "freizeitangebote"}


def test_a_title_word_naming_the_activity_stays_where_the_venue_is_named_after_it() -> None:
    assert title_terms("Fahrradwerkstatt in List", "Fahrradwerkstatt KI Hannover") >= {"#bicycle", "#repair"}
    # a kind of place in the venue's name is the place, not the offer
    assert title_terms("Hausaufgabenhilfe – Stadtteilbibliothek Schwabing", "Stadtteilbibliothek Schwabing") == \
        title_terms("Hausaufgabenhilfe")


def test_a_calendar_post_that_says_weekly_lists_a_weekly_offer_not_an_event() -> None:
    weekly = profile_of_record(record("weekly", title="Jeden Donnerstag: Offenes Fußballtraining", description="",
                                      schedule=_windows("2026-11-19T16:00:00+01:00")))
    assert weekly.one_off_dates == frozenset() and weekly.weekly_slots == {(3, 960)}
    # "jeder ist willkommen" says nothing about weeks: a dated party stays an event on its day
    party = profile_of_record(record("party", title="Sommerfest – jeder ist willkommen", description="",
                                     schedule=_windows("2026-08-20T16:00:00+02:00")))
    assert party.one_off_dates == {"08-20"}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Baby-Kleiderbörse", {"#baby_goods", "#clothing", "#swap"}),  # the baby's things, not any clothes
        ("Kinder Betreuung", {"#childcare", "@children"}),
        ("Frauengruppe in Linden", {"@women", "linden"}),  # an audience does not join any next word
    ],
)
def test_a_first_part_naming_an_audience_joins_the_next_where_the_whole_names_another_activity(
    title: str, expected: set[str]
) -> None:
    assert title_terms(title) == expected


@pytest.mark.parametrize(
    ("title", "meant"),
    [
        ("Schachabend", "#play"), ("Chess for everyone", "#play"), ("Streetball", "#sport:basketball"),
        ("Ehrenamtliche Deutschlehrer gesucht", "#language_course:german"),
        ("Alpha ab 23.02.2026", "#language_course:literacy"),
        ("Vorbereitung auf den DTZ", "#language_course:german"), ("Arztbegleitung", "#doctor"),
        ("Kreistänze aus aller Welt", "#dance"), ("Radgruppe", "#cycling"), ("MBE", "#counselling"),
        ("Whg.-Suche", "#housing"), ("Hilfe bei Briefen", "#authorities"), ("Mobil in der Stadt", "#transport"),
        ("Arztsuche-Hilfe", "#doctor"), ("Patenschaften für Azubis", "#job"), ("Laufgruppe", "#sport:running"),
        ("WG-Zimmer-Vermittlung", "#housing"), ("Zimmer frei", "#housing"), ("Spielzimmer", "#play"),
        ("Finanzsprechstunde", "#banking"), ("Finanz-Sprechst.", "#banking"), ("Kassenwart/Finanzen", "#bookkeeping"),
        ("Internationaler Tanzkreis", "#dance"), ("Tanzgruppe", "#dance"), ("Lauftreff", "#sport:running"),
        ("KiBe Termine", "#childcare"), ("Sitterdienst", "#childcare"), ("Box-Training", "#sport:boxing"),
        ("Papiere-Sprechstunde", "#authorities"), ("Jackenbörse", "#clothing"), ("Hausmeisterdienste", "#repair"),
        ("Handwerk", "#repair"), ("Mathe-Helden", "#homework"), ("Jugendraum", "#meeting"),
        ("PSZ-Sprechst.", "#psycho"), ("EH-Kurs", "#health:first_aid"), ("FS-Theorie", "#driving_licence"),
        ("AVB", "#asylum"), ("Umzüge und Transporte", "#moving"), ("Radspenden", "#bicycle"),
        ("Patenschaften für Auszubildende", "#job"), ("ÖA", "#public_relations"), ("Mi 16-19 JuTreff", "#meeting"),
        ("Rückenfit für Frauen", "#sport"), ("Fahrschultheorie", "#driving_licence"),
        ("Sprachfreunde", "#conversation"), ("Baby starter kits", "#baby_goods"),
    ],
)
def test_common_words_and_programme_names_of_volunteer_listings_name_their_activity(title: str, meant: str) -> None:
    assert meant in title_terms(title)


def test_a_cv_is_no_run() -> None:
    assert title_terms("Lebenslauf-Sprechstunde") == {"#job", "#counselling"}


def test_a_room_for_something_is_no_room_to_live_in() -> None:
    # "Spielzimmer" is a playroom, "Nähzimmer" a sewing room: the room says where, not housing
    assert "#housing" not in title_terms("Spielzimmer")
    assert title_terms("Nähzimmer") == {"#sewing"}


def test_second_hand_things_are_not_all_clothes() -> None:
    assert title_terms("Second-hand furniture for free") == title_terms("Furniture for free") | {"second", "hand"}
    assert "#clothing" in title_terms("Second-Hand-Kleidung")


def test_a_pool_of_people_is_no_swimming_pool() -> None:
    assert title_terms("Babysitter-Pool") == title_terms("Babysitter")
    assert title_terms("Dolmetscher-Pool") == title_terms("Dolmetscher")
    assert "#swimming" not in title_terms("Dolm.-Pool")
    assert "#swimming" in title_terms("Schwimmen im Pool")


@pytest.mark.parametrize(
    ("title", "meant"),
    [
        ("Dolm.-Pool", "#interpreting"), ("Prakt.-Vermittl.", "#job"), ("Lehrmat.", "#materials"),
        ("Info Versich. EA", "#insurance"), ("Förderber.", "#fundraising"),
        ("Sprachförd. Kinder", "#language_course"),
        ("Alphab.-Kurs", "#language_course"), ("Kinderbetr. Kurs", "#childcare"), ("Tanzgr.", "#dance"),
        ("Lauftr.", "#sport:running"), ("Erstausst. Baby", "#baby_goods"), ("Sozialber.", "#counselling"),
        ("Fortb. Ehrenamt", "#volunteer_training"), ("Mi 17h-18h30 Box-Tr.", "#sport:boxing"),
    ],
)
def test_a_word_cut_short_is_read_by_the_stem_it_begins(title: str, meant: str) -> None:
    assert meant in title_terms(title)


@pytest.mark.parametrize(
    ("title", "not_meant"),
    [
        ("Radfahrk.", "#transport"),  # read by "radfahr" already: its end "fahrk" is no "Fahrkarte"
        ("Anmeld.", "#authorities"),  # "an|meld" is no compound: "meld" is not read on its own
        ("MikroprojekteFörde.", "#fundraising"),  # "Förde." is more often "Förderung" than "Fördergeld"
        ("Frauenschw.", "#swimming"),  # "schw": swimming or pregnancy, too many words begin so
        ("Migr.-Ber.", "#authorities"),  # "Migr." is "Migration" more often than an office for it
    ],
)
def test_a_word_cut_short_is_not_read_where_its_end_begins_other_words_as_well(title: str, not_meant: str) -> None:
    assert not_meant not in title_terms(title)


def test_a_word_cut_short_and_the_same_word_written_out_have_one_activity() -> None:
    assert title_terms("Dolm.-Pool") == title_terms("Dolmetscher-Pool")
    assert "#cycling" in title_terms("Radfahrk.")


def test_offers_of_one_organisation_share_their_recurring_values() -> None:
    # Memory per indexed offer: equal values recur across a city's offers and are kept once; an offer's own
    # id and description are not shared.
    first = profile_of_record(record("a", description="Wir treffen uns im Gemeindehaus."))
    second = profile_of_record(record("b", description="Wir treffen uns im Gemeindehaus."))
    for name in ("source", "organisation_name", "street", "title", "districts", "weekly_slots", "languages",
                 "title_terms", "title_norm", "organisation_expanded", "street_norm"):
        assert getattr(first, name) is getattr(second, name), name
    assert first.description == second.description
    assert profile_from_dict(first.to_dict()).title_terms is first.title_terms  # a restored profile shares too


def test_an_unknown_value_type_passes_the_sharing_unchanged() -> None:
    from hub.engine.dedupe.profile import shared

    many = frozenset(f"word{number}" for number in range(40))  # larger than the table keeps
    assert shared(many) is many and shared(None) is None and shared(3.5) == 3.5
    assert shared(("a", "b")) is shared(tuple("ab"))
