"""Crash, restart, replay: the worker derives what the engine derives offline, each event id exactly once.

The worker reads three canonical topics; Kafka keeps order within a partition, not across topics, so
the order in which the engine sees a need and the offers for it can differ from event-time order, and
with it the derived stream. The comparison with `koordinate replay` therefore feeds the worker one
event at a time; the crash test compares with an offline run over the area stream the worker saw.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import pytest

from hub.engine import Engine
from hub.kafka.producer import EventProducer
from hub.kafka.reader import end_offsets, read_topic
from hub.kafka.tail import TopicReader
from hub.replay import read_events, replay_events
from hub.stream.app import area_stream_name
from hub.stream.ticks import tick_time
from schemas import from_kafka, to_event, to_http_structured, to_kafka, to_model
from bench.harness import logged_partitions
from bench.workload import generate
from tests.stream.group import lagging, stable_members
from tests.stream.workload import mixed_workload
from tests.support import canonical_record, produce_models, wait_until

pytestmark = pytest.mark.kafka
DERIVED = ("matches", "gaps", "duplicates", "coverage", "state")  # state: the entities as the engine has them
NO_TICKS = {"KOORDINATE_WORKER__TICK_INTERVAL_S": "3600"}  # timers run in event time only
# A killed worker restarted under its name is taken back into the group when it joins (static
# membership); a second worker gets a killed one's partitions after the session timeout (15 s).


def _offline_ids(events) -> set[tuple[str, str]]:
    """(type, event id) of what `koordinate replay` derives from the same input, coverage aside.

    Coverage is left out of the comparison: its sweeps follow the clock of each engine (one for all
    areas offline, one per partition in the worker), so its figures are restated at other moments.
    """
    lines = [to_http_structured(model).body.decode() for model in events]
    inputs, bad = read_events(lines)
    assert not bad
    result = replay_events(inputs, Engine())
    return {(e.type, e.id) for e in map(to_event, result.derived) if not e.type.endswith("coverage.v1")}


async def _worker_output(settings) -> Counter:
    ids: Counter = Counter()
    for suffix in DERIVED:
        for record in await read_topic(settings.bootstrap_servers, settings.topic_name(suffix)):
            headers = dict(record.headers)
            ids[(headers["ce_type"].decode(), headers["ce_id"].decode())] += 1
    return ids


async def _settled_output(settings, expected: set, worker) -> Counter:
    last = {"missing": 0, "lagging": {}}

    async def done():
        output = await _worker_output(settings)
        have = {key for key in output if not key[0].endswith("coverage.v1")}
        last["missing"] = len(expected - have)
        last["lagging"] = await lagging(settings)
        return output if not last["missing"] and not last["lagging"] else None

    def what() -> str:
        return (f"the worker to derive everything ({last['missing']} expected events missing, "
                f"uncommitted (committed, end): {last['lagging']}); log:\n{worker.log_tail()}")

    return await wait_until(done, 240, what)


async def _records_on(settings, topics: list[str]) -> int:
    """How many records the topics hold: end offsets only, cheap enough to poll closely."""
    return sum((await end_offsets(settings.bootstrap_servers, topics)).values())


async def _area_stream(settings) -> list:
    return await read_topic(settings.bootstrap_servers, area_stream_name(settings))


def _replay_derived(records) -> set[tuple[str, str]]:
    """What fresh engines derive from the area stream as the worker saw it, one engine per partition."""
    engines: dict[int, Engine] = {}
    derived = []
    for record in records:  # partition order, then offset order
        if tick_time(record.headers) is not None:
            continue
        event = from_kafka(record.value, record.headers)
        engine = engines.setdefault(record.partition, Engine())
        derived.extend(engine.handle(to_model(event), event.time).derived)
    return {(e.type, e.id) for e in map(to_event, derived) if not e.type.endswith("coverage.v1")}


async def test_worker_and_offline_replay_derive_the_same_events(hub_settings, start_worker):
    events = mixed_workload(seed=11, offers_per_area=8, needs_per_area=24)
    expected = _offline_ids(events)
    worker = start_worker(**NO_TICKS)
    # one producer and one reader of the area stream's end offsets for the whole loop: a client per
    # event made this test spend minutes in connecting
    area_stream = TopicReader(hub_settings.bootstrap_servers, [area_stream_name(hub_settings)], missing="wait")
    await area_stream.start()
    try:
        async with EventProducer(hub_settings.bootstrap_servers) as producer:
            for count, model in enumerate(events, start=1):  # one at a time: the worker sees event-time order
                topic, value, key, headers = canonical_record(hub_settings, model)
                await producer.send(topic, value, key=key, headers=headers)

                async def forwarded(count=count):
                    await area_stream.look_for_missing_topics()
                    return sum((await area_stream.end_offsets()).values()) >= count

                await wait_until(forwarded, 120, lambda: f"event {count} on the area stream; log:\n{worker.log_tail()}",
                                 interval_s=0.02)
    finally:
        await area_stream.stop()

    output = await _settled_output(hub_settings, expected, worker)
    assert {key for key in output if not key[0].endswith("coverage.v1")} == expected
    assert [key for key, count in output.items() if count > 1] == []


def _derived_topics(settings) -> list[str]:
    return [settings.topic_name(suffix) for suffix in DERIVED]


@pytest.mark.long  # opt-in while its rare divergence from the replay is open (docs/reliability.md)
async def test_a_worker_killed_mid_stream_resumes_without_losing_or_repeating(hub_settings, start_worker):
    events = mixed_workload(seed=12, offers_per_area=40, needs_per_area=160)
    # The second half is produced only after the kill, so the replacement always has events the killed
    # worker never saw, however fast the worker is; the kill comes at its first derived record, most
    # likely in the middle of a batch of the first half.
    first_half, second_half = events[:len(events) // 2], events[len(events) // 2:]
    worker = start_worker(**NO_TICKS)
    await produce_models(hub_settings, first_half)

    async def deriving():
        return await _records_on(hub_settings, _derived_topics(hub_settings)) > 0

    await wait_until(deriving, 240, lambda: f"the worker's first derived record; log:\n{worker.log_tail()}")
    worker.kill()
    derived_before_kill = await _records_on(hub_settings, _derived_topics(hub_settings))
    await produce_models(hub_settings, second_half)

    restarted = start_worker(**NO_TICKS)  # same name: same local state directory, same tables
    await _settled_output(hub_settings, set(), restarted)
    area_records = await _area_stream(hub_settings)
    expected = _replay_derived(area_records)
    output = await _settled_output(hub_settings, expected, restarted)
    assert sum(output.values()) > derived_before_kill, "the replacement derived nothing"
    routed = {dict(r.headers).get("ce_id", b"").decode() for r in area_records}
    assert {dict(to_kafka(e).headers)["ce_id"].decode() for e in events} - routed == set(), "input never routed"
    assert {key for key in output if not key[0].endswith("coverage.v1")} == expected
    repeated = {key: count for key, count in output.items() if count > 1}
    assert repeated == {}, f"derived events emitted more than once: {json.dumps([list(k) for k in repeated])[:500]}"


def _engine_partitions(worker) -> set[int]:
    """The area partitions a worker's log says it ran an engine for."""
    return set(logged_partitions(worker.log_file, "partition engine ready"))


