"""A week in Leipzig for the dashboard: Leipzig's demo events plus gaps, a language gap and parallel offers.

Demand of organisations only (a Sozialamt, a Gemeinschaftsunterkunft), never people. Times are relative to
`now`, so gaps are due and their age reads naturally whenever the scenario is produced.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hub.engine.dedupe import find_parallel_offers, profile_of
from hub.settings import Settings
from schemas import Duplicate, Need, Offer, StatusUpdate, from_http_structured, to_model
from tests.builders import LEIPZIG, need, offer
from tests.support import produce_models

DEMO = Path(__file__).resolve().parents[2] / "examples" / "events" / "demo.jsonl"
WEDNESDAY_AFTERNOON = {"rules": [{"rrule": "FREQ=WEEKLY;BYDAY=WE", "dtstart": "2026-11-04T15:00:00+01:00",
                                  "duration_minutes": 120}]}


def demo_events() -> list[Any]:
    """examples/events/demo.jsonl: offers, needs, a duplicate entered twice, a commitment."""
    return [to_model(from_http_structured(line)) for line in DEMO.read_text(encoding="utf-8").splitlines() if line]


def extra_events(now: datetime | None = None) -> list[Need | Offer]:
    """More districts and categories: an Arabic-speaking gap, a critical one, parallel homework clubs."""
    now = now or datetime.now(UTC)
    ago = lambda hours: (now - timedelta(hours=hours)).isoformat()  # noqa: E731
    area = lambda district: {"ags": LEIPZIG, "district": district}  # noqa: E731
    serves = lambda *districts: {"ags": LEIPZIG, "districts": list(districts)}  # noqa: E731
    return [
        need("B-201", occurred_at=ago(30), title="Begleitung zum Jobcenter", category="accompaniment_interpreting",
             quantity=2, urgency="high", languages=["ar"], area=area("Paunsdorf")),
        need("B-202", occurred_at=ago(5), title="Betten und Schränke für neue Wohnungen", category="donations_in_kind",
             quantity=6, unit="items", urgency="critical", area=area("Mockau-Nord")),
        need("B-203", occurred_at=ago(80), title="Hausaufgabenhilfe für Schulkinder", category="language_education",
             quantity=8, urgency="normal", languages=["ar", "fa"], area=area("Paunsdorf")),
        need("B-204", occurred_at=ago(26), title="Fahrradwerkstatt für eine Gemeinschaftsunterkunft",
             category="mobility", quantity=10, urgency="high", area=area("Lindenau")),
        need("B-205", occurred_at=ago(2), title="Hausaufgabenhilfe am Nachmittag", category="language_education",
             quantity=4, urgency="low", area=area("Lindenau")),
        offer("hausaufgaben", source="https://lernhaus-lindenau.example.org", occurred_at=ago(50),
              title="Hausaufgabenhilfe Lindenau", description="Mittwochs 15-17 Uhr im Stadtteilladen.",
              category="language_education", capacity=12,
              organisation={"name": "Lernhaus Lindenau e.V.", "kind": "association"}, area=serves("Lindenau"),
              schedule=WEDNESDAY_AFTERNOON, languages=["de"]),
        offer("lernzeit", source="https://kirche-lindenau.example.org", occurred_at=ago(48),
              title="Lernzeit im Gemeindehaus", description="Lernbegleitung für Kinder, mittwochs ab 15 Uhr.",
              category="language_education", capacity=10,
              organisation={"name": "Ev. Kirchgemeinde Lindenau", "kind": "church"},
              area=serves("Lindenau"), schedule=WEDNESDAY_AFTERNOON, languages=["de", "en"]),
        offer("werkstatt", source="https://fahrrad-plagwitz.example.org", occurred_at=ago(40),
              title="Offene Fahrradwerkstatt", description="Samstags, Reparatur und Spenden.", category="mobility",
              capacity=3, organisation={"name": "Radwerk Plagwitz", "kind": "initiative"}, area=serves("Plagwitz")),
        offer("lager", source="https://moebel-leipzig.example.org", occurred_at=ago(45), title="Möbellager Ost",
              description="Gebrauchte Möbel, Abholung nach Absprache.", category="donations_in_kind", capacity=40,
              organisation={"name": "Möbelbörse Leipzig", "kind": "association"}, area=serves("Paunsdorf")),
    ]


def scenario(now: datetime | None = None) -> list[Need | Offer | StatusUpdate]:
    return [*demo_events(), *extra_events(now)]


def parallel_offer_clusters(events: list[Any], now: datetime | None = None) -> list[Duplicate]:
    """Doppelstruktur found by the engine's batch detector over the scenario's offers.

    The stream worker publishes same-offer clusters only so far; this stands in for its parallel-offer
    stage by running the same pure function and publishing what it finds to the duplicates topic.
    """
    now = now or datetime.now(UTC)
    offers = [e for e in events if isinstance(e, Offer)]
    demand: dict[tuple[str, str], int] = {}
    for wanted in (e for e in events if isinstance(e, Need)):
        key = (wanted.area.ags, wanted.category)
        demand[key] = demand.get(key, 0) + wanted.quantity
    clusters = find_parallel_offers([profile_of(o) for o in offers], demand)
    return [Duplicate(id=c.cluster_id, kind="parallel_offers", offer_ids=sorted(c.members), score=c.score,
                      status="suspected", open_demand=c.details["local_demand"],
                      combined_capacity=c.details["joint_capacity"], detected_at=now) for c in clusters]


async def produce_scenario(settings: Settings, now: datetime | None = None) -> list[Any]:
    """Produce the scenario's needs, offers and status updates, then its parallel-offer clusters."""
    events = scenario(now)
    await produce_models(settings, events)
    await produce_models(settings, parallel_offer_clusters(events, now))
    return events
