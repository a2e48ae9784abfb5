"""Throughput ratio: a raw aiokafka consume -> produce loop vs the hub's worker, same broker, same workload.

(a) raw: one AIOKafkaConsumer + AIOKafkaProducer (acks=all, like the worker) copies every record of
    the canonical topics to a sink topic; from the first record consumed to the last acknowledgement.
(b) hub: `koordinate worker` (a subprocess, optionally under pyinstrument) on a backlog of the same
    records; from the first record it forwards to the area stream (that record's CreateTime) until
    the group's committed offsets reach the end of the canonical topics and then of the area stream.
(d) faust floor: `bench/faust_floor.py` on its own copy of the backlog, the worker's faust app and
    topology with empty stages (stage 1 forwards each record unread, stage 2 acknowledges it), timed
    like (b): what the runtime costs per event before the hub does anything.
(e) faust floor with one stage: the same app with stage 1 only (each record consumed once and forwarded
    once, as a single-stage worker would read it and write what it derives), timed like (b) until the
    canonical topics are committed: the floor a worker without the area stream could reach.
(c) engine ceiling: the same records through the worker's two stages in this process, no Kafka and
    plain dicts instead of faust tables: stage 1 routes each record (`AreaRouter`) from the fields a
    record the edge validated carries (`RoutingFacts.of_stamped_record`; others are validated in full),
    stage 2 decodes and validates it and calls `Engine.handle` of its area
    partition (murmur2 of the AGS, as the producer partitions the area stream). No Kafka change can
    take the worker past this.
"""

from __future__ import annotations

import asyncio
import resource
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import NewTopic

from bench import harness
from bench.faust_floor import STAGES_VARIABLE
from bench.workload import generate, kafka_record
from hub.engine import Engine
from hub.kafka.producer import EventProducer
from hub.stream.app import area_stream_name
from hub.stream.routing import AreaRouter, RoutingFacts, area_event
from hub.topics.spec import DEADLETTER_SUFFIX, canonical_topics, topic_of_event_type
from hub.topics.spec import topic as topic_spec
from schemas import Coverage, Duplicate, Gap, Match, from_kafka, to_model

CANONICAL = tuple(spec.suffix for spec in canonical_topics())
# where the worker's output is looked for (the last derived record); the entity states are left out
DERIVED = (*(topic_of_event_type(model.event_type).suffix for model in (Match, Gap, Duplicate, Coverage)),
           DEADLETTER_SUFFIX)


Records = list[tuple[str, bytes, bytes, list[tuple[str, bytes]]]]


async def produce_workload(bootstrap: str, prefix: str, records: Records) -> dict[str, Any]:
    """Produce the generated records; returns counts and the producing rate."""
    n_events = len(records)
    started = time.perf_counter()
    async with EventProducer(bootstrap, linger_ms=20) as producer:
        futures = [await producer.enqueue(topic, value, key=key, headers=headers)
                   for topic, key, value, headers in records]
        await asyncio.gather(*futures)
    elapsed = time.perf_counter() - started
    counts: dict[str, int] = {}
    for topic, *_ in records:
        counts[topic.rsplit(".", 1)[1]] = counts.get(topic.rsplit(".", 1)[1], 0) + 1
    return {"counts": counts, "produce_events_per_s": round(n_events / elapsed),
            "mean_value_bytes": round(sum(len(r[2]) for r in records) / len(records))}


async def raw_pass_through(bootstrap: str, prefix: str, n_events: int, timeout_s: float) -> dict[str, Any]:
    """Copy every canonical record to `<prefix>.bench-sink`, batch by batch, acks=all; commit per batch."""
    from aiokafka.admin import AIOKafkaAdminClient

    sink = f"{prefix}.bench-sink"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(sink, 6, 1)])
    finally:
        await admin.close()
    consumer = AIOKafkaConsumer(*(topic_spec(t).name(prefix) for t in CANONICAL), bootstrap_servers=bootstrap,
                                group_id=f"{prefix}-raw", auto_offset_reset="earliest", enable_auto_commit=False)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5)
    await consumer.start()
    await producer.start()
    copied, first, cpu0 = 0, None, 0.0
    deadline = time.monotonic() + timeout_s
    try:
        while copied < n_events and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500, max_records=1000)
            if not batch:
                continue
            if first is None:
                first, cpu0 = time.perf_counter(), _cpu_self()
            futures = [await producer.send(sink, r.value, key=r.key, headers=list(r.headers))
                       for records in batch.values() for r in records]
            await asyncio.gather(*futures)
            await consumer.commit()
            copied += len(futures)
        elapsed = time.perf_counter() - (first or time.perf_counter())
        cpu = _cpu_self() - cpu0
    finally:
        await producer.stop()
        await consumer.stop()
    return {"events": copied, "seconds": round(elapsed, 3), "events_per_s": round(copied / elapsed, 1),
            "cpu_seconds": round(cpu, 2), "events_per_cpu_s": round(copied / cpu, 1) if cpu else None,
            "complete": copied >= n_events}