# Opt-in (`make test-long`) until a known fault is fixed: now and then the survivor derives everything
# but one partition's commit stops short of its end (docs/reliability.md, "Open (narrowed): commits
# stall after a takeover"; one cause fixed, 1 stall in 25 runs after it). The single-worker kill test
# above stays in the default run.
@pytest.mark.long
@pytest.mark.timeout(600)  # its own waits (240 s each) end first, with what is missing and the log tail
async def test_two_workers_share_the_partitions_and_one_takes_over_when_the_other_is_killed(
        hub_settings, start_worker):
    """Each worker has its own local state; the survivor restores the killed one's partitions from the
    changelogs alone (finishing its last journal entry from Kafka) and repeats nothing."""
    events = list(generate(3, 2000, datetime(2026, 10, 1, 8, tzinfo=UTC)))  # 400 districts: every partition
    before_kill, after_kill = events[:1000], events[1000:]
    first, second = start_worker("worker-a", **NO_TICKS), start_worker("worker-b", **NO_TICKS)

    async def both_in_the_group():  # else the first to join may apply everything before the second has a partition
        return await stable_members(hub_settings) == 2

    await wait_until(both_in_the_group, 240, lambda: f"two workers in the group; logs:\n{first.log_tail()}\n{second.log_tail()}")
    await produce_models(hub_settings, before_kill)

    async def both_working():
        output = await _worker_output(hub_settings)
        return _engine_partitions(first) and _engine_partitions(second) and sum(output.values()) > 0

    await wait_until(both_working, 240, lambda: f"both workers applying; logs:\n{first.log_tail()}\n{second.log_tail()}")
    taken_from_first = _engine_partitions(first)
    first.kill()
    await produce_models(hub_settings, after_kill)  # new events for every partition, the killed one's too

    await _settled_output(hub_settings, set(), second)
    expected = _replay_derived(await _area_stream(hub_settings))
    output = await _settled_output(hub_settings, expected, second)
    assert _engine_partitions(second) >= taken_from_first, "the survivor did not take over the killed worker's areas"
    assert {key for key in output if not key[0].endswith("coverage.v1")} == expected
    assert [key for key, count in output.items() if count > 1] == []


# Opt-in with the other two-worker test above (the same open fault can stall a commit after a rebalance).
@pytest.mark.long
@pytest.mark.timeout(600)
async def test_a_second_worker_joining_leaves_the_first_its_kept_partitions_engines(hub_settings, start_worker):
    """The first worker rebuilds no engine of a partition it keeps, and the two derive what fresh
    engines derive from the area stream, nothing twice."""
    events = list(generate(4, 2000, datetime(2026, 10, 1, 8, tzinfo=UTC)))  # 400 districts: every partition
    first = start_worker("worker-a", **NO_TICKS)
    await produce_models(hub_settings, events[:1000])

    async def engines_everywhere():
        return len(_engine_partitions(first)) == 6

    await wait_until(engines_everywhere, 240, lambda: f"an engine in each of the six partitions; log:\n{first.log_tail()}")
    second = start_worker("worker-b", **NO_TICKS)

    async def both_in_the_group():
        return await stable_members(hub_settings) == 2

    await wait_until(both_in_the_group, 240, lambda: f"two workers in the group; logs:\n{first.log_tail()}\n{second.log_tail()}")
    await produce_models(hub_settings, events[1000:])
    await _settled_output(hub_settings, set(), first)
    expected = _replay_derived(await _area_stream(hub_settings))
    output = await _settled_output(hub_settings, expected, first)

    kept = logged_partitions(first.log_file, "partition engine kept across the rebalance")
    built = logged_partitions(first.log_file, "partition engine ready")
    assert kept, f"the first worker kept no engine; log:\n{first.log_tail()}"
    assert all(built.count(partition) == 1 for partition in kept), f"kept engines rebuilt: built {built}, kept {kept}"
    assert _engine_partitions(second).isdisjoint(kept)
    assert {key for key in output if not key[0].endswith("coverage.v1")} == expected
    assert [key for key, count in output.items() if count > 1] == []
