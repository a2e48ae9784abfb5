"""Comparisons that generalise: titles by activity concept, organisation spellings, venues by name, levels."""

from __future__ import annotations

import pytest

from hub.engine.dedupe.comparisons import LEVELS, compare, group_marks, organisation_similarity, title_similarity
from hub.engine.dedupe.config import DedupeConfig, model_of
from hub.engine.dedupe.lexicon import concepts_of_word
from hub.engine.dedupe.profile import OfferProfile, profile_from_dict

from tests.engine.dedupe.factories import profile

CONFIG = DedupeConfig()


def _title(a: str, b: str) -> float:
    similarity = title_similarity(profile("a", title=a), profile("b", title=b), {}, 5.0)
    assert similarity is not None
    return similarity


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Begleitung zu Behörden", "Behördenbegleitung"),
        ("Fußballtraining für Jugendliche", "Sport-Treff für junge Geflüchtete"),
        ("Internationales Begegnungscafé", "Treffpunkt Café der Kulturen"),
        ("Hausaufgabenhilfe", "Homework help"),
        ("Sprachcafé", "Language café"),
        ("Nach Hilfe für Schüler*innen", "Nachhilfe für Schüler"),  # a compound written apart, a gender ending
        ("Begleitung beim Einkaufen", "Einkaufshilfe"),
        ("Hilfe im Alltag", "Alltagsbegleitung"),  # help with daily life as a whole
        ("Alltagshilfe für Neuangekommene", "Help with everyday life"),
        ("Spielenachmittag", "Offener Spieletreff"),
        ("Sprachtandem", "Sprachpatenschaft"),
        ("Refugee Law Clinic", "Rechtsberatung für Geflüchtete"),
        ("Fahrräder für Geflüchtete", "Fahrradspenden-Ausgabe"),
        ("Sprach- und Begegnungscafé", "Sprachcafé"),  # an elided compound written out
        ("Spendenräder", "Fahrradausgabe"),  # bikes in the plural
        ("Dt.-Café", "Deutsch-Café"),
        ("Begegnungscafé in Moosach", "Begegnungscafé"),  # a meeting café is an activity, not filler
        ("Sprechst. Papierkram", "Papierkram-Sprechstunde"),  # a word cut short with a full stop
        ("HaushaltswarenAusg.", "Haushaltswaren-Ausgabe"),  # and run together with the word before
        ("Hausaufg.hilfe ab 11 J.", "Hausaufgabenhilfe für Jugendliche"),  # cut short inside a compound
    ],
)
def test_titles_worded_differently_for_the_same_activity_are_alike(first: str, second: str) -> None:
    assert _title(first, second) >= 0.45  # "related" or better


@pytest.mark.parametrize(
    ("first", "second"),
    [("Bürohilfe", "Buchhaltung"), ("Nähwerkstatt", "Fahrradwerkstatt"), ("Öffentlichkeitsarbeit", "Einkaufshilfe"),
     ("Erstausstattung für Babys", "Spendenräder")],
)
def test_different_roles_of_one_organisation_are_not_alike(first: str, second: str) -> None:
    assert _title(first, second) < 0.25


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Zumba Instructor for Shape Up", "Yoga Instructor for Shape Up"),
        ("Website Design for Professionals", "Graphic Design for Professionals"),
        ("Deutschkurs am Abend", "English class in the evening"),
        ("Eastern volunteer day", "Western volunteer day"),
        # learning to read and write is another course than German for beginners
        ("Alphabetisierungskurs", "Deutschkurs A1"),
        ("Lesen und Schreiben lernen", "German course for beginners"),
        # a language café and a language tandem are two formats of practising German
        ("Sprachcafé", "Sprachtandem"), ("Language café", "Language tandem"),
        # a group's festival is a day of its own, not the group's weekly offer
        ("Sommerfest im Sprachcafé", "Sprachcafé"),
    ],
)
def test_titles_naming_other_kinds_of_one_activity_are_siblings_not_copies(first: str, second: str) -> None:
    [(level, _)] = [compare(profile("a", title=first), profile("b", title=second), CONFIG, {}, 5.0)["title_contrast"]]
    assert level == 1  # each title swaps in a word of its own
    assert _title(first, second) < 0.7  # below "close"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Ferienbetreuung – Gruppe 1", "Ferienbetreuung – Gruppe 2"),
        ("Deutschkurs A1", "Deutschkurs A2"),
        ("Deutschkurs A1 – Anfänger", "Deutschkurs A1 – Fortgeschrittene"),
        ("German class for beginners", "German class (advanced)"),
        ("Nähen – Kurs II", "Nähen – Kurs I"),
        ("Kochtreff für Frauen", "Kochtreff für Jugendliche"),  # one format for two audiences
        ("Deutsch-Café für Frauen", "Language café for young people"),
        # both international, or both for beginners, and yet for two groups of people
        ("Internationaler Frauentreff", "Internationaler Jugendtreff"),
        ("Computerkurs für Einsteiger für Jugendliche", "PC-Grundkurs für Frauen"),
        # the morning and the evening group, in either language
        ("Formularhilfe – Vormittagsgruppe", "Sprechstunde für Post und Anträge: Abendgruppe"),
        ("Help with letters (morning group)", "Papiere-Sprechstunde (abends)"),
        # one course's terms, one programme's holidays
        ("Deutschkurs A2 – Herbstkurs 2025", "Deutschkurs A2 – Frühjahrskurs 2026"),
        ("Computer basics (autumn term 2025)", "Computerkurs für Einsteiger (Frühjahrskurs 2026)"),
        ("Herbstferien 2025: Ferienbetreuung", "Sommerferien 2025: Ferienbetreuung"),
        ("Sommerkurs 2025: Deutschkurs", "Sommerkurs 2026: Deutschkurs"),
        # a course that starts in another term; the literacy course below A1
        ("Berufsbezogenes Deutsch – B1 – ab 23.02.2026", "Deutsch am Arbeitsplatz – B1 – ab 14.09.2026"),
        ("Alphabetisierung (Kurs ab 22. Februar 2027)", "Alphabetisierung / Literacy course spring 2026"),
        ("Prüfungsvorbereitung B1", "Alpha-Kurs"),
        # one activity for children and for the young by age
        ("Fußball ab 11 J.", "Fussball 6-10 J."),
        ("Trommeln – Kinder von 6 bis 10 Jahren", "Trommeln für Kinder (ab 11 Jahren)"),
        ("Mobile playgroup (children aged 6 to 10)", "Spielgruppe 3-5 Jahre"),
    ],
)
def test_titles_marking_other_groups_or_levels_of_one_offer_are_siblings(first: str, second: str) -> None:
    [(level, _)] = [compare(profile("a", title=first), profile("b", title=second), CONFIG, {}, 5.0)["title_contrast"]]
    assert level == 1
    assert _title(first, second) < 0.95  # not "same"


