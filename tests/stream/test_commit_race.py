"""A commit overtaken by a rebalance must not leave the consumer believing a position the group does not have.

The cause of the commit stall after a takeover (docs/reliability.md): faust records the offsets of a
commit as committed when the commit returns, whether it went through or not, even when the partition
was revoked, assigned again and sought to the group's committed offset while the commit waited. The
consumer then re-reads from the group's offset but counts those records below its own stale position,
and never commits that partition again. Here the rebalance is played inside the commit, without Kafka.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from faust.types import TP

from hub.settings import Settings
from hub.stream.app import worker_faust_app

AREA = TP("t.worker.by-area", 4)


class _Message:
    def __init__(self, offset: int, generation_id: int) -> None:
        self.tp, self.topic, self.partition, self.offset = AREA, AREA.topic, AREA.partition, offset
        self.generation_id = generation_id
        self.acked = False
        self.refcount = 0


def _consumer(tmp_path: Path, group_committed: int):
    app = worker_faust_app(Settings(home=tmp_path))
    consumer = app.consumer
    app.topics.acks_enabled_for = lambda topic: True  # type: ignore[method-assign]
    consumer.assignment = lambda: {AREA}  # type: ignore[method-assign]
    state = {"group": group_committed}

    async def seek_to_committed():
        return {AREA: state["group"]}

    async def seek(tp, offset):
        pass

    async def flush():
        pass

    async def app_revoked(revoked):  # the app's part of a revocation (tables, flow) is not under test
        pass

    consumer._on_partitions_revoked = app_revoked  # type: ignore[method-assign]
    consumer.seek_to_committed = seek_to_committed  # type: ignore[method-assign]
    consumer._seek = seek  # type: ignore[method-assign]
    consumer.earliest_offsets = None  # never needed: something is committed
    app._producer = SimpleNamespace(flush=flush)  # what faust flushes before it commits
    app.flow_control.resume()
    return app, consumer, state


def _process(app, consumer, offsets: range) -> None:
    for offset in offsets:
        consumer.ack(_Message(offset, app.consumer_generation_id))


async def _rebalance_during_commit(app, consumer, state, *, went_through: bool) -> bool:
    """A commit of what was processed, during which the partition is revoked, assigned again and
    sought to the group's committed offset; returns whether faust says it committed."""

    async def commit(offsets) -> bool:
        await consumer.on_partitions_revoked({AREA})
        app.consumer_generation_id += 1
        await consumer.perform_seek()  # reads the group's offset, before this commit lands (if it does)
        if went_through:
            state["group"] = offsets[AREA]
        return went_through

    consumer._commit = commit  # type: ignore[method-assign]
    return await consumer.commit()


async def test_a_commit_refused_during_a_rebalance_leaves_the_group_offset_and_the_next_commit_moves_on(tmp_path):
    app, consumer, state = _consumer(tmp_path, group_committed=230)
    await consumer.perform_seek()
    _process(app, consumer, range(230, 300))

    assert not await _rebalance_during_commit(app, consumer, state, went_through=False)  # "already rebalanced"
    assert consumer._committed_offset[AREA] == 230 == state["group"], "the consumer believes a commit that failed"

    # the partition is read again from the group's offset, and everything up to the end is processed
    _process(app, consumer, range(230, 353))
    assert consumer._new_offset(AREA) == 353


async def test_a_commit_that_went_through_during_a_rebalance_keeps_the_sought_offset_and_commits_again(tmp_path):
    app, consumer, state = _consumer(tmp_path, group_committed=230)
    await consumer.perform_seek()
    _process(app, consumer, range(230, 300))

    assert await _rebalance_during_commit(app, consumer, state, went_through=True)
    _process(app, consumer, range(230, 353))
    assert consumer._new_offset(AREA) == 353  # a commit at or past the group's 300: nothing held back


async def test_a_failed_commit_without_a_rebalance_is_tried_again(tmp_path):
    app, consumer, state = _consumer(tmp_path, group_committed=230)
    await consumer.perform_seek()
    _process(app, consumer, range(230, 300))

    async def refused(offsets) -> bool:
        return False

    consumer._commit = refused  # type: ignore[method-assign]
    assert not await consumer.commit()
    assert consumer._committed_offset[AREA] == 230
    assert consumer._new_offset(AREA) == 300, "what was processed must still be committable"
