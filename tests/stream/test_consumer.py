"""The worker's consumer confirms every offset jump by re-reading before faust may commit past it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aiokafka import AIOKafkaProducer
from faust.types import TP
from intervaltree import IntervalTree

from bench.workload import generate
from hub.errors import PermanentError
from hub.kafka.reader import read_topic
from hub.stream.app import area_stream_name
from hub.stream.consumer import JumpCheck, next_commit
from schemas import to_event
from tests.stream.group import lagging
from tests.support import canonical_record, wait_until

PARTITION = TP("t.needs", 0)


def test_a_jump_counts_only_when_the_re_read_shows_it_again():
    check = JumpCheck()
    assert not check.confirmed(PARTITION, 101, 150)  # stale record or true gap: read again from 101
    assert check.confirmed(PARTITION, 101, 150)  # the same jump again: a true gap
    assert not check.confirmed(PARTITION, 151, 160)  # a later jump is a new question


def test_a_jump_seen_once_is_not_confirmed_by_another_partition_or_another_jump():
    check = JumpCheck()
    assert not check.confirmed(PARTITION, 101, 150)
    assert not check.confirmed(TP("t.needs", 1), 101, 150)  # per partition
    assert not check.confirmed(PARTITION, 101, 149)  # the re-read served something else: ask again
    check.forget([PARTITION])  # revoked
    assert not check.confirmed(PARTITION, 101, 149)


def test_the_commit_moves_over_processed_and_absent_offsets_only():
    absent = IntervalTree()
    absent.addi(103, 105)  # confirmed: no records at 103, 104
    assert next_commit(100, {100, 101, 102, 105}, absent) == 106
    assert next_commit(100, {101, 102}, absent) is None  # 100 still in flight
    assert next_commit(100, {100, 102}, absent) == 101  # 101 in flight: nothing after it counts
    assert next_commit(106, {106}, IntervalTree()) == 107
    assert next_commit(107, set(), IntervalTree()) is None


def test_with_nothing_committed_the_run_starts_at_the_lowest_processed_offset():
    assert next_commit(None, {5, 6, 8}, IntervalTree()) == 7


async def _produce_each_in_its_own_transaction(settings, models) -> None:
    """Transaction markers take an offset each: the topics get true gaps, as compaction leaves them."""
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers,
                                transactional_id=f"{settings.topic_prefix}-gaps")
    await producer.start()
    try:
        for model in models:
            topic, value, key, headers = canonical_record(settings, model)
            async with producer.transaction():
                await producer.send(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


@pytest.mark.kafka
async def test_the_worker_reads_across_true_gaps_and_commits_to_the_end(hub_settings, start_worker):
    events = list(generate(5, 300, datetime(2026, 10, 1, 8, tzinfo=UTC)))
    await _produce_each_in_its_own_transaction(hub_settings, events)
    worker = start_worker(KOORDINATE_WORKER__TICK_INTERVAL_S="3600")
    produced = {to_event(model).id for model in events}

    async def every_event_on_the_area_stream():
        try:
            records = await read_topic(hub_settings.bootstrap_servers, area_stream_name(hub_settings))
        except PermanentError:  # the worker has not created it yet
            return False
        return {dict(r.headers)["ce_id"].decode() for r in records} >= produced

    await wait_until(every_event_on_the_area_stream, 180, f"all {len(produced)} events routed", processes=[worker])
    last_lag: dict[str, tuple[int | None, int]] = {}

    async def committed_to_the_end() -> bool:
        """Every partition committed past its last record; only the final transaction marker stays unread."""
        last_lag.clear()
        last_lag.update(await lagging(hub_settings))
        return all(committed == end - 1 and ".worker." not in name for name, (committed, end) in last_lag.items())

    await wait_until(committed_to_the_end, 60, lambda: f"the group to commit every partition: {last_lag}")
    log = worker.log_file.read_text(errors="replace")
    assert '"offset jump re-read"' in log, "the transaction markers' gaps were not checked"

