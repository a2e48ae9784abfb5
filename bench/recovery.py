"""Recovery: how long until a worker is processing again with its tables restored, at N entities.

The state a worker leaves behind is written straight to its tables' changelog topics (what faust
recovers from): N needs and offers across 400 districts, as the engine stores a new entity, and what
each area partition's engine holds besides once it has taken them in (`settled_state`), keyed and
partitioned as the worker writes them. The canonical topics stay empty, as if the worker had
committed everything. Then:
1. cold start: `koordinate worker` (empty local state) starts; one duplicate probe per area
   partition (a copy of a restored offer of that partition) is produced at once; time until every
   probe's Duplicate event is on the topic: every partition engine has rebuilt its indexes from the
   restored state, and its dedupe index has filed the probe's municipality. (One probe would time
   one partition engine: they are built when their partition's first record arrives.)
2. replacement: that worker is killed (SIGKILL); a replacement under the same name but with empty
   local state starts (a StatefulSet pod rescheduled to another machine without its volume); a second
   round of probes; time from the kill and from the start until every Duplicate. The group knows the
   replacement as the killed member (static membership), so it does not wait for the session timeout.
3. restart: the replacement is killed too and started again with its local state kept (a pod
   restarted with its volume): faust reads the changelogs only past what its stores hold; a third round.
Before static membership (bench/README, "Static membership", 2026-12-03) the replacement took
another name and waited for the group to evict the killed member (the session timeout, 15 s); there
was no restart.
With `--join`, instead of 2 and 3: a second worker joins the first after its cold start; once the
group is stable, a probe per area partition, timed apart for the partitions the first worker kept
and for those that moved to the newcomer.
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import shutil
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.partitioner import murmur2

from bench import harness
from bench.workload import District, districts, duplicate_probe, kafka_record, need_dict, offer_dict
from hub.engine import Engine, EngineTables
from hub.kafka.cluster import stable_group_members
from hub.topics.spec import WORKER_APP_SUFFIX, changelog_suffix, topic, topic_of_event_type
from schemas import Duplicate, Offer

PARTITIONS = 6


def _partition(key: bytes) -> int:
    # the default partitioner of aiokafka (and of faust's producer): murmur2 of the key bytes
    return (murmur2(key) & 0x7FFFFFFF) % PARTITIONS


def state_records(n_entities: int, seed: int, now: datetime) -> Iterator[tuple[District, str, dict, dict]]:
    """(area, table, entity, record as the engine stores it) of N entities, needs and offers alternating."""
    rng = random.Random(seed)
    areas = districts()
    at = now.isoformat()
    for i in range(n_entities):
        area = areas[rng.randrange(len(areas))]
        if i % 2:
            data = need_dict(rng, area, i, now)
            yield area, "engine-needs", data, {"need": data, "status": "open", "published_status": "open",
                                               "covered": 0, "open_since": at, "matches": []}
        else:
            data = offer_dict(rng, area, i, now)
            yield area, "engine-offers", data, {"offer": data, "status": "active", "published_status": "active",
                                                "committed": 0, "capacity_delta": 0}


# Above this the in-process engine would hold gigabytes in the benchmark's own process while the worker
# restores beside it (1M entities: about 10 GB each), so it is left out.
IN_PROCESS_UP_TO = 200_000


def settled_state(n_entities: int, seed: int, now: datetime) -> dict[int, EngineTables]:
    """Per area partition, the tables its engine holds once it has taken these needs and offers in and
    ticked: the coverage figures, parallel offers and fingerprints of what it emitted besides the
    entities. (Before 2026-12-04 the changelogs held the entities alone, a state no worker leaves: the
    restored worker's first tick then found every coverage figure new and swept every area.)"""
    tables: dict[int, EngineTables] = {}
    for area, table, data, record in state_records(n_entities, seed, now):
        partition = tables.setdefault(_partition(area.ags.encode()), EngineTables.in_memory())
        (partition.needs if table == "engine-needs" else partition.offers)[data["id"]] = record
    for partition in tables.values():
        Engine(partition).tick(now)
    return tables


def engine_in_process(state: dict[int, EngineTables], now: datetime) -> dict[str, float]:
    """CPU seconds to rebuild every area partition's engine from the stored state, for their first
    tick, and then to file every municipality's offers in the dedupe index, in this process without
    Kafka or faust: the part of a recovery the hub's own code decides, steadier from run to run than
    the worker's wall time. Since 2026-12-04 the index files a municipality's offers on its first use,
    so a restore does not pay the last figure: the first events of each municipality do."""
    figures = {"rebuild_cpu_s": 0.0, "first_tick_cpu_s": 0.0, "file_every_area_cpu_s": 0.0}
    for tables in state.values():
        stored = tables.as_stored()
        gc.collect()
        started = time.process_time()
        engine = Engine(stored)
        rebuilt = time.process_time()
        engine.tick(now)
        ticked = time.process_time()
        file_deferred = getattr(engine.cache.duplicates, "file_deferred", None)  # absent before 2026-12-04
        if file_deferred is not None:
            file_deferred()
        filed = time.process_time()
        figures["rebuild_cpu_s"] += rebuilt - started
        figures["first_tick_cpu_s"] += ticked - rebuilt
        figures["file_every_area_cpu_s"] += filed - ticked
    return {name: round(value, 2) for name, value in figures.items()} | engine_memory(state, now)


def engine_memory(state: dict[int, EngineTables], now: datetime) -> dict[str, float]:
    """Bytes per entity the rebuilt and ticked engines of every area partition hold beyond their tables
    (tracemalloc; a pass of its own, since tracing slows the CPU figures down), and, as the baseline of
    the same run, the stored records' JSON per entity."""
    stored = [tables.as_stored() for tables in state.values()]
    entities = sum(len(tables.needs) + len(tables.offers) for tables in stored)
    record_bytes = sum(len(json.dumps(record)) for tables in stored
                       for record in (*tables.needs.values(), *tables.offers.values()))
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        engines = [Engine(tables) for tables in stored]
        for engine in engines:
            engine.tick(now)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    del engines
    return {"engine_heap_b_per_entity": round(held / entities), "stored_json_b_per_entity": round(record_bytes / entities)}


async def populate(settings, state: dict[int, EngineTables]) -> dict[int, list[dict]]:
    """Write the changelogs of the settled state; returns a few offer records per area partition to copy as probes."""
    prefix, bootstrap = settings.topic_prefix, settings.bootstrap_servers
    tables = ("route-entity-areas", *(f"engine-{name}" for name in EngineTables.names()))
    changelog = {t: topic(changelog_suffix(t)).name(prefix) for t in tables}  # the worker's, as faust names them
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(changelog[t], PARTITIONS, 1,
                                            topic_configs={"cleanup.policy": "compact"}) for t in tables])
    finally:
        await admin.close()
    keep: dict[int, list[dict]] = {}
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=20, max_batch_size=256 * 1024)
    await producer.start()
    try:
        pending = []

        async def send(table: str, key: str, value: Any, partition: int) -> None:
            pending.append(await producer.send(changelog[table], json.dumps(value).encode(),
                                               key=json.dumps(key).encode(), partition=partition))
            if len(pending) > 20_000:
                await asyncio.gather(*pending)
                pending.clear()

        for area_partition, engine_tables in sorted(state.items()):
            for name in EngineTables.names():
                for key, value in getattr(engine_tables, name).items():
                    await send(f"engine-{name}", f"{area_partition}/{key}", value, area_partition)
            for entity_id, record in (*engine_tables.needs.items(), *engine_tables.offers.items()):
                entity = record.get("need") or record["offer"]
                await send("route-entity-areas", entity_id, entity["area"]["ags"], _partition(entity_id.encode()))
            keep[area_partition] = [record["offer"] for _, record in sorted(engine_tables.offers.items())[:2]]
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return keep