@pytest.mark.parametrize(("first", "second"), [("Deutschkurs A1", "Deutschkurs"), ("Deutschkurs A1", "Deutsch für Anfänger"),
                                               ("Ferienbetreuung Gruppe 2", "Ferienbetreuung – Gruppe 2"),
                                               ("Frauencafé", "Begegnungscafé für Frauen"), ("Kochtreff", "Kochtreff für Frauen"),
                                               ("Formularhilfe – Vormittagsgruppe", "Formularhilfe"),
                                               ("Deutschkurs – Herbstkurs 2025", "Deutschkurs")])
def test_a_group_or_level_named_on_one_side_only_or_on_both_alike_is_no_contrast(first: str, second: str) -> None:
    [(level, _)] = [compare(profile("a", title=first), profile("b", title=second), CONFIG, {}, 5.0)["title_contrast"]]
    assert level == 0


@pytest.mark.parametrize(("first", "second"), [("Meeting rooms for initiatives", "Raumvergabe für Ehrenamtsgruppen"),
                                               ("Help with the job search", "Unterstützung bei der Jobsuche")])
def test_a_german_and_an_english_title_have_words_of_their_own_without_contrast(first: str, second: str) -> None:
    [(level, _)] = [compare(profile("a", title=first), profile("b", title=second), CONFIG, {}, 5.0)["title_contrast"]]
    assert level == 0


def test_the_words_of_a_phrase_stand_for_the_phrase_not_for_their_own_concepts() -> None:
    # "Deutsch-Café" is a conversation café: its "Deutsch" is the language spoken, not a course
    assert _title("Deutsch-Café", "Deutschkurs A1") < 0.45
    assert _title("Deutsch-Café", "Sprachcafé") >= 0.95
    assert _title("Deutsch lernen", "Deutschkurs") >= 0.95


@pytest.mark.parametrize(("first", "second"), [("Bewerbungstraining", "Bewrbungstraining"),
                                               ("Spielgruppe für Kleinkinder", "Spieglruppe für Kleinkinder"),
                                               ("Fahrradkurs für Frauen", "Fahrardkurs fuer Frauen")])
def test_a_typo_does_not_hide_the_activity(first: str, second: str) -> None:
    assert _title(first, second) >= 0.95
    assert _title(second, first) >= 0.95


def test_a_title_naming_one_activity_of_the_others_two_agrees_unless_only_a_broad_one_is_shared() -> None:
    assert _title("Kleiderkammer", "Kleiderspenden-Ausgabe") >= 0.95  # clothing, given as donations
    # donations or counselling in common, and a narrower activity on one side: another offer, below
    # "related" (0.45)
    assert _title("Spendenlager", "Fahrradspenden-Ausgabe") < 0.45
    assert _title("Sachspenden-Annahme", "Möbelspenden") < 0.45
    assert _title("Psychosoziale Beratung", "Migrationsberatung für Erwachsene") < 0.7


def test_a_title_naming_only_the_activity_fits_any_of_its_kinds() -> None:
    assert _title("Yoga für Frauen", "Sport für Frauen") >= 0.7
    assert _title("Fußballtraining", "Sport-Treff") >= 0.7


