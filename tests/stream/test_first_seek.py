"""No stream record is handed on while the group rebalances; what was held back is read again after.

During a rebalance faust resumes the stream partitions, seeks them to their committed offsets and only
then resumes its flow control, which empties the agents' queues: a record handed on in between was
dropped unprocessed while faust counted it as read. A replacement worker lost the first record of a
partition with nothing committed that way (its commit then moved past it), and a record read before
the seek made faust drop the earlier ones the seek brought back (committed at 12: 14 processed, 12 and
13 left unread until the next rebalance). Played here on the worker's consumer without Kafka, over a
scripted fetch.
"""

from __future__ import annotations

import faust.transport.consumer

from tests.stream.test_commit_race import AREA, _consumer, _Message


class _Fetch:
    """One partition's records 0 .. end-1 and a fetch position that a seek moves."""

    def __init__(self, position: int, end: int) -> None:
        self.position, self.end = position, end

    async def seek(self, tp, offset: int) -> None:
        self.position = offset

    def install(self, consumer, monkeypatch) -> None:
        """Serve faust's `getmany` from here and seek here."""
        consumer._seek = self.seek
        monkeypatch.setattr(faust.transport.consumer.Consumer, "getmany",
                            lambda consumer, timeout: self._records(consumer))

    async def _records(self, consumer):
        generation = consumer.app.consumer_generation_id
        while self.position < self.end:
            self.position += 1
            yield AREA, _Message(self.position - 1, generation)


async def _read(consumer) -> list[int]:
    return [message.offset async for _, message in consumer.getmany(timeout=0.0)]


async def test_records_fetched_before_the_seek_are_read_again_from_the_committed_offset_after_the_rebalance(
        tmp_path, monkeypatch):
    app, consumer, _ = _consumer(tmp_path, group_committed=12)
    fetch = _Fetch(position=14, end=15)  # where a replacement's fetch started: past the group's offset
    fetch.install(consumer, monkeypatch)
    app.rebalancing = True

    assert await _read(consumer) == [], "a record read before the seek would put the committed ones behind it"
    await consumer.perform_seek()
    assert await _read(consumer) == [], "the flow control's resume empties the queues after the seek"
    app.rebalancing = False
    assert await _read(consumer) == [12, 13, 14]


async def test_records_held_back_are_read_again_when_nothing_new_arrives(tmp_path, monkeypatch):
    app, consumer, _ = _consumer(tmp_path, group_committed=12)
    fetch = _Fetch(position=12, end=15)
    fetch.install(consumer, monkeypatch)
    app.rebalancing = True
    await consumer.perform_seek()
    assert await _read(consumer) == []  # fetched to the end of the partition, held back
    app.rebalancing = False
    assert await _read(consumer) == [12, 13, 14]
    assert await _read(consumer) == []


async def test_with_nothing_committed_an_unprocessed_first_record_holds_the_commit_back(tmp_path, monkeypatch):
    app, consumer, _ = _consumer(tmp_path, group_committed=0)
    fetch = _Fetch(position=0, end=3)
    fetch.install(consumer, monkeypatch)

    async def earliest_offsets(*partitions):
        return {tp: 0 for tp in partitions}

    consumer.earliest_offsets = earliest_offsets
    await consumer.perform_seek()
    for offset in (1, 2):  # 0 was lost on its way to the agent
        consumer.ack(_Message(offset, app.consumer_generation_id))
    assert consumer._new_offset(AREA) is None, "a commit at 3 would pass over the record at 0 for good"
    consumer.ack(_Message(0, app.consumer_generation_id))
    assert consumer._new_offset(AREA) == 3