async def _probes_until_seen(settings, originals: list[dict], round_: int, timeout_s: float,
                             arrivals: list[float | None] | None = None) -> float | None:
    """Produce a duplicate of each original; the wall time the last of their Duplicate events is
    seen, or None. `arrivals`, when given, gets the time each probe's Duplicate was seen (None: not
    in time), in the order of `originals`."""
    prefix, bootstrap = settings.topic_prefix, settings.bootstrap_servers
    probes = [duplicate_probe(Offer.model_validate(original), round_ * 100 + number, datetime.now(UTC))
              for number, original in enumerate(originals)]
    waiting = {probe.id for probe in probes}
    consumer = AIOKafkaConsumer(topic_of_event_type(Duplicate.event_type).name(prefix), bootstrap_servers=bootstrap,
                                auto_offset_reset="earliest", enable_auto_commit=False)
    await consumer.start()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for probe in probes:
            topic, key, value, headers = kafka_record(probe, prefix)
            await (await producer.send(topic, value, key=key, headers=headers))
        seen_at: dict[str, float] = {}
        deadline = time.monotonic() + timeout_s
        while waiting and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            arrived = time.time()
            for records in batch.values():
                for record in records:
                    for offer_id in waiting & set(json.loads(record.value).get("offer_ids", [])):
                        seen_at[offer_id] = arrived
                        waiting.discard(offer_id)
        if arrivals is not None:
            arrivals.extend(seen_at.get(probe.id) for probe in probes)
        return None if waiting else max(seen_at.values(), default=None)
    finally:
        await producer.stop()
        await consumer.stop()