def test_a_title_word_common_in_the_municipality_weighs_little() -> None:
    a, b = profile("a", title="Event Planning for Professionals"), profile("b", title="Photography for Professionals")
    rare = title_similarity(a, b, {}, 5.0)
    common = title_similarity(a, b, {"professionals": 1.0}, 5.0)
    assert rare is not None and common is not None and common < rare


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("AWO Kreisverband Leipzig", "Arbeiterwohlfahrt Kreisverband Leipzig e.V."),
        ("Willkommensinitiative Grünau e.V.", "WILLKOMMENSINITIATIVE GRUENAU"),
        ("Willkommensinitiative Grünau", "Wilkommensinitiative Grünau gGmbH"),
        ("Deutsch-Arabischer Kulturverein Hamburg e.V.", "DAKV Hamburg"),  # initials, one of a compound's parts
        ("Bürgerverein Gorbitz", "BV Gorbitz"),
        ("Stadt Marburg – Amt für Integration", "Stadt Marburg, Integrationsbüro"),
        ("City of Marburg – Integration Office", "Stadt Marburg – Amt für Integration"),
        ("Neighbourhood Network Nippes", "Netzwerk Nachbarschaft Nippes"),
        ("Helpers' circle Neustadt", "Helferkreis Neustadt"),
        ("RW Gohlis", "Refugees Welcome Gohlis"),  # initials of the name as written, not its canonical form
        ("DW Leipzig", "Diakonisches Werk Leipzig e.V."),
        ("Citizens' association Marzahn", "Bürgerverein Marzahn"),
        ("Neustadt Housing Cooperative", "Wohnungsbaugenossenschaft Neustadt eG"),
        ("WBG Barmbek", "Wohnungsgenossenschaft Barmbek"),
        ("Open Workshop Gostenhof", "Offene Werkstatt Gostenhof"),
        ("Mentoring Network Greifswald", "Patenschaftsnetz Greifswald"),
        ("German-Arab Cultural Association Hamburg", "Deutsch-Arabischer Kulturverein Hamburg e.V."),
        ("Together in Stadtmitte", "Zusammen in Stadtmitte"),
        ("International Neighbours Tübingen", "Internationaler Bund der Nachbarn Tübingen e.V."),
        ("Mosaik Association for Encounter Freiburg", "Mosaik – Verein für Begegnung Freiburg e.V."),
        ("Kassel Mentors' Circle", "Patenkreis Kassel"), ("Friends of Refugees Zentrum", "Freundeskreis Asyl Zentrum"),
        ("Weimar Volunteer Centre", "Freiwilligenagentur Weimar"), ("Amt für Soziales Erfurt", "Sozialamt Erfurt"),
        ("Baptist Church Bielefeld-Sennestadt", "Evangelisch-Freikirchliche Gemeinde (Baptisten) Bielefeld-Sennestadt"),
        ("EFG Göttingen-Weende", "Baptistengemeinde Weende"), ("FlüHi Wesertor", "Flüchtlingshilfe Wesertor"),
        ("Malteser Hilfsdienst e.V. Stadtgliederung Leipzig", "Malteser Leipzig"),
    ],
)
def test_organisation_spellings_legal_forms_and_abbreviations_meet(first: str, second: str) -> None:
    a = profile("a", organisation={"name": first, "kind": "association"})
    b = profile("b", organisation={"name": second, "kind": "association"})
    assert (organisation_similarity(a, b) or 0.0) >= 0.85


def test_the_city_is_no_part_of_the_organiser() -> None:
    def in_town(name: str, city: str) -> OfferProfile:
        return profile(name, organisation={"name": name, "kind": "association"},
                       location={"street": None, "postcode": None, "city": city})

    assert organisation_similarity(in_town("Diakonisches Werk Frankfurt am Main e.V.", "Frankfurt am Main"),
                                   in_town("Diakonie", "Frankfurt am Main")) == 1.0
    assert (organisation_similarity(in_town("Willkommensinitiative Grünau", "Leipzig"),
                                    in_town("Willkommensinitiative Gohlis", "Leipzig")) or 0.0) < 0.6


@pytest.mark.parametrize(("first", "second"), [
    ("Frauentreff Mitte", "FT Nord"),
    ("Bürgerverein Gorbitz", "BV Prohlis"),
    ("Helferkreis Asyl Neustadt", "AH Neustadt"),  # initials out of order are no abbreviation
    ("Together in Stadtmitte", "Willkommen in Stadtmitte"),  # a translated word is still that word
    ("Zusammen in Stadtmitte", "Zusammen in Altstadt"),
])
def test_initials_and_names_of_another_group_do_not_meet(first: str, second: str) -> None:
    a = profile("a", organisation={"name": first, "kind": "association"})
    b = profile("b", organisation={"name": second, "kind": "association"})
    assert (organisation_similarity(a, b) or 0.0) < 0.6


def test_a_date_in_one_text_meets_the_window_of_the_other() -> None:
    window = {"timezone": "Europe/Berlin", "rules": [],
              "windows": [{"start": "2026-09-05T15:00:00+02:00", "end": "2026-09-05T18:00:00+02:00"}]}
    listed = profile("listed", description="Schulstart-Aktion", schedule=window)
    same_day = profile("same", description="Wann? am 5. September von 15 bis 18 Uhr")
    other_day = profile("other", description="Wann? am 12. September von 15 bis 18 Uhr")
    assert compare(listed, same_day, CONFIG, {}, 5.0)["schedule"][0] == 0
    assert compare(listed, other_day, CONFIG, {}, 5.0)["schedule"][0] == 2
    # a weekday before the date names the day of one event, not a weekly offer
    with_weekday = profile("weekday", description="Termine: Sa. 5.9., 15:00-18:00 Uhr")
    assert compare(with_weekday, same_day, CONFIG, {}, 5.0)["schedule"][0] == 0
    assert compare(with_weekday, other_day, CONFIG, {}, 5.0)["schedule"][0] == 2


def test_a_dated_event_and_the_weekly_offer_on_its_weekday_and_hour_are_two_offers() -> None:
    weekly = {"timezone": "Europe/Berlin", "windows": [],
              "rules": [{"rrule": "FREQ=WEEKLY;BYDAY=TH", "dtstart": "2026-01-08T14:30:00+01:00", "duration_minutes": 90}]}
    training = profile("weekly", title="Fußballtraining", description="", schedule=weekly)
    tournament = profile("event", title="Fußballturnier", description="Donnerstag, 16.7.2026, ab 14:30 Uhr")
    also_weekly = profile("text", title="Fußballtraining", description="Donnerstags ab 14:30 Uhr")
    assert compare(training, tournament, CONFIG, {}, 5.0)["schedule"][0] == 2
    assert compare(training, also_weekly, CONFIG, {}, 5.0)["schedule"][0] == 0


def _dated(*days: str, hour: str = "16:00") -> dict:
    return {"timezone": "Europe/Berlin", "rules": [], "windows": [
        {"start": f"{day}T{hour}:00+02:00", "end": f"{day}T20:00:00+02:00"} for day in days]}