def engine_ceiling(records: Records, partitions: int) -> dict[str, Any]:
    """(c) of the module docstring; times each stage separately (wall and CPU of this process)."""
    from aiokafka.partitioner import murmur2

    router = AreaRouter({}, {})
    engines = [Engine() for _ in range(partitions)]  # one per area partition, like the worker
    stages = {"route": 0.0, "decode": 0.0, "handle": 0.0}
    clock = time.perf_counter
    cpu0, wall0, derived = time.process_time(), clock(), 0
    for _topic, _key, value, headers in records:
        t0 = clock()
        # as the worker's stage 1: a record the edge validated is routed from its fields
        facts = (RoutingFacts.of_stamped_record(value, headers)
                 or RoutingFacts.of_model(to_model(from_kafka(value, headers))))
        routed = router.route(facts, value, headers)
        t1 = clock()
        stages["route"] += t1 - t0
        for r in routed:
            t1 = clock()
            event = from_kafka(r.value, r.headers)
            model = area_event(to_model(event, privacy_checked=True), r.headers)  # as the worker's stage 2
            t2 = clock()
            engine = engines[(murmur2(r.ags.encode()) & 0x7FFFFFFF) % partitions]
            derived += len(engine.handle(model, event.time or datetime.now(UTC)).derived)
            t3 = clock()
            stages["decode"] += t2 - t1
            stages["handle"] += t3 - t2
    wall, cpu, n = clock() - wall0, time.process_time() - cpu0, len(records)
    return {"events": n, "seconds": round(wall, 3), "events_per_s": round(n / wall, 1),
            "cpu_seconds": round(cpu, 2), "events_per_cpu_s": round(n / cpu, 1) if cpu else None,
            "derived": derived, "partitions": partitions,
            "ms_per_event": {stage: round(1000 * t / n, 3) for stage, t in stages.items()},
            "share": {stage: round(t / wall, 3) for stage, t in stages.items()}}


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def hub_worker(settings, n_events: int, timeout_s: float, profile: Path | None,
                     command: tuple[str, ...] = ("hub.cli.main", "worker"), stages: int = 2,
                     **env: str) -> dict[str, Any]:
    """Run the worker (or the floor app) on the backlog until its group has committed everything;
    see the module docstring. With one stage nothing reads the area stream back: done is when the
    canonical topics are committed."""
    prefix, bootstrap = settings.topic_prefix, settings.bootstrap_servers
    canonical = [topic_spec(t).name(prefix) for t in CANONICAL]
    by_area = area_stream_name(settings)
    canonical_ends = await harness.end_offsets(bootstrap, canonical)
    worker = harness.Worker(settings, profile=profile, command=command, **env).start()
    samples: list[tuple[float, float]] = []  # (wall time, worker cpu seconds)
    area_ends = None
    done_at = None
    deadline = time.monotonic() + timeout_s
    try:
        async with harness.GroupOffsets(bootstrap, f"{prefix}-worker") as group:
            while time.monotonic() < deadline:
                if not worker.alive():
                    raise RuntimeError(f"the worker exited; log:\n{worker.log_tail()}")
                samples.append((time.time(), worker.cpu_seconds()))
                committed = await group.committed()
                if area_ends is None and all(committed.get(tp, 0) >= end for tp, end in canonical_ends.items()):
                    area_ends = await harness.end_offsets(bootstrap, [by_area]) if stages == 2 else {}
                if area_ends is not None and all(committed.get(tp, 0) >= end for tp, end in area_ends.items()):
                    done_at = time.time()
                    break
                await asyncio.sleep(0.2)
            progress = sum(min(committed.get(tp, 0), end) for tp, end in canonical_ends.items())
    finally:
        worker.stop()
    started_at = await harness.first_record_time(bootstrap, by_area)
    last_output = await harness.last_record_time(bootstrap, [topic_spec(t).name(prefix) for t in DERIVED])
    result: dict[str, Any] = {"events": progress, "complete": done_at is not None,
                              "forwarded_to_area_stream": sum((area_ends or {}).values())}
    if started_at is None:
        return result
    end = done_at or time.time()
    elapsed = end - started_at
    cpu = _interpolate(samples, end) - _interpolate(samples, started_at)
    result.update({"seconds": round(elapsed, 3), "events_per_s": round(progress / elapsed, 1),
                   "cpu_seconds": round(cpu, 2), "events_per_cpu_s": round(progress / cpu, 1) if cpu else None,
                   "cpu_utilisation": round(cpu / elapsed, 2)})
    if last_output and done_at:
        # commits come every ~2.8 s, so "done" is seen late by up to that; the last derived record is a lower bound
        result["seconds_to_last_output"] = round(last_output - started_at, 3)
        result["events_per_s_to_last_output"] = round(progress / (last_output - started_at), 1)
    return result


