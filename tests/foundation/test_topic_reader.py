"""The hub's one Kafka reader (hub/kafka/tail.py) against the real broker: a topic created after the
reader started is read within seconds, a missing topic is named, and joining one keeps the others' positions."""

from __future__ import annotations

import uuid

import pytest
from aiokafka import AIOKafkaProducer

from hub.errors import PermanentError
from hub.kafka.tail import TopicReader
from hub.topics.admin import apply_topics
from hub.topics.spec import TopicSpec
from tests.support import delete_topics_with_prefix, wait_until

pytestmark = pytest.mark.kafka


def _spec(suffix: str) -> TopicSpec:
    return TopicSpec(suffix, "test topic", key="-", event_types=(), partitions=2)


async def _produce(bootstrap: str, topic: str, values: list[bytes]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for value in values:
            await producer.send_and_wait(topic, value, key=value)
    finally:
        await producer.stop()


@pytest.fixture
async def prefix(kafka):
    prefix = f"rd{uuid.uuid4().hex[:8]}"
    yield prefix
    await delete_topics_with_prefix(kafka.bootstrap_servers, prefix)


async def test_a_topic_created_after_the_reader_started_is_read_within_seconds(kafka, prefix):
    early, late = _spec("early"), _spec("late")
    await apply_topics(kafka.bootstrap_servers, prefix, specs=(early,))
    await _produce(kafka.bootstrap_servers, early.name(prefix), [b"e1", b"e2"])
    reader = TopicReader(kafka.bootstrap_servers, [early.name(prefix), late.name(prefix)], recheck_s=0.5)
    await reader.start()
    seen: list[bytes] = []
    try:
        assert reader.missing_topics == (late.name(prefix),)
        assert await reader.catch_up(lambda batch: seen.extend(r.value for rs in batch.values() for r in rs)) == 2

        await apply_topics(kafka.bootstrap_servers, prefix, specs=(late,))
        await _produce(kafka.bootstrap_servers, late.name(prefix), [b"l1", b"l2", b"l3"])
        await _produce(kafka.bootstrap_servers, early.name(prefix), [b"e3"])

        async def everything_read():
            batch = await reader.fetch(timeout_ms=200)
            seen.extend(r.value for records in batch.values() for r in records)
            return len(seen) >= 6

        # far below the client's five-minute metadata refresh
        await wait_until(everything_read, 10, lambda: f"six records, read so far: {seen}")
        assert sorted(seen) == [b"e1", b"e2", b"e3", b"l1", b"l2", b"l3"]  # none read twice
        assert reader.missing_topics == ()
    finally:
        await reader.stop()


async def test_a_reader_that_must_have_its_topics_names_the_missing_one(kafka, prefix):
    missing = _spec("absent").name(prefix)
    reader = TopicReader(kafka.bootstrap_servers, [missing], missing="fail")
    with pytest.raises(PermanentError, match=f"{missing}.*koordinate topics apply"):
        await reader.start()
    await reader.stop()


async def test_a_stored_position_is_where_reading_resumes(kafka, prefix):
    topic = _spec("resume")
    await apply_topics(kafka.bootstrap_servers, prefix, specs=(topic,))
    name = topic.name(prefix)
    await _produce(kafka.bootstrap_servers, name, [f"r{n}".encode() for n in range(6)])
    first = TopicReader(kafka.bootstrap_servers, [name])
    await first.start()
    ends = await first.end_offsets()
    await first.stop()
    # resume every partition one record before its end: exactly one record per non-empty partition
    resumed = TopicReader(kafka.bootstrap_servers, [name], start_at=lambda tp: max(0, ends[tp] - 1))
    await resumed.start()
    seen: list[bytes] = []
    try:
        await resumed.catch_up(lambda batch: seen.extend(r.value for rs in batch.values() for r in rs))
    finally:
        await resumed.stop()
    assert len(seen) == sum(1 for end in ends.values() if end > 0)