def test_an_event_calendars_next_dates_of_a_recurring_offer_are_its_meetings() -> None:
    weekly = {"timezone": "Europe/Berlin", "windows": [], "rules": [
        {"rrule": "FREQ=WEEKLY;BYDAY=MO,TU,TH", "dtstart": "2026-02-16T16:00:00+01:00", "duration_minutes": 240}]}
    youth_cafe = profile("weekly", title="Jugendcafé", description="", schedule=weekly)
    # Monday, Tuesday and Thursday of one week: the café's next three afternoons
    calendar = profile("calendar", title="Jugendcafé", description="", schedule=_dated("2026-10-19", "2026-10-20", "2026-10-22"))
    assert compare(youth_cafe, calendar, CONFIG, {}, 5.0)["schedule"][0] == 0
    # one of the dates on another weekday: not the café's meetings
    other_day = profile("other", title="Jugendcafé", description="", schedule=_dated("2026-10-19", "2026-10-21"))
    assert compare(youth_cafe, other_day, CONFIG, {}, 5.0)["schedule"][0] == 2
    # one date on its weekday and hour stays the group's special day (see the tournament above)
    one_day = profile("one", title="Jugendcafé", description="", schedule=_dated("2026-10-19"))
    assert compare(youth_cafe, one_day, CONFIG, {}, 5.0)["schedule"][0] == 2


def test_one_date_on_the_weekday_of_the_month_a_monthly_offer_meets_is_its_meeting() -> None:
    monthly = profile("monthly", title="Kulturschlüssel", description="jeden 2. Donnerstag im Monat, 18-21 Uhr")
    assert monthly.month_weeks == {(3, 2)}
    second_thursday = profile("dated", title="Kulturschlüssel", description="", schedule=_dated("2026-11-12", hour="18:00"))
    third_thursday = profile("later", title="Kulturschlüssel", description="", schedule=_dated("2026-11-19", hour="18:00"))
    assert compare(monthly, second_thursday, CONFIG, {}, 5.0)["schedule"][0] == 0
    assert compare(monthly, third_thursday, CONFIG, {}, 5.0)["schedule"][0] == 2


@pytest.mark.parametrize(("first", "second", "level"), [
    ("Stadtteilbibliothek Connewitz", "Stadtteilbibliothek Reudnitz", 2),  # one kind of place, two places
    ("Gemeindehaus St. Lukas", "Gemeindehaus St. Markus", 2),
    ("JuZ Chorweiler", "Jugendzentrum Chorweiler", None),  # a short form is no other place
    ("Bibliothek Grünau", "Stadtteilbibliothek Grünau", None),
    ("Familienzentrum Ehrenfeld", "Bürgerhaus Nippes", 2),  # two kinds of place, two names: two places
    ("Familienzentrum", "Bürgerhaus Nippes", None),  # a kind without its name may be any of them
    ("Pfarrheim St. Marien", "Pfarrsaal St. Marien", None),  # one place called by two kinds of room
    ("Stadtteiltreff Höchst", "Stadtteilzentrum Höchst", None),
])
def test_places_of_one_kind_with_other_names_are_other_places(first: str, second: str, level: int | None) -> None:
    a = profile("a", location={"name": first, "street": None, "postcode": None})
    b = profile("b", location={"name": second, "street": None, "postcode": None})
    venue = compare(a, b, CONFIG, {}, 5.0).get("venue")
    assert (venue[0] if venue and venue[0] == 2 else None) == level


def test_a_place_name_places_a_pair_without_street_or_coordinates() -> None:
    a = profile("a", location={"name": "Jugendzentrum Chorweiler", "street": None, "postcode": None})
    b = profile("b", location={"name": "Jugendzentrum Chorweiler", "street": None, "postcode": None})
    assert compare(a, b, CONFIG, {}, 5.0)["venue"][0] == 0


def test_every_comparison_stays_within_its_levels_and_missing_fields_are_left_out() -> None:
    a = profile("a")
    b = profile("b", title="Behördenbegleitung", location=None, contact=None, description="", category="health")
    found = compare(a, b, CONFIG, {}, 5.0)
    assert "venue" not in found and "contact" not in found and "place_and_time" not in found
    for name, (level, similarity) in found.items():
        assert 0 <= level < len(LEVELS[name]) and 0.0 <= similarity <= 1.0


def test_another_organiser_name_is_no_evidence_once_the_phone_or_the_place_and_time_agree() -> None:
    agency = {"name": "Freiwilligenagentur Leipzig", "kind": "agency"}
    by_phone = profile("b", organisation=agency, contact={"email": None, "phone": "0341 555 0101", "url": None})
    assert "organisation" not in compare(profile("a"), by_phone, CONFIG, {}, 5.0)
    elsewhere = profile("c", organisation=agency, contact={"email": "info@fwa.example.org", "phone": None, "url": None},
                        location={"street": "Karl-Heine-Straße 2", "postcode": "04229"})
    assert compare(profile("a"), elsewhere, CONFIG, {}, 5.0)["organisation"][0] == 3


def test_the_same_title_at_the_same_place_and_weekly_time_counts_as_within_one_group() -> None:
    # An agency re-lists an offer under its own name and contact: the organiser names share nothing,
    # yet the place and the weekly time are the offer's, so the title is compared as within one group.
    agency = {"name": "Freiwilligenagentur Leipzig", "kind": "agency"}
    relisted = profile("b", organisation=agency, contact={"email": "info@fwa.example.org", "phone": None, "url": None})
    found = compare(profile("a"), relisted, CONFIG, {}, 5.0)
    assert found["place_and_time"][0] == 0 and found["title_in_group"] == found["title"]
    elsewhere = profile("c", organisation=agency, contact={"email": "info@fwa.example.org", "phone": None, "url": None},
                        location={"street": "Karl-Heine-Straße 2", "postcode": "04229", "city": "Leipzig"})
    assert "title_in_group" not in compare(profile("a"), elsewhere, CONFIG, {}, 5.0)