def _interpolate(samples: list[tuple[float, float]], at: float) -> float:
    if not samples:
        return float("nan")
    before = [s for s in samples if s[0] <= at]
    after = [s for s in samples if s[0] >= at]
    if not before:
        return after[0][1]
    if not after:
        return before[-1][1]
    (t0, c0), (t1, c1) = before[-1], after[0]
    return c0 if t1 == t0 else c0 + (c1 - c0) * (at - t0) / (t1 - t0)


async def _run(bootstrap: str, n_events: int, seed: int, timeout_s: float, profile: bool) -> dict[str, Any]:
    settings = harness.fresh_settings(bootstrap, "tp")
    await harness.create_topics(settings)
    print(f"throughput: producing {n_events} events (seed {seed}) under prefix {settings.topic_prefix}", flush=True)
    anchor = datetime.now(UTC).replace(microsecond=0)
    models = list(generate(seed, n_events, anchor))
    records = [kafka_record(model, settings.topic_prefix) for model in models]
    workload = {**await produce_workload(bootstrap, settings.topic_prefix, records), "anchor": anchor.isoformat()}
    print("throughput: (a) raw aiokafka pass-through", flush=True)
    raw = await raw_pass_through(bootstrap, settings.topic_prefix, n_events, timeout_s)
    print(f"  {raw['events_per_s']:.0f} events/s", flush=True)
    print("throughput: (c) engine ceiling, in process, no Kafka", flush=True)
    engine = engine_ceiling(records, settings.worker.partitions)
    print(f"  {engine['events_per_s']:.0f} events/s, ms per event {engine['ms_per_event']}", flush=True)
    print("throughput: (b) the hub's worker", flush=True)
    session = harness.RESULTS / "throughput-profile.pyisession" if profile else None
    hub = await hub_worker(settings, n_events, timeout_s, session)
    print(f"  {hub.get('events_per_s', 0):.0f} events/s ({hub['events']}/{n_events} events)", flush=True)
    print("throughput: (d) faust floor: the worker's faust app with empty stages", flush=True)
    floor_settings = harness.fresh_settings(bootstrap, "floor")  # its own group and copy of the backlog
    await harness.create_topics(floor_settings)
    await produce_workload(bootstrap, floor_settings.topic_prefix,
                           [kafka_record(model, floor_settings.topic_prefix) for model in models])
    floor = await hub_worker(floor_settings, n_events, timeout_s, None, command=("bench.faust_floor",))
    print(f"  {floor.get('events_per_s', 0):.0f} events/s ({floor['events']}/{n_events} events)", flush=True)
    print("throughput: (e) faust floor with one stage: each record consumed once and forwarded once", flush=True)
    one_stage_settings = harness.fresh_settings(bootstrap, "floor1")
    await harness.create_topics(one_stage_settings)
    await produce_workload(bootstrap, one_stage_settings.topic_prefix,
                           [kafka_record(model, one_stage_settings.topic_prefix) for model in models])
    floor_one_stage = await hub_worker(one_stage_settings, n_events, timeout_s, None, command=("bench.faust_floor",),
                                       stages=1, **{STAGES_VARIABLE: "1"})
    print(f"  {floor_one_stage.get('events_per_s', 0):.0f} events/s ({floor_one_stage['events']}/{n_events} events)",
          flush=True)
    return {"workload": workload, "raw": raw, "hub": hub, "engine": engine, "floor": floor,
            "floor_one_stage": floor_one_stage, "profile": str(session) if session else None}