def longest_loop_hold(worker: harness.Worker) -> float:
    """The longest the worker's event loop was held, from its `worker.event_loop_held` log lines
    (hub/stream/loop_watch.py logs holds over 0.25 s; before commit f38ee4f, over 1 s); 0.0 when none was that long."""
    held = [0.0]
    if worker.log_file.exists():
        for line in worker.log_file.read_text(errors="replace").splitlines():
            if '"worker.event_loop_held"' in line:
                try:
                    held.append(float(json.loads(line[line.index("{"):])["held_s"]))
                except (ValueError, KeyError):
                    continue
    return max(held)


async def _run(bootstrap: str, n_entities: int, seed: int, timeout_s: float, kill: bool,
               profile: Path | None = None, static_membership: bool = True, join: bool = False,
               worker_settings: dict[str, str] | None = None) -> dict[str, Any]:
    settings = harness.fresh_settings(bootstrap, "rec")
    await harness.create_topics(settings)
    started = time.perf_counter()
    now = datetime.now(UTC)
    state = settled_state(n_entities, seed, now)
    originals = await populate(settings, state)
    result: dict[str, Any] = {"entities": n_entities, "populate_s": round(time.perf_counter() - started, 1)}
    print(f"  changelogs of {n_entities:,} entities and what their engines hold besides written in "
          f"{result['populate_s']} s", flush=True)
    if n_entities <= IN_PROCESS_UP_TO:
        result["engine_in_process"] = engine_in_process(state, now)
        print(f"  in process, no Kafka: {result['engine_in_process']}", flush=True)
    del state
    gc.collect()
    membership = {"KOORDINATE_WORKER__STATIC_MEMBERSHIP": str(static_membership).lower(),
                  **{f"KOORDINATE_WORKER__{name.upper()}": value for name, value in (worker_settings or {}).items()}}
    if join:  # which partitions kept their engine and which moved, from the workers' info lines
        membership["KOORDINATE_LOG_LEVEL"] = "info"
    first = harness.Worker(settings, "worker-1", profile=profile, **membership).start()
    t_start = time.time()
    # one probe per area partition (each partition that holds two offers to copy: all, but at toy sizes)
    rounds = [[originals[p][n] for p in sorted(originals) if len(originals[p]) == 2] for n in (0, 1)]
    result["probes_per_round"] = len(rounds[0])
    seen = await _probes_until_seen(settings, rounds[0], 1, timeout_s)
    result["cold_start_s"] = round(seen - t_start, 2) if seen else None
    result["cold_start_worker_cpu_s"] = round(first.cpu_seconds(), 1)
    result["cold_start_worker_peak_rss_mib"] = first.peak_rss_mib()
    result["cold_start_loop_held_max_s"] = longest_loop_hold(first)
    print(f"  cold start: processing with restored tables after {result['cold_start_s']} s", flush=True)
    if join and seen is not None and not profile:
        await _second_worker_joins(settings, first, rounds[1], timeout_s, result, membership)
        return result
    if not kill or seen is None or profile:
        first.stop()
        return result
    await asyncio.sleep(3)  # let it settle into the group
    first.kill()
    shutil.rmtree(settings.home / "worker" / "worker-1")  # the same worker on a machine without its state
    second = await _after_kill(settings, "replacement", rounds[1], 2, timeout_s, result, membership)
    if second is None:
        return result
    await asyncio.sleep(3)
    second.kill()
    third = await _after_kill(settings, "restart", rounds[0], 3, timeout_s, result, membership)
    if third is not None:
        third.stop()
    return result


async def _second_worker_joins(settings, first: harness.Worker, originals: list[dict], timeout_s: float,
                               result: dict[str, Any], env: dict[str, str]) -> None:
    """A second worker joins the running one; once the group is stable again, a probe per area
    partition: how soon the partitions the first worker kept answer (their engines were kept) and
    how soon those that moved do (restored by the newcomer)."""
    second = harness.Worker(settings, "worker-2", log_label="join", **env).start()
    try:
        group = f"{settings.topic_prefix}-{WORKER_APP_SUFFIX}"
        deadline = time.monotonic() + timeout_s
        while await stable_group_members(settings.bootstrap_servers, group) != 2:
            if time.monotonic() > deadline or not second.alive():
                result["join"] = {"error": f"no stable group of two; log:\n{second.log_tail()}"}
                return
            await asyncio.sleep(0.5)
        sent, arrivals = time.time(), []
        await _probes_until_seen(settings, originals, 4, timeout_s, arrivals)
        moved = set(harness.logged_partitions(second.log_file, "partition engine ready"))
        partitions = [_partition(o["area"]["ags"].encode()) for o in originals]
        waits = {p: (round(at - sent, 2) if at else None) for p, at in zip(partitions, arrivals)}
        result["join"] = {
            "kept_partitions_s": {p: w for p, w in waits.items() if p not in moved},
            "moved_partitions_s": {p: w for p, w in waits.items() if p in moved},
            "kept_engines": sorted(set(harness.logged_partitions(first.log_file,
                                                                 "partition engine kept across the rebalance"))),
            "first_worker_cpu_s": round(first.cpu_seconds(), 1),
        }
        print(f"  join: {result['join']}", flush=True)
    finally:
        second.stop()
        first.stop()