def test_a_title_word_naming_the_other_offers_organiser_or_place_is_no_word_of_its_own() -> None:
    # The parish lists its furniture store by the hall it is in; the agency that re-lists it names the
    # parish in the title and the hall as the place. Neither word tells two offers apart.
    street = {"street": "Kirchweg 3", "postcode": "04209", "city": "Leipzig"}
    by_the_parish = profile("a", title="Möbellager im Gemeindehaus", location=street,
                            organisation={"name": "Katholische Pfarrgemeinde St. Thomas", "kind": "religious"})
    by_the_agency = profile("b", title="Möbellager Pfarrgemeinde St. Thomas", location={**street, "name": "Gemeindehaus"},
                            organisation={"name": "Freiwilligenagentur Leipzig", "kind": "agency"})
    found = compare(by_the_parish, by_the_agency, CONFIG, {}, 5.0)
    assert found["title"][0] <= 1 and found["title_contrast"][0] == 0
    # a word of its own that names neither offer's organiser or place still sets siblings apart
    north = profile("c", title="Möbellager Gruppe Nord", location=street)
    south = profile("d", title="Möbellager Gruppe Süd", location=street)
    assert compare(north, south, CONFIG, {}, 5.0)["title_contrast"][0] == 1


@pytest.mark.parametrize("german_cafe", ["Deutsch-Café", "Café Deutsch", "German café"])
def test_a_german_cafe_is_a_conversation_cafe(german_cafe: str) -> None:
    assert _title("Sprachcafé", german_cafe) >= 0.95


def test_a_short_alias_stands_only_as_a_word_of_its_own() -> None:
    from hub.engine.dedupe.lexicon import canonical_organisation

    assert canonical_organisation("dw koeln") == "diakonie koeln"
    assert canonical_organisation("handwerkskammer koeln") == "handwerkskammer koeln"  # no "dw" inside
    assert canonical_organisation("caritasverband koeln") == "caritas koeln"  # a long one also in a compound


@pytest.mark.parametrize(("text", "level"), [
    ("Lesepaten für Kinder. Ort: Stadtteilbibliothek Connewitz.", 0),
    ("Lesepaten für Kinder. Wo: Stadtteilbibliothek Reudnitz, Jahnstraße 14", 2),
    ("Kids reading club. Where: Stadtteilbibliothek Reudnitz", 2),
    ("Wir lesen vor Ort: in der Bibliothek", None),  # "vor Ort" is no label
])
def test_a_listing_without_a_place_is_placed_by_the_place_its_text_names(text: str, level: int | None) -> None:
    # The spreadsheet row names no location, its text does: it tells which of a group's places it lists.
    placed = profile("a", location={"name": "Stadtteilbibliothek Connewitz", "street": None, "postcode": None})
    unplaced = profile("b", description=text, location=None)
    venue = compare(placed, unplaced, CONFIG, {}, 5.0).get("venue")
    assert (venue[0] if venue else None) == level



_INTRO_AND_OFFER = ("Die Stadtbibliothek ist ein offener Ort für alle.\n\n"
                    "Wir vermitteln Sprachpatinnen und -paten, die sich einmal pro Woche mit Neuangekommenen treffen.")


def test_one_organisations_text_copied_whole_into_another_system_is_the_same_description() -> None:
    # every sentence is shared, the intro and the offer's own: no sentence is left to tell them apart,
    # and that is evidence of a copy, not of nothing
    first = profile("a", title="Sprachtandem", description=_INTRO_AND_OFFER, source="urn:koordinate:source:website")
    second = profile("b", title="Sprachtandem", description=_INTRO_AND_OFFER, source="urn:koordinate:source:hsds")
    assert compare(first, second, CONFIG, {}, 5.0)["description"] == (0, 1.0)


def test_a_copied_text_with_another_closing_note_is_still_the_same_description() -> None:
    # one system closes with "Termine nach Vereinbarung.", the other with "Nach Absprache.": notes that
    # name no activity; another role's own sentence ("Wir kochen ...") still sets the texts apart
    website = profile("a", title="Sprachtandem", description=_INTRO_AND_OFFER + " Termine nach Vereinbarung.",
                      source="urn:koordinate:source:website")
    portal = profile("b", title="Sprachtandem", description=_INTRO_AND_OFFER + " Nach Absprache.",
                     source="urn:koordinate:source:portal")
    assert compare(website, portal, CONFIG, {}, 5.0)["description"] == (0, 1.0)
    cooking = profile("c", title="Sprachtandem", description=_INTRO_AND_OFFER + " Wir kochen auch zusammen.",
                      source="urn:koordinate:source:portal")
    assert compare(website, cooking, CONFIG, {}, 5.0)["description"][0] > 0


def test_one_sources_same_text_under_several_listings_says_nothing() -> None:
    first = profile("a", title="Sprachtandem", description=_INTRO_AND_OFFER)
    second = profile("b", title="Lesepatenschaft", description=_INTRO_AND_OFFER)
    assert "description" not in compare(first, second, CONFIG, {}, 5.0)


def test_a_departments_address_and_the_central_one_of_one_domain_are_no_evidence_against() -> None:
    department = profile("a", contact={"email": "integration@caritas-erfurt.example.org", "phone": None, "url": None})
    central = profile("b", contact={"email": "info@caritas-erfurt.example.org", "phone": "0361 555 0100", "url": None})
    assert "contact" not in compare(department, central, CONFIG, {}, 5.0)


def test_an_organisations_home_page_beside_a_page_of_its_site_is_only_the_website_in_common() -> None:
    organisation = profile("a", contact={"email": None, "phone": None, "url": "https://www.awo-kiel.example/"})
    offer_page = profile("b", contact={"email": "hallo@awo-kiel.example", "phone": None,
                                       "url": "https://awo-kiel.example/angebote/sprachcafe"})
    assert compare(organisation, offer_page, CONFIG, {}, 5.0)["contact"] == (1, 1.0)


