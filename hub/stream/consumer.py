"""The rules of the worker's Kafka consumer: faust's, except that it commits only what it read or proved absent.

The consumer class applying them inside faust is `hub.stream._faust.Consumer` (faust's internals stay
in that one module); the rules themselves are here, free of faust's internals, and tested without Kafka.

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

from collections.abc import Iterable
from dataclasses import dataclass, field

from faust.types import TP
from intervaltree import IntervalTree


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
