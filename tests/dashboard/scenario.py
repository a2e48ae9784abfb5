"""A week in Leipzig for the dashboard: Leipzig's demo events plus gaps, a language gap and parallel offers.

Demand of organisations only (a Sozialamt, a Gemeinschaftsunterkunft), never people. Times are relative to
`now`, so gaps are due and their age reads naturally whenever the scenario is produced.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hub.engine.dedupe import find_parallel_offers, profile_of
from hub.kafka.producer import EventProducer
from hub.settings import Settings
from schemas import Duplicate, Need, Offer, StatusUpdate, entity_id, from_http_structured, to_kafka, to_model
from tests.support import produce_models

LEIPZIG = "14713000"
SOZIALAMT = "urn:koordinate:source:sozialamt-leipzig"
DEMO = Path(__file__).resolve().parents[2] / "examples" / "events" / "demo.jsonl"
WEDNESDAY_AFTERNOON = {"rules": [{"rrule": "FREQ=WEEKLY;BYDAY=WE", "dtstart": "2026-11-04T15:00:00+01:00",
                                  "duration_minutes": 120}]}


def demo_events() -> list[Any]:
    """examples/events/demo.jsonl: offers, needs, a duplicate entered twice, a commitment."""
    return [to_model(from_http_structured(line)) for line in DEMO.read_text(encoding="utf-8").splitlines() if line]


def _need(record: str, hours_ago: float, now: datetime, **fields: Any) -> Need:
    return Need.model_validate({
        "id": entity_id(SOZIALAMT, record), "source": SOZIALAMT, "source_record_id": record, "revision": 1,
        "unit": "people", "occurred_at": (now - timedelta(hours=hours_ago)).isoformat(), **fields})


def _offer(source: str, record: str, hours_ago: float, now: datetime, **fields: Any) -> Offer:
    return Offer.model_validate({
        "id": entity_id(source, record), "source": source, "source_record_id": record, "revision": 1,
        "occurred_at": (now - timedelta(hours=hours_ago)).isoformat(), **fields})


def extra_events(now: datetime | None = None) -> list[Need | Offer]:
    """More districts and categories: an Arabic-speaking gap, a critical one, parallel homework clubs."""
    now = now or datetime.now(UTC)
    area = lambda district: {"ags": LEIPZIG, "district": district}  # noqa: E731
    serves = lambda *districts: {"ags": LEIPZIG, "districts": list(districts)}  # noqa: E731
    return [
        _need("B-201", 30, now, title="Begleitung zum Jobcenter", category="accompaniment_interpreting", quantity=2,
              urgency="high", languages=["ar"], area=area("Paunsdorf")),
        _need("B-202", 5, now, title="Betten und Schränke für neue Wohnungen", category="donations_in_kind",
              quantity=6, unit="items", urgency="critical", area=area("Mockau-Nord")),
        _need("B-203", 80, now, title="Hausaufgabenhilfe für Schulkinder", category="language_education", quantity=8,
              urgency="normal", languages=["ar", "fa"], area=area("Paunsdorf")),
        _need("B-204", 26, now, title="Fahrradwerkstatt für eine Gemeinschaftsunterkunft", category="mobility",
              quantity=10, urgency="high", area=area("Lindenau")),
        _need("B-205", 2, now, title="Hausaufgabenhilfe am Nachmittag", category="language_education", quantity=4,
              urgency="low", area=area("Lindenau")),
        _offer("https://lernhaus-lindenau.example.org", "hausaufgaben", 50, now, title="Hausaufgabenhilfe Lindenau",
               description="Mittwochs 15-17 Uhr im Stadtteilladen.", category="language_education", capacity=12,
               organisation={"name": "Lernhaus Lindenau e.V.", "kind": "association"}, area=serves("Lindenau"),
               schedule=WEDNESDAY_AFTERNOON, languages=["de"]),
        _offer("https://kirche-lindenau.example.org", "lernzeit", 48, now, title="Lernzeit im Gemeindehaus",
               description="Lernbegleitung für Kinder, mittwochs ab 15 Uhr.", category="language_education",
               capacity=10, organisation={"name": "Ev. Kirchgemeinde Lindenau", "kind": "church"},
               area=serves("Lindenau"), schedule=WEDNESDAY_AFTERNOON, languages=["de", "en"]),
        _offer("https://fahrrad-plagwitz.example.org", "werkstatt", 40, now, title="Offene Fahrradwerkstatt",
               description="Samstags, Reparatur und Spenden.", category="mobility", capacity=3,
               organisation={"name": "Radwerk Plagwitz", "kind": "initiative"}, area=serves("Plagwitz")),
        _offer("https://moebel-leipzig.example.org", "lager", 45, now, title="Möbellager Ost",
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
    for need in (e for e in events if isinstance(e, Need)):
        key = (need.area.ags, need.category)
        demand[key] = demand.get(key, 0) + need.quantity
    clusters = find_parallel_offers([profile_of(o) for o in offers], demand)
    return [Duplicate(id=c.cluster_id, kind="parallel_offers", offer_ids=sorted(c.members), score=c.score,
                      status="suspected", open_demand=c.details["local_demand"],
                      combined_capacity=c.details["joint_capacity"], detected_at=now) for c in clusters]


async def produce_scenario(settings: Settings, now: datetime | None = None) -> list[Any]:
    """Produce the scenario's needs, offers and status updates, then its parallel-offer clusters."""
    events = scenario(now)
    await produce_models(settings, events)
    async with EventProducer(settings.bootstrap_servers) as producer:
        for cluster in parallel_offer_clusters(events, now):
            record = to_kafka(cluster)
            await producer.send(settings.topic_name("duplicates"), record.value, key=record.key,
                                headers=record.headers)
    return events