def test_two_pages_of_one_site_are_two_offers_pages() -> None:
    cafe = profile("a", contact={"email": "info@awo-kiel.example", "phone": None,
                                 "url": "https://awo-kiel.example/angebote/sprachcafe"})
    # the organisation's e-mail on both: still each offer's own page
    sewing = profile("b", contact={"email": "info@awo-kiel.example", "phone": None,
                                   "url": "https://awo-kiel.example/angebote/naehtreff"})
    assert compare(cafe, sewing, CONFIG, {}, 5.0)["contact"] == (2, 0.0)
    same_page = profile("d", contact={"email": None, "phone": "0431 555 0100",
                                      "url": "https://www.awo-kiel.example/angebote/sprachcafe/"})
    assert compare(cafe, same_page, CONFIG, {}, 5.0)["contact"] == (1, 1.0)
    elsewhere = profile("c", contact={"email": None, "phone": None, "url": "https://caritas-kiel.example"})
    assert compare(cafe, elsewhere, CONFIG, {}, 5.0)["contact"] == (2, 0.0)


def test_two_addresses_at_a_mail_provider_are_two_people() -> None:
    first = profile("a", contact={"email": "anna.helferin@gmail.com", "phone": None, "url": None})
    second = profile("b", contact={"email": "willkommen.gruppe@gmail.com", "phone": None, "url": None})
    assert compare(first, second, CONFIG, {}, 5.0)["contact"] == (2, 0.0)


def test_a_word_cut_short_stands_only_for_a_word_it_begins() -> None:
    assert _title("Kleiderkammer Ausg.", "Kleiderkammer Annahme") < _title("Kleiderkammer Ausg.", "Kleiderkammer Ausgabe")


def test_titles_sharing_only_a_frame_each_with_a_narrower_activity_of_its_own_are_different() -> None:
    # a café or a meeting point is the frame; what happens in it is the offer (the shipped model's IDF)
    model = model_of(CONFIG)

    def level(first: str, second: str) -> int:
        return compare(profile("a", title=first), profile("b", title=second), CONFIG, model.idf, model.default_idf)["title"][0]
    assert level("Sprachcafé", "Digital-Treff") == 4
    # one title naming only the frame is not set against the other ("weak": no evidence either way)
    assert level("Sprachcafé", "Begegnungscafé") == 3


@pytest.mark.parametrize(("word", "not_meant"), [("zugewanderte", "#excursion"), ("einwanderer", "#excursion"),
                                                 ("asylbewerber", "#job"), ("transportation", "#sport"),
                                                 ("digitalkurs", "#conversation")])
def test_a_word_holding_a_stem_without_meaning_it_is_not_read_as_its_activity(word: str, not_meant: str) -> None:
    assert not_meant not in concepts_of_word(word)


@pytest.mark.parametrize(("word", "meant"), [("bergwanderung", "#excursion"), ("wandergruppe", "#excursion"),
                                             ("bewerbungstraining", "#job"), ("frauensport", "#sport"),
                                             ("smalltalk", "#conversation")])
def test_the_stem_still_stands_for_its_activity_where_it_means_it(word: str, meant: str) -> None:
    assert meant in concepts_of_word(word)


def test_a_listing_made_after_the_others_rules_ended_is_not_set_against_their_times() -> None:
    # last term's listing: Wednesdays until the end of January; the newer listing, made in March, says Thursdays
    last_term = {"timezone": "Europe/Berlin", "windows": [], "rules": [
        {"rrule": "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260131T230000Z", "dtstart": "2025-09-03T18:00:00", "duration_minutes": 90}]}
    old = profile("old", description="", schedule=last_term, occurred_at="2025-09-01T10:00:00+02:00")
    newer = profile("new", description="jeden Donnerstag 18 Uhr", occurred_at="2026-03-02T10:00:00+01:00")
    assert "schedule" not in compare(old, newer, CONFIG, {}, 5.0)
    # made while the rule still held, the other listing's time is another time
    then = profile("then", description="jeden Donnerstag 18 Uhr", occurred_at="2025-12-01T10:00:00+01:00")
    assert compare(old, then, CONFIG, {}, 5.0)["schedule"][0] == 2


def test_coordinates_of_a_record_without_a_street_place_it_in_a_part_of_town_not_at_a_door() -> None:
    # about 1.4 km apart: two addresses are two places; a record with only a district's centre is near
    door = profile("door", location={"street": "Stuttgarter Allee 12", "postcode": "04209", "lat": 51.3300, "lon": 12.2700})
    other_door = profile("other", location={"street": "Lützner Straße 150", "postcode": "04209", "lat": 51.3300, "lon": 12.2900})
    centre = profile("centre", location={"street": None, "postcode": None, "lat": 51.3300, "lon": 12.2900})
    assert compare(door, other_door, CONFIG, {}, 5.0)["venue"][0] == 2
    assert compare(door, centre, CONFIG, {}, 5.0)["venue"][0] == 1


def test_the_first_and_the_third_sunday_of_the_month_are_two_offers() -> None:
    monthly = {"timezone": "Europe/Berlin", "windows": [], "rules": [
        {"rrule": "FREQ=MONTHLY;BYDAY=1SU", "dtstart": "2026-01-04T10:00:00", "duration_minutes": 120}]}
    first = profile("first", description="", schedule=monthly)
    third = profile("third", description="Jeden 3. Sonntag im Monat ab 10:00 Uhr")
    first_in_text = profile("text", description="am ersten Sonntag des Monats, 10 Uhr")
    assert compare(first, third, CONFIG, {}, 5.0)["schedule"] == (2, 0.0)
    assert compare(first, first_in_text, CONFIG, {}, 5.0)["schedule"][0] == 0
    # "jeden zweiten Sonntag" is every other week: no week of the month to hold against the first
    fortnightly = profile("other", description="jeden zweiten Sonntag ab 10 Uhr")
    assert compare(first, fortnightly, CONFIG, {}, 5.0)["schedule"][0] == 0