async def _after_kill(settings, phase: str, originals: list[dict], round_: int, timeout_s: float,
                      result: dict[str, Any], env: dict[str, str]) -> harness.Worker | None:
    """Start worker-1 again right after a kill and time it until a round of probes is seen; the
    worker still running, or None (stopped) when the probes were not seen in time."""
    t_kill = time.time()
    worker = harness.Worker(settings, "worker-1", log_label=phase, **env).start()
    t_start = time.time()
    seen = await _probes_until_seen(settings, originals, round_, timeout_s)
    result[f"{phase}_from_kill_s"] = round(seen - t_kill, 2) if seen else None
    result[f"{phase}_from_start_s"] = round(seen - t_start, 2) if seen else None
    result[f"{phase}_worker_cpu_s"] = round(worker.cpu_seconds(), 1)
    result[f"{phase}_worker_peak_rss_mib"] = worker.peak_rss_mib()
    result[f"{phase}_loop_held_max_s"] = longest_loop_hold(worker)
    print(f"  {phase}: processing again {result[f'{phase}_from_kill_s']} s after the kill", flush=True)
    if seen is None:
        worker.stop()
        return None
    return worker


def main(bootstrap: str | None, sizes: list[int], seed: int, timeout_s: float, kill: bool = True,
         profile: bool = False, static_membership: bool = True, join: bool = False,
         worker_settings: dict[str, str] | None = None) -> dict[str, Any]:
    """`profile`: the cold start's worker runs under pyinstrument (`results/recovery-profile.txt`, the
    session of the last size), and no replacement follows (the profiler changes its timing)."""
    results = []
    session = harness.RESULTS / "recovery-profile.pyisession" if profile else None
    with harness.broker(bootstrap) as address:
        for n in sizes:
            print(f"recovery: {n:,} entities", flush=True)
            results.append(harness.run(_run(address, n, seed, timeout_s, kill, session, static_membership, join,
                                            worker_settings)))
    if session is not None:
        harness.render_profile(session)
        return {}
    reported = ("cold_start_s", "replacement_from_kill_s", "replacement_from_start_s", "restart_from_kill_s",
            "restart_from_start_s", "cold_start_loop_held_max_s", "replacement_loop_held_max_s",
            "restart_loop_held_max_s")
    figures = {str(r["entities"]): {k: r.get(k) for k in (*reported, "join") if k in r}
               | r.get("engine_in_process", {}) for r in results}
    params = {"sizes": sizes, "seed": seed, "timeout_s": timeout_s, "kill": kill, "static_membership": static_membership,
              "join": join, "worker_settings": worker_settings or {},
              "state": "needs and offers (half each) and what their partitions' engines hold once they have taken "
                       "them in and ticked (coverage, parallel offers, emitted), written to the engine and "
                       "routing changelogs",
              "probe": "per round, a duplicate of a restored offer in each area partition -> every Duplicate event"}
    path = harness.write_report("recovery", params, {"seconds": figures}, address, details=results)
    _plot(path.with_suffix(".png"), results)
    print(f"recovery: report {path}", flush=True)
    return figures


def _plot(path: Path, results: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.2))
    labels = [f"{r['entities']:,} entities" for r in results]
    width = 0.27
    xs = range(len(results))
    for offset, key, name in ((-width, "cold_start_s", "cold start (empty local state)"),
                              (0.0, "replacement_from_kill_s", "replacement (same name, empty state), from the kill"),
                              (width, "restart_from_kill_s", "restart (state kept), from the kill")):
        values = [r.get(key) or 0 for r in results]
        bars = ax.bar([x + offset for x in xs], values, width, label=name)
        ax.bar_label(bars, labels=[f"{r.get(key)} s" if r.get(key) else "n/a" for r in results], fontsize=8)
    ax.set_xticks(list(xs), labels)
    ax.set_ylabel("seconds until a probe's Duplicate is out")
    ax.set_title("recovery: tables restored from changelogs, processing again")
    ax.set_ylim(top=max([r.get(k) or 0 for r in results for k in ("cold_start_s", "replacement_from_kill_s",
                                                                  "restart_from_kill_s")] + [1]) * 1.45)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