def main(bootstrap: str | None, n_events: int, seed: int, timeout_s: float, profile: bool) -> dict[str, Any]:
    load_before = [round(x, 2) for x in __import__("os").getloadavg()]
    with harness.broker(bootstrap) as address:
        out = harness.run(_run(address, n_events, seed, timeout_s, profile))
    raw, hub, engine, floor = out["raw"], out["hub"], out["engine"], out["floor"]
    figures = {"ratio": _ratio(hub.get("events_per_s"), raw.get("events_per_s")),
               "ratio_per_cpu_second": _ratio(hub.get("events_per_cpu_s"), raw.get("events_per_cpu_s")),
               "raw_events_per_s": raw["events_per_s"], "hub_events_per_s": hub.get("events_per_s"),
               "engine_events_per_s": engine["events_per_s"],
               "ratio_ceiling": _ratio(engine["events_per_s"], raw.get("events_per_s")),
               "ratio_ceiling_per_cpu_second": _ratio(engine["events_per_cpu_s"], raw.get("events_per_cpu_s")),
               "floor_events_per_s": floor.get("events_per_s"),
               "ratio_floor": _ratio(floor.get("events_per_s"), raw.get("events_per_s")),
               "ratio_floor_per_cpu_second": _ratio(floor.get("events_per_cpu_s"), raw.get("events_per_cpu_s")),
               "floor_one_stage_events_per_s": out["floor_one_stage"].get("events_per_s"),
               "ratio_floor_one_stage_per_cpu_second": _ratio(out["floor_one_stage"].get("events_per_cpu_s"),
                                                              raw.get("events_per_cpu_s")),
               "cpu_ms_per_event": {name: _ms(part) for name, part in
                                    (("raw", raw), ("floor", floor), ("floor_one_stage", out["floor_one_stage"]),
                                     ("hub", hub), ("engine", engine))},
               "load_before": load_before}
    params = {"events": n_events, "seed": seed, "areas": 400, "timeout_s": timeout_s, "profiled": profile,
              "worker": "koordinate worker (1 process), default settings, 6 area partitions",
              "raw": "AIOKafkaConsumer.getmany(1000) -> AIOKafkaProducer(acks=all, idempotent, linger 5 ms), commit per batch",
              "engine": "in process, produce order: from_kafka+to_model, AreaRouter, from_kafka+to_model, "
                        "Engine.handle of the area partition (dict tables, no Kafka, no ticks)"}
    path = harness.write_report("throughput", params, figures, address, details=out)
    _plot(path.with_suffix(".png"), raw, hub, engine, floor, figures)
    if profile and out["profile"]:
        harness.render_profile(Path(out["profile"]))
    print(f"throughput: ratio hub/raw = {figures['ratio']}  (report {path})", flush=True)
    return figures


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return round(numerator / denominator, 4) if numerator and denominator else None


def _ms(part: dict[str, Any]) -> float | None:
    """CPU milliseconds per event of one run."""
    return round(1000 / part["events_per_cpu_s"], 3) if part.get("events_per_cpu_s") else None


def _plot(path: Path, raw: dict, hub: dict, engine: dict, floor: dict, figures: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.4))
    names = ["raw aiokafka\npass-through", "faust floor\n(empty stages)", "koordinate\nworker",
             "engine ceiling\n(no Kafka)"]
    colors = ["#888888", "#2ca02c", "#1f77b4", "#ff7f0e"]
    rates = [raw.get("events_per_s") or 0, floor.get("events_per_s") or 0, hub.get("events_per_s") or 0,
             engine["events_per_s"]]
    bars = left.bar(names, rates, color=colors)
    left.bar_label(bars, labels=[f"{r:,.0f}" for r in rates])
    left.set_ylabel("events / s (wall clock)")
    left.axhline(0.5 * rates[0], color="#888888", linestyle="--", linewidth=0.8, label="target: 0.5 x raw")
    left.legend(fontsize=8)
    left.set_yscale("log")
    left.set_title(f"hub/raw = {figures['ratio']}, ceiling/raw = {figures['ratio_ceiling']}", fontsize=10)
    per_cpu = [raw.get("events_per_cpu_s") or 0, floor.get("events_per_cpu_s") or 0,
               hub.get("events_per_cpu_s") or 0, engine["events_per_cpu_s"] or 0]
    bars = right.bar(names, per_cpu, color=colors)
    right.bar_label(bars, labels=[f"{r:,.0f}" for r in per_cpu])
    right.set_ylabel("events per CPU second of the process")
    right.set_yscale("log")
    right.set_title(f"per core: hub/raw = {figures['ratio_per_cpu_second']}, "
                    f"floor/raw = {figures['ratio_floor_per_cpu_second']}", fontsize=10)
    split = ", ".join(f"{k} {v} ms" for k, v in engine["ms_per_event"].items())
    fig.suptitle(f"{raw['events']:,} events, same broker and workload; load {figures['load_before']}; "
                 f"engine ceiling per event: {split}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