def test_weeks_of_the_month_survive_the_state_tables() -> None:
    stored = profile("p", description="1. und 3. Dienstag im Monat, 18 Uhr")
    assert stored.month_weeks == {(1, 1), (1, 3)}
    assert profile_from_dict(stored.to_dict()).month_weeks == stored.month_weeks
    older_state = {key: value for key, value in stored.to_dict().items() if key != "month_weeks"}
    assert profile_from_dict(older_state).month_weeks == frozenset()


def test_german_conversation_is_conversation_not_a_german_course() -> None:
    assert _title("German conversation group", "Deutsch-Café") >= 0.95
    assert _title("German conversation group", "Deutschkurs A1") < 0.25
    assert _title("Alphabetisierungskurs", "Alpha-Kurs") >= 0.95


@pytest.mark.parametrize(("first", "second"), [("Formularhilfe (vormittags)", "Help with forms – morning group"),
                                               ("Deutschkurs – Herbstkurs 2025", "German course (autumn term 2025)")])
def test_one_group_or_term_named_in_two_languages_is_one_mark(first: str, second: str) -> None:
    assert group_marks(first) == group_marks(second) != frozenset()


@pytest.mark.parametrize("title", ["Sommerfest im Sprachcafé", "Abendessen für alle", "Sprachcafé", "Sprachcafé 14-16"])
def test_a_festival_a_meal_or_an_hour_marks_no_group(title: str) -> None:
    assert group_marks(title) == frozenset()


@pytest.mark.parametrize(("short", "written_out"), [("KK", "Kleiderkammer"), ("FaWe", "Offene Fahrradwerkstatt"),
                                                   ("KiWa", "Kinderwagen-Börse")])
def test_a_shorthand_title_that_names_no_activity_neither_agrees_nor_disagrees(short: str, written_out: str) -> None:
    # a coordination office's spreadsheet: the organiser, place and weekly time decide
    found = compare(profile("a", title=short), profile("b", title=written_out), CONFIG, {}, 5.0)
    assert "title" not in found and "title_in_group" not in found
    assert found["organisation"][0] == 0


def test_a_shorthand_title_under_another_category_is_compared_as_written() -> None:
    # "KK" (the clothes store) and the housing office hour of one centre, at one place and hour
    found = compare(profile("a", title="KK", category="clothing"),
                    profile("b", title="Wohnungssuche-Sprechstunde", category="housing"), CONFIG, {}, 5.0)
    assert found["title"][0] == 4  # "different"


def test_a_title_that_names_no_activity_without_shorthand_is_compared_as_written() -> None:
    found = compare(profile("a", title="Technikpool"), profile("b", title="Kleiderkammer"), CONFIG, {}, 5.0)
    assert found["title"][0] == 4


@pytest.mark.parametrize(("english", "german"), [
    ("Gesundbrunnen Neighbourhood House", "Nachbarschaftshaus Gesundbrunnen"),
    ("Kreuzberg Multi-Generation House", "Mehrgenerationenhaus Kreuzberg"),
    ("Eisenbahnstraße shared accommodation", "Gemeinschaftsunterkunft Eisenbahnstraße"),
])
def test_a_place_named_in_english_is_the_place_named_in_german(english: str, german: str) -> None:
    a = profile("a", location={"name": english, "lat": 52.5514, "lon": 13.3867})
    b = profile("b", location={"name": german, "street": "Badstraße 156", "lat": 52.5502, "lon": 13.3880})
    assert compare(a, b, CONFIG, {}, 5.0)["venue"][0] == 0


@pytest.mark.parametrize(("english", "german"), [
    ("St. Matthew's Parish Centre", "Pfarrheim St. Matthäus"),
    ("St. Mary's Parish Hall", "Gemeindehaus St. Marien"),
    ("Grone Parent and Child Centre", "Eltern-Kind-Zentrum Grone"),
])
def test_a_patron_saint_or_a_kind_of_place_in_english_meets_its_german_name(english: str, german: str) -> None:
    found = compare(profile("a", location={"name": english}), profile("b", location={"name": german}), CONFIG, {}, 5.0)
    assert found.get("venue", (None,))[0] != 2


@pytest.mark.parametrize(("street_a", "street_b", "level"), [
    ("Birkenweg", "Birkenweg 2", 0),  # a sheet names the street only
    ("Birkenweg 2-6", "Birkenweg 2", 0),  # a range of numbers holds the other's
    ("Bismarckstr.", "Bismarckstraße 13b", 0),
    ("Birkenweg 2", "Birkenweg 8", 1),  # two doors of one street stay two doors
    ("Birkenweg", "Lindenweg 2", 2),
])
def test_a_street_named_without_its_house_is_the_street_of_the_other(street_a: str, street_b: str, level: int) -> None:
    a, b = profile("a", location={"street": street_a}), profile("b", location={"street": street_b})
    assert compare(a, b, CONFIG, {}, 5.0)["venue"][0] == level


def test_a_street_without_its_house_under_another_postcode_is_another_street() -> None:
    a = profile("a", location={"street": "Birkenweg", "postcode": "04109"})
    b = profile("b", location={"street": "Birkenweg 2", "postcode": "04315"})
    assert compare(a, b, CONFIG, {}, 5.0)["venue"][0] == 2


def test_english_places_of_one_kind_in_two_districts_stay_apart() -> None:
    a = profile("a", location={"name": "Gesundbrunnen Neighbourhood House"})
    b = profile("b", location={"name": "Nachbarschaftshaus Kreuzberg"})
    assert compare(a, b, CONFIG, {}, 5.0)["venue"][0] == 2


