"""The worker's Kafka consumer: faust's, except that it commits only what it read or proved absent.

Why: faust's consumer treats any jump in a partition's offsets (a record at 150 where 101 was next) as
a gap left by compaction or transaction markers, marks the offsets in between as processed and commits
past them. Around a rebalance it sees jumps that are no gaps: a record fetched before the rebalance
arrives after the partition was sought back to its committed offset (faust-streaming issues 221 and
236, robinhood/faust 559). The records in between were never processed, yet committed: the
50,000-event crash runs lost 12 and 61 input records this way. faust's bookkeeping of true gaps
stalls commits as well (faust-streaming issue 606): with a transaction marker after each record, the
group stopped committing after ~40 records of a partition.

What this consumer does instead:
- It knows the offset it expects next in each partition: the one sought to, then the last record's + 1.
  A partition with nothing committed is sought to its first offset: aiokafka leaves it where it was,
  which after faust dropped fetched records (flow stopped for table recovery) lies past them; a
  restarted worker skipped those records this way before the group's first commit.
- A record beyond it is not processed yet: the partition is sought back to the expected offset and the
  rest of its batch dropped, so Kafka serves what really lies there. A true gap (compaction, markers,
  retention) shows the same jump again and is then recorded as absent; a stale record does not come
  back. Cost: one extra fetch per true gap, which the canonical topics have only where compacted.
- The committed position moves over processed offsets and recorded absences only (`next_commit`).
- A record faust skips around a rebalance (fetched in an earlier generation, or arriving while the
  flow is stopped) is acknowledged by faust's stream "so the lag does not grow" (`faust/streams.py`).
  Its acknowledgement here releases whoever waits for it but does not count it as processed: after
  the rebalance the partition is read again from its committed offset and the record is processed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import ClassVar

import structlog
from aiokafka.errors import IllegalStateError
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, Message
from faust.types.tuples import ack_lock
from intervaltree import IntervalTree
from mode.utils.futures import notify

from hub.metrics import OFFSET_REREADS

log = structlog.get_logger(__name__)


@dataclass
class JumpCheck:
    """A jump in a partition counts once it was seen twice: the second time after a re-read."""

    _unconfirmed: dict[TP, tuple[int, int]] = field(default_factory=dict)

    def confirmed(self, tp: TP, expected: int, offset: int) -> bool:
        """Whether the jump from ``expected`` to ``offset`` is real; if not yet, the partition must be re-read."""
        jump = (expected, offset)
        if self._unconfirmed.get(tp) == jump:
            del self._unconfirmed[tp]
            return True
        self._unconfirmed[tp] = jump
        return False

    def forget(self, tps: Iterable[TP]) -> None:
        for tp in tps:
            self._unconfirmed.pop(tp, None)


def next_commit(committed: int | None, processed: set[int], absent: IntervalTree) -> int | None:
    """The position to commit: from ``committed`` over processed and absent offsets; None if it stays.

    With nothing committed yet the run starts at the lowest processed offset, as faust's does.
    """
    if not processed:
        return None
    position = committed if committed is not None else min(processed)
    while True:
        if position in processed:
            position += 1
        elif covering := absent.at(position):
            position = max(interval.end for interval in covering)
        else:
            break
    return position if committed is None or position > committed else None


class Consumer(faust_aiokafka.Consumer):
    """faust's aiokafka consumer; every offset jump is confirmed by a re-read before it counts as absent."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._expected: dict[TP, int | None] = {}
        self._jumps = JumpCheck()

    async def seek(self, partition: TP, offset: int) -> None:
        await super().seek(partition, offset)
        self._expected[partition] = offset

    async def perform_seek(self) -> None:
        await super().perform_seek()
        # the committed offsets just sought to
        for tp in self.assignment():
            self._expected[tp] = self._read_offset.get(tp)
        # aiokafka seeks only to committed offsets above 0 (`seek_to_committed`): a partition with
        # nothing committed kept its fetch position, past any records faust fetched and then dropped
        # when it stopped the flow (table recovery, a new generation). Read those from the start.
        unsought = [tp for tp in self.assignment()
                    if self.app.topics.acks_enabled_for(tp.topic) and not self._read_offset.get(tp)]
        if unsought:
            first = await self.earliest_offsets(*unsought)
            for tp in unsought:
                await self.seek(tp, first[tp])

    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        for tp in revoked:
            self._expected.pop(tp, None)
        self._jumps.forget(revoked)
        await super().on_partitions_revoked(revoked)

    def ack(self, message: Message) -> bool:
        if message.generation_id == self.app.consumer_generation_id and self.app.flow_control.is_active():
            return super().ack(message)
        with ack_lock:  # skipped, not processed: nobody waits for it, but it is not done either
            message.acked = True
            self._unacked_messages.discard(message)
            notify(self._waiting_for_ack)
        return False

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        """faust's guess at a gap; absences are recorded in `getmany` once confirmed, so nothing here."""

    def _new_offset(self, tp: TP) -> int | None:
        acked, processed, absent = self._acked[tp], self._acked_index[tp], self._gap[tp]
        position = next_commit(self._committed_offset[tp], processed, absent)
        if position is not None:
            acked[:] = [offset for offset in acked if offset >= position]
            processed.intersection_update(acked)
            absent.chop(0, position)
        return position

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[TP, Message]]:
        rereading: set[TP] = set()
        async for tp, message in super().getmany(timeout):
            if tp in rereading:
                continue  # the rest of this partition's batch comes again after the seek
            if self.app.topics.acks_enabled_for(message.topic):
                expected = self._expected.get(tp)
                if expected is not None and message.offset > expected:
                    if not self._jumps.confirmed(tp, expected, message.offset):
                        rereading.add(tp)
                        await self._reread(tp, expected, message.offset)
                        continue
                    self._gap[tp].addi(expected, message.offset)
                self._expected[tp] = max(expected or 0, message.offset + 1)
            yield tp, message

    async def _reread(self, tp: TP, expected: int, offset: int) -> None:
        OFFSET_REREADS.labels(tp.topic).inc()
        log.info("offset jump re-read", topic=tp.topic, partition=tp.partition, expected=expected, offset=offset)
        try:
            await self.seek(tp, expected)
        except IllegalStateError:  # revoked meanwhile: its next owner reads it from the committed offset
            self._expected.pop(tp, None)


class Transport(faust_aiokafka.Transport):
    """The aiokafka transport with the consumer above."""

    Consumer: ClassVar[type[faust_aiokafka.Consumer]] = Consumer
