"""Writes demo.jsonl: a small, coherent week in Leipzig (AGS 14713000); initiatives invented, no personal data.

Run: .venv/bin/python examples/events/make_demo.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from schemas import Need, Offer, StatusUpdate, entity_id, to_http_structured

LEIPZIG = "14713000"
SOZIALAMT = "urn:koordinate:source:sozialamt-leipzig"
KOORDINATION = "urn:koordinate:source:ehrenamtskoordination-leipzig"
GRUENAU = "https://willkommen-gruenau.example.org"
CONNEWITZ = "https://helferkreis-connewitz.example.org"
KIRCHE = "https://kirchgemeinde-volkmarsdorf.example.org"
TUESDAY_EVENING = {"rules": [{"rrule": "FREQ=WEEKLY;BYDAY=TU", "dtstart": "2026-11-03T18:00:00+01:00", "duration_minutes": 120}]}


def offer(source: str, record: str, occurred_at: str, **fields: Any) -> Offer:
    return Offer.model_validate({"id": entity_id(source, record), "source": source, "source_record_id": record,
                                 "revision": 1, "occurred_at": occurred_at, **fields})


def need(record: str, occurred_at: str, **fields: Any) -> Need:
    return Need.model_validate({"id": entity_id(SOZIALAMT, record), "source": SOZIALAMT, "source_record_id": record,
                                "revision": 1, "unit": "people", "occurred_at": occurred_at, **fields})


def events() -> list[Any]:
    cafe = dict(
        category="language_education", schedule=TUESDAY_EVENING, capacity=15, languages=["de", "ar"],
        location={"street": "Stuttgarter Allee 19", "postcode": "04209", "city": "Leipzig", "lat": 51.3208, "lon": 12.2836},
        contact={"email": "kontakt@willkommen-gruenau.example.org", "url": "https://willkommen-gruenau.example.org"},
    )
    sprachcafe = offer(GRUENAU, "cafe-1", "2026-11-02T08:00:00+01:00", title="Sprachcafé Grünau",
                       description="Deutsch üben bei Tee, jeden Dienstag 18-20 Uhr.",
                       organisation={"name": "Willkommen in Grünau e.V.", "kind": "association"},
                       area={"ags": LEIPZIG, "districts": ["Grünau-Mitte"]}, **cafe)
    # the coordination office's spreadsheet lists the same café again, under its own record
    sprachcafe_twice = offer(KOORDINATION, "zeile-17", "2026-11-02T08:30:00+01:00", title="Sprachcafe Grünau-Mitte",
                             description="Sprachcafé dienstags 18 Uhr, Stuttgarter Allee.",
                             organisation={"name": "Willkommen in Gruenau", "kind": "association"},
                             area={"ags": LEIPZIG, "districts": ["Grünau-Mitte", "Grünau-Ost"]}, **cafe)
    begleitung = offer(CONNEWITZ, "begleitung", "2026-11-02T08:10:00+01:00", title="Begleitung zu Ämtern",
                       description="Wir begleiten zu Terminen bei Behörden und Ärzten.",
                       category="accompaniment_interpreting", capacity=4, languages=["de", "uk", "ar"],
                       organisation={"name": "Helferkreis Connewitz", "kind": "initiative"},
                       area={"ags": LEIPZIG, "districts": ["Connewitz"]})
    kleiderkammer = offer(KIRCHE, "kleiderkammer", "2026-11-02T08:20:00+01:00", title="Kleiderkammer Volkmarsdorf",
                          category="clothing", capacity=30,
                          organisation={"name": "Kirchgemeinde Volkmarsdorf", "kind": "church"},
                          area={"ags": LEIPZIG, "districts": ["Volkmarsdorf", "Neustadt-Neuschönefeld"]})
    accompany = need("B-101", "2026-11-02T09:00:00+01:00", title="Begleitung zur Ausländerbehörde",
                     category="accompaniment_interpreting", quantity=2, urgency="high", languages=["uk"],
                     area={"ags": LEIPZIG, "district": "Connewitz"})
    winter = need("B-102", "2026-11-02T09:15:00+01:00", title="Winterkleidung für eine Gemeinschaftsunterkunft",
                  category="clothing", quantity=20, unit="items", urgency="critical",
                  area={"ags": LEIPZIG, "district": "Grünau-Mitte"})
    homework = need("B-103", "2026-11-02T09:30:00+01:00", title="Deutsch üben am Abend",
                    category="language_education", quantity=3, urgency="normal", languages=["ar"],
                    area={"ags": LEIPZIG, "district": "Grünau-Mitte"})
    counselling = need("B-104", "2026-11-02T09:45:00+01:00", title="Asylverfahrensberatung",
                       category="legal_asylum_counselling", quantity=1, urgency="high",
                       area={"ags": LEIPZIG, "district": "Neustadt-Neuschönefeld"})
    commitment = {"need_id": accompany.id, "offer_id": begleitung.id, "slots": 2}
    proposed = StatusUpdate.model_validate({
        "id": entity_id(CONNEWITZ, "zusage-1"), "source": CONNEWITZ, "source_record_id": "zusage-1", "revision": 1,
        "entity_id": accompany.id, "entity_kind": "need", "occurred_at": "2026-11-02T11:00:00+01:00",
        "commitment": {**commitment, "state": "proposed", "confirm_by": "2026-11-03T12:00:00+01:00"},
    })
    confirmed = proposed.model_copy(update={"revision": 2, "occurred_at": proposed.occurred_at.replace(hour=15),
                                            "commitment": proposed.commitment.model_copy(update={"state": "confirmed"})})
    return [sprachcafe, begleitung, kleiderkammer, sprachcafe_twice, accompany, winter, homework, counselling,
            proposed, confirmed]


if __name__ == "__main__":
    target = Path(__file__).with_name("demo.jsonl")
    target.write_text("".join(to_http_structured(e).body.decode() + "\n" for e in events()), encoding="utf-8")
    print(f"wrote {target}")
