"""The hub's one entity directory (hub/kafka/directory.py, fed by directory_feed.py) answers the gateway's
questions (owner, revision, accepted status events) and the sinks' (publisher, area, committed offers) from
the same records on a real broker; and the rules where the two questions part (a tombstone, an older revision)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from connectors.sink_base import EntityInfo
from hub.errors import PermanentError
from hub.kafka.directory import EntityDirectory, EntityRecord
from hub.kafka.directory_feed import DirectoryFeed, canonical_topics
from hub.kafka.producer import EventProducer
from hub.settings import Settings
from hub.topics.admin import apply_topics
from hub.topics.spec import topic_of_event_type
from schemas import Commitment, Need, Offer, StatusUpdate, to_event
from tests.builders import INITIATIVE, LEIPZIG, SOZIALAMT, need, offer, status
from tests.support import produce_models, wait_until

NEED = need("B-1", area={"ags": LEIPZIG, "district": "Grünau-Mitte"})
OFFER = offer("A-1", area={"ags": LEIPZIG, "districts": ["Grünau-Mitte", "Lausen"]})
COMMITTED = status(NEED, "C-1", source=INITIATIVE,
                   commitment=Commitment(offer_id=OFFER.id, need_id=NEED.id, slots=1, state="confirmed"))
COVERED = status(NEED, source=SOZIALAMT, new_status="covered")


@pytest.fixture
async def feed(hub_settings: Settings, topics: dict[str, str]) -> AsyncIterator[DirectoryFeed]:
    feed = DirectoryFeed(EntityDirectory(), hub_settings.bootstrap_servers, hub_settings.topic_prefix,
                         missing="fail", client="test directory")
    yield feed
    await feed.stop()


@pytest.mark.kafka
async def test_one_directory_answers_the_gateway_and_the_sinks_from_the_topics(
        hub_settings: Settings, feed: DirectoryFeed) -> None:
    await produce_models(hub_settings, [NEED, OFFER, COMMITTED, COVERED])
    await feed.start()
    directory = feed.directory

    # the gateway's questions: who owns it, which revision, was this status event accepted
    assert directory.owner(NEED.id) == EntityRecord(SOZIALAMT, "need", 1)
    assert directory.owner(OFFER.id) == EntityRecord(INITIATIVE, "offer", 1)
    assert directory.has_status_event(to_event(COMMITTED).id) and directory.has_status_event(to_event(COVERED).id)
    assert not directory.has_status_event(to_event(status(NEED, "C-2")).id)
    # the sinks' questions: who published it, where it is, which offers took the need on
    assert directory.entity(NEED.id) == EntityInfo("need", SOZIALAMT, LEIPZIG, ("Grünau-Mitte",))
    assert directory.entity(OFFER.id) == EntityInfo("offer", INITIATIVE, LEIPZIG, ("Grünau-Mitte", "Lausen"))
    assert directory.offers_committed_to(NEED.id) == {OFFER.id}
    assert len(directory) == 2


@pytest.mark.kafka
async def test_after_caught_up_the_directory_holds_what_was_written_before(
        hub_settings: Settings, feed: DirectoryFeed) -> None:
    await produce_models(hub_settings, [NEED, OFFER, COMMITTED])
    await feed.start()
    moved = need("B-1", revision=2, area={"ags": LEIPZIG, "district": "Lausen"})
    withdrawn = status(NEED, "C-1", source=INITIATIVE, revision=2,
                       commitment=Commitment(offer_id=OFFER.id, need_id=NEED.id, slots=1, state="withdrawn"))
    await produce_models(hub_settings, [moved, withdrawn])
    async with EventProducer(hub_settings.bootstrap_servers) as producer:  # the source removed its offer
        await producer.send(topic_of_event_type(Offer.event_type).name(hub_settings.topic_prefix), None,
                            key=OFFER.id.encode())

    await feed.caught_up()  # no polling: the tail has applied everything written before the call
    directory = feed.directory
    assert directory.owner(NEED.id) == EntityRecord(SOZIALAMT, "need", 2)
    assert directory.entity(NEED.id) == EntityInfo("need", SOZIALAMT, LEIPZIG, ("Lausen",))
    assert directory.offers_committed_to(NEED.id) == frozenset()
    assert directory.entity(OFFER.id) is None  # routing ends with the tombstone
    assert directory.owner(OFFER.id) == EntityRecord(INITIATIVE, "offer", 1)  # ownership does not


@pytest.mark.kafka
async def test_missing_topics_fail_the_gateway_s_feed_and_are_waited_for_by_the_sinks(
        hub_settings: Settings) -> None:
    failing = DirectoryFeed(EntityDirectory(), hub_settings.bootstrap_servers, hub_settings.topic_prefix,
                            missing="fail")
    with pytest.raises(PermanentError, match="does not exist"):
        await failing.start()
    await failing.stop()

    waiting = DirectoryFeed(EntityDirectory(), hub_settings.bootstrap_servers, hub_settings.topic_prefix,
                            client="test directory")
    await waiting.start()
    try:
        await waiting.caught_up()  # nothing to read yet: answers at once
        assert waiting.directory.entity(NEED.id) is None
        await apply_topics(hub_settings.bootstrap_servers, hub_settings.topic_prefix)
        await produce_models(hub_settings, [NEED])
        await wait_until(lambda: waiting.directory.entity(NEED.id), 30, "the need read from the topic created later")
    finally:
        await waiting.stop()


def test_the_directory_reads_the_topics_the_spec_gives_its_models() -> None:
    assert canonical_topics("p") == {topic_of_event_type(Need.event_type).name("p"): "need",
                                     topic_of_event_type(Offer.event_type).name("p"): "offer",
                                     topic_of_event_type(StatusUpdate.event_type).name("p"): "status"}


def _json(model: Need | Offer) -> dict:
    return model.model_dump(mode="json")


def test_an_older_revision_changes_neither_owner_nor_area_and_the_first_owner_stays() -> None:
    directory = EntityDirectory()
    directory.take_entity("need", _json(need("B-1", revision=3, area={"ags": LEIPZIG, "district": "Lausen"})))
    directory.take_entity("need", _json(need("B-1", revision=2, area={"ags": LEIPZIG, "district": "Grünau-Mitte"})))
    directory.take_entity("need", {**_json(need("B-1", revision=4)), "source": "urn:koordinate:source:other"})
    assert directory.owner(NEED.id) == EntityRecord(SOZIALAMT, "need", 4)
    assert directory.entity(NEED.id) == EntityInfo("need", SOZIALAMT, LEIPZIG, ("Grünau-Mitte",))  # revision 4's area


def test_what_the_gateway_recorded_is_placed_when_its_record_is_read_back() -> None:
    directory = EntityDirectory()
    directory.record_entity(OFFER.id, INITIATIVE, "offer", 1)  # acknowledged by the broker, not read yet
    assert directory.owner(OFFER.id) == EntityRecord(INITIATIVE, "offer", 1)
    assert directory.entity(OFFER.id) is None
    directory.take_record("offer", OFFER.id.encode(), OFFER.model_dump_json().encode(), [])
    assert directory.entity(OFFER.id) == EntityInfo("offer", INITIATIVE, LEIPZIG, ("Grünau-Mitte", "Lausen"))


def test_a_record_after_a_tombstone_is_routed_again_whatever_its_revision() -> None:
    directory = EntityDirectory()
    directory.take_entity("offer", _json(offer("A-1", revision=2)))
    directory.take_record("offer", OFFER.id.encode(), None, [])
    assert directory.entity(OFFER.id) is None
    directory.take_entity("offer", _json(offer("A-1", revision=1)))
    assert directory.entity(OFFER.id) is not None and directory.owner(OFFER.id).revision == 2


def test_records_it_cannot_read_are_skipped() -> None:
    directory = EntityDirectory()
    for value in (b"not json", b"[1, 2]", b'{"id": 1, "source": "s", "revision": 1}', b'{"id": "x", "source": "s"}'):
        directory.take_record("need", b"x", value, [])
    directory.take_record("status", None, b'{"commitment": {"need_id": 1}}', [("ce_id", b"\xff")])
    assert len(directory) == 0 and directory.entity("x") is None and directory.offers_committed_to("1") == frozenset()
