"""Latency at a fixed offered load: probe event produced -> derived event seen on its topic.

Per rate: a fresh topic prefix and a fresh `koordinate worker` (tick every second), warmed with the
originals the duplicate probes copy; then background workload at `rate` events/s (rate-limited
producer) with a gap probe and a duplicate probe every `probe_interval` seconds:
- gap probe: a critical need in a category nobody offers whose SLA (2 h) ran out before it arrived
  (occurred_at 3 h ago); the gap is raised by the first event or tick after it in its partition;
- duplicate probe: an earlier offer entered again from another system (same organisation,
  contact, title, slot) -> a Duplicate event.
Latency = time a consumer in this process sees the derived record - time just before the probe
was handed to the producer. Probes not seen within `wait_s` after the load stops count as lost and
make the percentiles they fall into unknown (reported as null with `censored: true`).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from bench import harness
from bench.workload import districts, duplicate_probe, gap_probe, generate, kafka_record, offer_dict
from hub.settings import Settings
from hub.topics.spec import AREA_STREAM_SUFFIX, canonical_topics, topic_of_event_type
from hub.topics.spec import topic as topic_spec
from schemas import Duplicate, Gap, Offer

ORIGINALS = 200


async def _wait_processed(settings, timeout_s: float) -> bool:
    prefix, bootstrap = settings.topic_prefix, settings.bootstrap_servers
    ends = await harness.end_offsets(bootstrap, [spec.name(prefix) for spec in canonical_topics()])
    deadline = time.monotonic() + timeout_s
    async with harness.GroupOffsets(bootstrap, f"{prefix}-worker") as group:
        while time.monotonic() < deadline:
            committed = await group.committed()
            if all(committed.get(tp, 0) >= end for tp, end in ends.items() if end > 0):
                return True
            await asyncio.sleep(0.5)
    return False


async def one_rate(bootstrap: str, rate: int, seconds: float, probe_interval: float, wait_s: float,
                   seed: int) -> dict[str, Any]:
    settings = harness.fresh_settings(bootstrap, f"lat{rate}")
    await harness.create_topics(settings)
    prefix = settings.topic_prefix
    # the worker's own tick interval and fetch wait: a gap probe waits for the next tick
    worker = harness.Worker(settings).start()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=2)
    area_stream = topic_spec(AREA_STREAM_SUFFIX).name(prefix)
    consumer = AIOKafkaConsumer(*(topic_of_event_type(m.event_type).name(prefix) for m in (Gap, Duplicate)), area_stream,
                                bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False,
                                group_id=None)
    await producer.start()
    await consumer.start()
    areas = districts()
    rng = random.Random(seed)
    try:
        # warm-up: the originals the duplicate probes will copy
        now = datetime.now(UTC)
        originals = [Offer.model_validate(offer_dict(rng, areas[i % len(areas)], 9_000_000 + i, now))
                     for i in range(ORIGINALS)]
        for model in originals:
            topic, key, value, headers = kafka_record(model, prefix)
            await producer.send(topic, value, key=key, headers=headers)
        await producer.flush()
        if not await _wait_processed(settings, 300):
            raise RuntimeError(f"worker did not take the originals; log:\n{worker.log_tail()}")
        n_events = int(rate * seconds)
        anchor = datetime.now(UTC) + timedelta(seconds=1)
        background = [kafka_record(m, prefix) for m in generate(seed, n_events, anchor,
                                                                 step=timedelta(seconds=1 / rate))]
        sent: dict[str, tuple[str, float]] = {}  # probe entity id -> (kind, time sent)
        seen: dict[str, float] = {}
        # where a probe's time went: when the worker's first stage wrote it to the area stream and when
        # its second stage wrote the derived event (the records' create times, set by the worker's producer)
        in_area_stream: dict[str, float] = {}
        derived_written: dict[str, float] = {}

        async def watch() -> None:
            while True:
                batch = await consumer.getmany(timeout_ms=200)
                arrived = time.time()
                for tp, records in batch.items():
                    for record in records:
                        if tp.topic == area_stream:
                            for entity in sent.keys() - in_area_stream.keys():
                                if record.value and entity.encode() in record.value:
                                    in_area_stream[entity] = record.timestamp / 1000
                            continue
                        data = json.loads(record.value)
                        for entity in ([data.get("need_id")] if "need_id" in data else data.get("offer_ids", [])):
                            if entity in sent and entity not in seen:
                                seen[entity] = arrived
                                derived_written[entity] = record.timestamp / 1000

        watcher = asyncio.create_task(watch())
        started = time.monotonic()
        next_probe, probe_no = started, 0
        for i, (topic, key, value, headers) in enumerate(background):
            due = started + i / rate
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            if time.monotonic() >= next_probe:
                probe_no += 1
                stamp = datetime.now(UTC)
                if probe_no % 2:
                    probe = gap_probe(areas[rng.randrange(len(areas))], 8_000_000 + probe_no, stamp)
                    kind = "gap"
                else:
                    probe = duplicate_probe(originals[rng.randrange(ORIGINALS)], probe_no, stamp)
                    kind = "duplicate"
                p_topic, p_key, p_value, p_headers = kafka_record(probe, prefix)
                sent[probe.id] = (kind, time.time())
                await producer.send(p_topic, p_value, key=p_key, headers=p_headers)
                next_probe += probe_interval
            await producer.send(topic, value, key=key, headers=headers)
        await producer.flush()
        offered_seconds = time.monotonic() - started
        deadline = time.monotonic() + wait_s
        while len(seen) < len(sent) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        watcher.cancel()
    finally:
        await consumer.stop()
        await producer.stop()
        worker.stop()
    result: dict[str, Any] = {"rate": rate, "offered_events_per_s": round(n_events / offered_seconds, 1),
                              "events": n_events, "probes": len(sent), "seen": len(seen), "wait_s": wait_s}
    for kind in ("all", "gap", "duplicate"):
        ids = [i for i, (k, _) in sent.items() if kind in ("all", k)]
        latencies = sorted((seen[i] - sent[i][1]) * 1000 for i in ids if i in seen)
        lost = len(ids) - len(latencies)
        entry: dict[str, Any] = {"probes": len(ids), "lost": lost, "censored": lost > 0}
        padded = latencies + [float("inf")] * lost
        for q in (50, 95, 99):
            value = harness.percentile(padded, q) if padded else None
            entry[f"p{q}_ms"] = round(value, 1) if value not in (None, float("inf")) else None
        entry["max_seen_ms"] = round(max(latencies), 1) if latencies else None
        # the median of each hop among the probes seen: to the area stream (first stage), to the derived
        # event (second stage), to this process's consumer (the broker and the fetch)
        hops = {"to_area_stream": [(in_area_stream[i] - sent[i][1]) for i in ids if i in seen and i in in_area_stream],
                "to_derived": [(derived_written[i] - in_area_stream[i]) for i in ids if i in seen and i in in_area_stream],
                "to_seen": [(seen[i] - derived_written[i]) for i in ids if i in seen]}
        entry["hop_p50_ms"] = {hop: round(harness.percentile(values, 50) * 1000, 1) if values else None
                               for hop, values in hops.items()}
        entry["hop_p99_ms"] = {hop: round(harness.percentile(values, 99) * 1000, 1) if values else None
                               for hop, values in hops.items()}
        result[kind] = entry
        if kind == "all":
            result["latencies_ms"] = [round(x, 1) for x in latencies]
    return result


def main(bootstrap: str | None, rates: list[int], seconds: float, probe_interval: float, wait_s: float,
         seed: int) -> dict[str, Any]:
    results = []
    with harness.broker(bootstrap) as address:
        for rate in rates:
            print(f"latency: {rate} events/s for {seconds:.0f} s", flush=True)
            outcome = harness.run(one_rate(address, rate, seconds, probe_interval, wait_s, seed))
            a = outcome["all"]
            print(f"  p50 {a['p50_ms']} ms, p95 {a['p95_ms']} ms, p99 {a['p99_ms']} ms; "
                  f"{outcome['seen']}/{outcome['probes']} probes seen; hops p50 {a['hop_p50_ms']}, p99 {a['hop_p99_ms']}",
                  flush=True)
            results.append(outcome)
    figures = {str(r["rate"]): {k: r["all"][k] for k in ("p50_ms", "p95_ms", "p99_ms", "censored")}
               | {"gap_p99_ms": r["gap"]["p99_ms"], "duplicate_p99_ms": r["duplicate"]["p99_ms"],
                  "seen": r["seen"], "probes": r["probes"], "hop_p50_ms": r["all"]["hop_p50_ms"],
                  "hop_p99_ms": r["all"]["hop_p99_ms"]} for r in results}
    first = results[0]["all"] if results else {}
    at_1000 = next((r["all"] for r in results if r["rate"] == 1000), first)
    params = {"rates": rates, "seconds_per_rate": seconds, "probe_interval_s": probe_interval, "wait_s": wait_s,
              "seed": seed, "worker_tick_interval_s": Settings().worker.tick_interval_s,
              "worker_fetch_max_wait_ms": Settings().worker.fetch_max_wait_ms, "originals": ORIGINALS}
    path = harness.write_report("latency", params, {"p50_ms": at_1000.get("p50_ms"), "p95_ms": at_1000.get("p95_ms"),
                                                    "p99_ms": at_1000.get("p99_ms"), "by_rate": figures},
                                address, details=results)
    _plot(path.with_suffix(".png"), results)
    print(f"latency: report {path}", flush=True)
    return figures


def _plot(path: Path, results: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4.5))
    data = [r["latencies_ms"] or [float("nan")] for r in results]
    labels = [f"{r['rate']:,}/s\n{r['seen']}/{r['probes']} probes seen" for r in results]
    ax.boxplot(data, whis=(1, 99), showfliers=True)
    ax.set_xticks(range(1, len(labels) + 1), labels)
    ax.set_yscale("log")
    ax.axhline(500, color="red", linestyle=":", label="target p99 500 ms")
    for i, r in enumerate(results, start=1):
        p99 = r["all"]["p99_ms"]
        ax.annotate(f"p50 {r['all']['p50_ms']}\np99 {p99 if p99 is not None else 'lost probes'}",
                    (i, max(r["latencies_ms"] or [1])), textcoords="offset points", xytext=(28, -10), fontsize=8)
    ax.set_ylabel("probe -> derived event (ms, log)")
    ax.set_title("latency at fixed offered load (gap + duplicate probes); whiskers p1-p99")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
