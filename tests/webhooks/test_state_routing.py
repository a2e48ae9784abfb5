"""Who hears of a need's or offer's state: its publisher, the initiatives committed to it, both sides of a lapse."""

from __future__ import annotations

from connectors.sink_base import SinkConfig
from connectors.sinks.routing import Route, wants
from hub.kafka.directory import EntityDirectory
from schemas import EntityState, derived_id, entity_id, to_event

OFFICE = "urn:koordinate:source:sozialamt-leipzig"
HELPERS = "https://willkommen-ost.example.org"
OTHERS = "https://helferkreis-west.example.org"
NEED, OFFER, OTHER_OFFER = entity_id(OFFICE, "B-1"), entity_id(HELPERS, "A-1"), entity_id(OTHERS, "A-2")


def _directory() -> EntityDirectory:
    directory = EntityDirectory()
    directory.take_entity("need", {"id": NEED, "source": OFFICE, "revision": 1, "area": {"ags": "14713000"}})
    for offer_id, source in ((OFFER, HELPERS), (OTHER_OFFER, OTHERS)):
        directory.take_entity("offer", {"id": offer_id, "source": source, "revision": 1, "area": {"ags": "14713000"}})
    return directory


def _state(**changes) -> EntityState:
    data = {"id": derived_id("state", NEED, 2), "entity_kind": "need", "entity_id": NEED, "entity_revision": 1,
            "revision": 2, "ags": "14713000", "status": "open", "committed": 0, "remaining": 2,
            "changed_at": "2026-11-27T10:00:00+01:00", **changes}
    return EntityState.model_validate(data)


def test_a_lapsed_commitment_reaches_the_need_s_publisher_and_the_offer_s_initiative() -> None:
    lapsed = to_event(_state(lapsed_commitments=[{"need_id": NEED, "offer_id": OFFER, "slots": 2,
                                                  "confirm_by": "2026-11-27T10:00:00+01:00"}]))
    directory = _directory()
    assert wants(Route(sources=[OFFICE]), lapsed, directory)
    assert wants(Route(sources=[HELPERS]), lapsed, directory)
    assert not wants(Route(sources=[OTHERS]), lapsed, directory)
    assert not wants(Route(sources=[HELPERS], types=["org.koordinate.gap.*"]), lapsed, directory)


def test_the_state_topic_is_read_by_default() -> None:
    assert "state" in SinkConfig(name="webhooks", kind="webhook").topics
