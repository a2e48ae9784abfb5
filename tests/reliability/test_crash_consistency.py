"""A worker killed with SIGKILL at seeded random points while events flow loses and repeats nothing.

Events are produced in chunks while the worker is killed and restarted `KILLS` times, each kill once a
seeded random share of the input has been applied and committed, plus a random delay, so it lands
anywhere in the processing of a batch. At the end:

- every input event reached the area stream (routing lost nothing; the wait for the end checks it);
- the worker's state (the faust changelogs of its engine tables, read from Kafka) holds every input
  entity exactly once, at its input revision, every status update applied once, and equals the state
  that fresh engines reach over the area stream as the worker saw it;
- every derived topic carries each event id once;
- the derived events equal the offline replay of that area stream (why the area stream and not the
  input order: see the docstring of tests/stream/test_worker_recovery.py).

Sizes: KOORDINATE_RELIABILITY_EVENTS (default 800), _KILLS (2), _SEED; _WORKLOAD `mixed` (default: two
cities, dense, every need meets many offers) or `districts` (the benchmark workload over 400 districts,
for large runs: derived events then grow with the events, not with their square).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime

import pytest

from hub.engine import Engine
from hub.kafka.reader import end_offsets, read_topic
from hub.stream.routing import area_event
from hub.stream.ticks import tick_time
from schemas import Need, Offer, StatusUpdate, from_kafka, to_event, to_kafka, to_model
from bench.workload import generate
from tests.reliability.knobs import choice, size
from tests.stream.test_worker_recovery import DERIVED, NO_TICKS, _worker_output
from tests.stream.workload import mixed_workload
from tests.stream.group import committed_offsets
from tests.support import produce_models, wait_until

# long: opt-in (`make test-long`); in the default run, tests/stream/test_worker_recovery.py kills and
# replaces workers mid-stream and checks the same exactly-once property at a smaller size
pytestmark = [pytest.mark.kafka, pytest.mark.reliability, pytest.mark.long, pytest.mark.timeout(1800)]

EVENTS = size("EVENTS", 800)
KILLS = size("KILLS", 2)
SEED = size("SEED", 4242)
WORKLOAD = choice("WORKLOAD", "mixed", ("mixed", "districts"))
# The restarted worker, under the killed one's name, takes its partitions back when it joins (static membership).
QUIET_S = 30  # nothing new on any topic for this long (longer than a rejoin after a kill): finished


def workload_of_about(events: int, seed: int) -> list:
    """The chosen workload with about `events` events."""
    if WORKLOAD == "districts":
        return list(generate(seed, events, datetime(2026, 10, 1, 8, tzinfo=UTC)))
    # the mixed workload of tests/stream: needs:offers about 4:1, and a few offers moved from Leipzig to
    # Dresden (two area partitions of six): the partition they left lets them go (hub/engine/departure.py)
    needs = max(8, round(events / 3.14))
    offers = max(4, needs // 4)
    return mixed_workload(seed=seed, offers_per_area=offers, needs_per_area=needs, moves=max(1, offers // 10))


async def _applied_count(settings) -> int:
    """Area-stream records whose offsets the worker group has committed: its progress, cheap to ask."""
    committed = await committed_offsets(settings)
    area_stream = f"{settings.topic_prefix}.worker.by-area"
    return sum(meta.offset for tp, meta in committed.items() if tp.topic == area_stream and meta.offset > 0)


async def _area_stream(settings) -> list:
    return await read_topic(settings.bootstrap_servers, f"{settings.topic_prefix}.worker.by-area")


def _replay_engines(records) -> dict[int, Engine]:
    """Fresh engines, one per area partition, over the area stream in partition and offset order."""
    engines: dict[int, Engine] = {}
    for record in records:
        if tick_time(record.headers) is not None:
            continue
        event = from_kafka(record.value, record.headers)
        engines.setdefault(record.partition, Engine()).handle(area_event(to_model(event), record.headers), event.time)
    return engines


def _replay_derived(records) -> set[tuple[str, str]]:
    engines: dict[int, Engine] = {}
    derived = []
    for record in records:
        if tick_time(record.headers) is not None:
            continue
        event = from_kafka(record.value, record.headers)
        engine = engines.setdefault(record.partition, Engine())
        derived.extend(engine.handle(area_event(to_model(event), record.headers), event.time).derived)
    return {(e.type, e.id) for e in map(to_event, derived) if not e.type.endswith("coverage.v1")}


async def _worker_table(settings, name: str) -> dict[str, object]:
    """The last value of every key of one engine table, from its changelog (deleted keys left out)."""
    topic = f"{settings.topic_prefix}-worker-engine-{name}-changelog"
    table: dict[str, object] = {}
    for record in await read_topic(settings.bootstrap_servers, topic):
        key = record.key.decode()
        key = json.loads(key) if key.startswith('"') else key
        if record.value is None:
            table.pop(key, None)
        else:
            table[key] = json.loads(record.value)
    return table


def _header(record, name: str) -> str:
    return next((v.decode() for k, v in record.headers if k == name), "")


async def test_worker_killed_at_random_points_reflects_every_event_once(hub_settings, start_worker):
    rng = random.Random(SEED)
    events = workload_of_about(EVENTS, SEED)
    produced_ids = {dict(to_kafka(e).headers)["ce_id"].decode() for e in events}
    kill_shares = sorted(rng.uniform(0.05, 0.9) for _ in range(KILLS))
    started = time.monotonic()

    async def produce_in_chunks() -> None:
        for begin in range(0, len(events), 500):
            await produce_models(hub_settings, events[begin:begin + 500])
            await asyncio.sleep(rng.uniform(0.0, 1.0))

    producer = asyncio.create_task(produce_in_chunks())
    worker = start_worker(**NO_TICKS)
    kills: list[dict[str, float]] = []
    try:
        for share in kill_shares:
            async def reached(share=share):
                return await _applied_count(hub_settings) >= share * len(events)

            await wait_until(reached, 900, f"{share:.0%} of the input applied", processes=[worker])
            await asyncio.sleep(rng.uniform(0.0, 1.5))  # anywhere inside the processing of a batch
            worker.kill()
            kills.append({"share": round(share, 3), "at_s": round(time.monotonic() - started, 1)})
            worker = start_worker(**NO_TICKS)  # same name: same local state directory
        await producer
    finally:
        if not producer.done():
            producer.cancel()

    # Settled: everything routed, everything the area stream implies derived, every need in the state.
    # (Committed consumer offsets are not waited for: faust may hold them back after a rejoin, which
    # costs a re-read after the next crash, never a result.)
    async def positions() -> tuple:
        topics = [
            f"{hub_settings.topic_prefix}.worker.by-area",
            f"{hub_settings.topic_prefix}-worker-engine-needs-changelog",
            *(hub_settings.topic_name(suffix) for suffix in DERIVED)]
        return tuple(sorted((tp.topic, tp.partition, end) for tp, end in
                            (await end_offsets(hub_settings.bootstrap_servers, topics)).items()))

    async def settled():
        # cheap until the topics stand still (the worker shares two cores with this probe), then the full check
        first = await positions()
        await asyncio.sleep(QUIET_S)
        if await positions() != first:
            return None
        records = await _area_stream(hub_settings)
        return records if not produced_ids - {_header(r, "ce_id") for r in records} else None

    area_records = await wait_until(settled, 900, "the worker to settle", processes=[worker])
    output, expected = await _worker_output(hub_settings), _replay_derived(area_records)
    elapsed = time.monotonic() - started
    print(f"\ncrash consistency: {len(events)} events, kills {kills}, {sum(output.values())} derived, {elapsed:.0f} s")

    # Each derived event id once per derived topic, and the derived stream equals the offline replay.
    per_topic = {suffix: Counter(_header(r, "ce_id") for r in await read_topic(
        hub_settings.bootstrap_servers, hub_settings.topic_name(suffix))) for suffix in DERIVED}
    repeated = {suffix: [i for i, n in ids.items() if n > 1][:5] for suffix, ids in per_topic.items()}
    assert all(not ids for ids in repeated.values()), f"derived ids repeated: {repeated}"
    derived = {key for key in output if not key[0].endswith("coverage.v1")}
    assert (len(expected - derived), len(derived - expected)) == (0, 0), (
        f"missing {sorted(expected - derived)[:3]}, extra {sorted(derived - expected)[:3]}")

    # The worker's state holds every input exactly once and equals the replay's state.
    engines = _replay_engines(area_records)
    for name, kind, field in (("needs", Need, "need"), ("offers", Offer, "offer")):
        table = await _worker_table(hub_settings, name)
        by_entity: dict[str, list[str]] = defaultdict(list)
        for key in table:
            by_entity[key.split("/", 1)[1]].append(key)
        inputs = {e.id: e.revision for e in events if isinstance(e, kind)}
        assert set(by_entity) == set(inputs), f"{name}: entities missing or extra in the worker's state"
        assert [k for k, keys in by_entity.items() if len(keys) > 1] == [], f"{name} held by two partitions"
        assert {key.split("/", 1)[1]: table[key][field]["revision"] for key in table} == inputs
        replayed = {f"{p}/{k}": v for p, engine in engines.items() for k, v in getattr(engine.tables, name).items()}
        assert table == json.loads(json.dumps(replayed, default=str)), f"{name}: worker state differs from replay"
    updates = await _worker_table(hub_settings, "updates")
    applied = Counter(key.split("/", 1)[1] for key in updates)
    assert applied == Counter(e.id for e in events if isinstance(e, StatusUpdate))