@pytest.mark.parametrize(("phone_a", "phone_b"), [("+49 341 5552910", "0341 555 29 13"), ("069/5557550", "+49 69 5557554")])
def test_an_organisations_central_number_and_an_extension_are_no_evidence_against(phone_a: str, phone_b: str) -> None:
    a = profile("a", contact={"phone": phone_a})
    b = profile("b", contact={"phone": phone_b})
    assert "contact" not in compare(a, b, CONFIG, {}, 5.0)


@pytest.mark.parametrize(("phone_a", "phone_b"), [("0341 5552910", "0341 5559930"), ("0341 5552910", "0351 5552913")])
def test_other_lines_are_other_contacts(phone_a: str, phone_b: str) -> None:
    a = profile("a", contact={"phone": phone_a})
    b = profile("b", contact={"phone": phone_b})
    assert compare(a, b, CONFIG, {}, 5.0)["contact"][0] == 2


def test_an_email_in_one_record_and_a_phone_in_the_other_cannot_disagree() -> None:
    a = profile("a", contact={"email": "koordination@stadt.example.org"})
    b = profile("b", contact={"phone": "0341 5552910"})
    assert "contact" not in compare(a, b, CONFIG, {}, 5.0)


def test_an_exchange_of_two_things_is_two_offers_and_of_one_thing_one() -> None:
    # "-börse" is a market of something; what is exchanged decides
    assert _title("Wohnraumbörse", "Kinderwagen- und Babysachenbörse") < 0.45
    assert _title("Möbelbörse", "Möbelkammer") >= 0.95


@pytest.mark.parametrize(("title", "marks"), [
    ("Kurs ab 22. Februar 2027", {("term", "spring"), ("term_year", "2027")}),
    ("PC-Kurs ab 14.09.2026", {("term", "autumn"), ("term_year", "2026")}),
    ("Nähen – Kurs II", {("number", "2")}),
    ("Sprachcafé ab 18 Uhr", set()),
])
def test_a_course_start_in_the_title_marks_its_term_and_is_no_group_number(title: str, marks: set[tuple[str, str]]) -> None:
    assert group_marks(title) == marks


@pytest.mark.parametrize(("first", "second"), [("Stadtteilzentrum Kernstadt", "Pfarrheim St. Martin"),
                                               ("Bürgerhaus Weingarten", "Familienzentrum Altstadt")])
def test_two_named_places_of_other_kinds_that_share_no_word_are_other_places(first: str, second: str) -> None:
    a, b = profile("a", location={"name": first}), profile("b", location={"name": second})
    assert compare(a, b, CONFIG, {}, 5.0)["venue"][0] == 2


@pytest.mark.parametrize(("first", "second"), [("JUZ Nord", "Jugendzentrum"), ("Gemeindehaus St. Lukas", "Pfarrsaal der Lukasgemeinde"),
                                               ("Büro Moabit", "Migrationsberatungsstelle Berlin")])
def test_a_short_form_a_shared_name_or_a_place_named_by_its_city_does_not_set_places_apart(first: str, second: str) -> None:
    a = profile("a", location={"name": first, "city": "Berlin"})
    b = profile("b", location={"name": second, "city": "Berlin"})
    assert compare(a, b, CONFIG, {}, 5.0).get("venue", (0, 1.0))[0] != 2


def test_a_projects_name_beside_its_activity_at_one_place_and_time_is_no_evidence_against_it() -> None:
    sport = {"category": "leisure_sport", "description": "Dienstags 17 Uhr auf dem Sportplatz."}
    training = profile("portal", title="Fußballtraining für Jugendliche", **sport)
    project = profile("website", title="Anstoß Bad Godesberg", **sport)
    assert not any(term[0] == "#" for term in project.title_terms)  # a name of its own, no activity
    found = compare(training, project, CONFIG, {}, 5.0)
    assert found["place_and_time"][0] == 0
    assert "title" not in found and "title_in_group" not in found
    # in another category it is another offer of the place at that hour (the asylum counselling beside the café)
    counselling = profile("counselling", title="Bleibeperspektive", category="legal_asylum_counselling",
                          description=sport["description"])
    assert compare(training, counselling, CONFIG, {}, 5.0)["title"][0] >= 3
    # at another time nothing ties the name to this activity
    other_time = profile("other", title="Anstoß Bad Godesberg", category="leisure_sport", description="Freitags 15 Uhr.")
    assert compare(training, other_time, CONFIG, {}, 5.0)["title"][0] >= 3
    # two titles that both name an activity are still compared
    chess = profile("chess", title="Schachtreff für Jugendliche", **sport)
    assert compare(training, chess, CONFIG, {}, 5.0)["title"][0] >= 3


def test_a_title_that_is_only_a_name_is_read_by_what_its_text_says_it_does() -> None:
    workshop = profile("app", title="Fahrradwerkstatt", description="", category="mobility")
    website = {"source": "https://kettenblatt.example", "category": "mobility"}
    described = profile("website", title="Kettenblatt", **website,
                        description="Bei uns bekommt ihr Hilfe bei der Reparatur eures Fahrrads.")
    choir = profile("choir", title="Klangbrücke", **website,
                    description="Bei uns könnt ihr gemeinsam Lieder aus vielen Ländern singen.")
    related = compare(workshop, described, CONFIG, {}, 5.0)["title"]
    assert related[0] == 2 and related[1] == pytest.approx(0.5)  # related, not the same title
    assert compare(workshop, choir, CONFIG, {}, 5.0)["title"][0] == 4  # its text names another activity
    # within one source a name and an activity are two of its offers, whatever the text mentions
    same_source = profile("portal", title="Kettenblatt", category="mobility",
                          description="Bei uns bekommt ihr Hilfe bei der Reparatur eures Fahrrads.")
    assert compare(workshop, same_source, CONFIG, {}, 5.0)["title"][0] == 4
