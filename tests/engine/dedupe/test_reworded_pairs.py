"""One offer listed by two systems in their own words is one cluster: another title for the same
activity, the organisation without its legal form or with a typo, "Str." for "Straße", the same phone or
e-mail and weekly slot, one side without a schedule or a street, or filed under another category."""

from __future__ import annotations

from typing import Any

from hub.engine.dedupe.batch import find_duplicate_clusters
from hub.engine.dedupe.config import DedupeConfig

from tests.engine.dedupe.factories import profile

HANNOVER = "03241001"
PORTAL, EXCHANGE = "https://portal.stadt-hannover.example", "https://ehrenamt-hannover.example"


def _weekly(day: str, hour: int, minutes: int = 120) -> dict[str, Any]:
    return {"timezone": "Europe/Berlin", "windows": [],
            "rules": [{"rrule": f"FREQ=WEEKLY;BYDAY={day}", "dtstart": f"2025-01-06T{hour:02d}:00:00+01:00",
                       "duration_minutes": minutes}]}


def _listing(title: str, description: str, category: str, organisation: str, street: str | None,
             schedule: dict[str, Any] | None, email: str | None = None, phone: str | None = None) -> dict[str, Any]:
    return {"title": title, "description": description, "category": category,
            "organisation": {"name": organisation, "kind": "association"},
            "location": {"street": street, "postcode": None, "city": "Hannover", "lat": None, "lon": None},
            "schedule": schedule, "contact": {"email": email, "phone": phone, "url": None}}


PAIRS = [
    (_listing("Fußballtraining für Jugendliche", "Wir trainieren jeden Dienstag mit jungen Menschen aus aller Welt.",
              "leisure_sport", "Sportverein Linden e.V.", "Limmerstraße 12", _weekly("TU", 17), phone="+49 511 5550101"),
     _listing("Sport-Treff für junge Geflüchtete", "Offenes Kicken und Bewegung für Jugendliche, Di 17-19 Uhr.",
              "leisure_sport", "Sportverein Linden", "Limmerstr. 12", None, phone="0511 5550101")),
    (_listing("Internationales Begegnungscafé", "Kaffee, Kuchen und Gespräche für alle Nachbarinnen und Nachbarn.",
              "leisure_sport", "Nachbarschaftsinitiative Südstadt e.V.", "Sallstraße 41", _weekly("TH", 15),
              email="cafe@nachbarn-suedstadt.example"),
     _listing("Treffpunkt Café der Kulturen", "Jeden Donnerstag ab 15 Uhr treffen sich Alteingesessene und Neue.",
              "leisure_sport", "Nachbarschaftsinitative Südstadt", "Sallstr. 41", _weekly("TH", 15),
              email="cafe@nachbarn-suedstadt.example")),
    (_listing("Begleitung zu Behörden", "Ehrenamtliche begleiten zu Ämtern, Jobcenter und Ausländerbehörde.",
              "accompaniment_interpreting", "Caritasverband Hannover e.V.", "Leibnizufer 13", _weekly("MO", 10, 180),
              phone="+49 511 5550177"),
     _listing("Behördenbegleitung", "Unterstützung bei Terminen auf Ämtern. Montags 10-13 Uhr.",
              "accompaniment_interpreting", "Caritas Hannover", "Leibnizufer 13", None, phone="+49 511 5550177")),
    (_listing("Deutsch-Konversationskurs", "Sprechen üben in kleiner Runde, Niveau A2-B1.", "language_education",
              "Flüchtlingshilfe Nordstadt e.V.", "Engelbosteler Damm 50", _weekly("WE", 18),
              email="kontakt@fh-nordstadt.example"),
     _listing("Gesprächskreis Deutsch", "Wir unterhalten uns auf Deutsch, mittwochs 18-20 Uhr.", "language_education",
              "Flüchtlingshilfe Nordstadt", None, _weekly("WE", 18), email="kontakt@fh-nordstadt.example")),
    (_listing("Hausaufgabenhilfe für Grundschulkinder", "Ehrenamtliche helfen bei den Hausaufgaben.",
              "language_education", "Bürgerverein Vahrenwald e.V.", "Vahrenwalder Straße 92", _weekly("TU", 14),
              email="info@bv-vahrenwald.example"),
     _listing("Lernhilfe Grundschule", "Unterstützung beim Lernen für Kinder der Klassen 1-4, dienstags nachmittags.",
              "childcare", "Bürgerverein Vahrenwald", "Vahrenwalder Str. 92", None, email="info@bv-vahrenwald.example")),
    (_listing("Fahrradwerkstatt", "Gemeinsam Fahrräder reparieren, Ersatzteile sind da.", "mobility",
              "Initiative Rad & Tat e.V.", "Kopernikusstraße 3", _weekly("SA", 11, 180), phone="0511 5550444"),
     _listing("Reparatur-Treff für Räder", "Bring dein Rad mit, wir zeigen dir, wie es geht. Samstags 11-14 Uhr.",
              "mobility", "Initative Rad und Tat", "Kopernikusstr. 3", _weekly("SA", 11, 180), phone="0511 5550444")),
]


def test_one_offer_in_two_systems_words_is_one_cluster_and_nothing_else_is_linked() -> None:
    profiles, expected = [], set()
    for number, (first, second) in enumerate(PAIRS):
        ids = (f"pair{number}-portal", f"pair{number}-exchange")
        for offer_id, source, listing in ((ids[0], PORTAL, first), (ids[1], EXCHANGE, second)):
            profiles.append(profile(offer_id, source=source, area={"ags": HANNOVER, "districts": []}, **listing))
        expected.add(tuple(sorted(ids)))
    clusters = find_duplicate_clusters(profiles, DedupeConfig())
    assert {tuple(sorted(cluster.members)) for cluster in clusters} == expected
