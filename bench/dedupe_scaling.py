"""Duplicate search scaling: time per new offer and resident memory with N offers in the index.

Offers come from the labelled generator of the dedupe tests (tests/synthetic/offers.py), chunk by
chunk, each chunk moved to its own municipality (AGS, coordinates, postcodes) so that N offers are
spread over many areas; `--large-city` puts them all in one municipality instead. The index is the
engine's `DuplicateIndex` (profile -> blocking -> scoring -> clusters), in this process.

Time per offer at size N is measured on `window` further offers upserted after the index holds N:
the time a worker's partition spends finding an arriving offer's duplicates at that size. Over many
areas, the timed offers go to a municipality of their own that none of the N offers is in (one per
size), so every size times the same situation: a new offer in an area filling up, with N offers
elsewhere. (The fill wraps around its 400 areas at 1,000,000 offers: timing the next offers of the
fill would time an area already full there and a fresh one at smaller sizes.) In the large city the
timed offers join the city, which is the point of that case.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import harness
from bench.workload import District, districts
from hub.engine.dedupe import DuplicateIndex, profile_of_record
from tests.synthetic.offers import generate_offers
from tests.synthetic.places import MUNICIPALITIES

CHUNK = 2500


FILL_AREAS = 400


def offers(seed: int, large_city: bool, areas: list[District] | None = None,
           first_chunk: int = 0) -> Iterator[dict[str, Any]]:
    """An endless stream of offer records, chunk k in area k (or all in one city, spread out)."""
    areas = areas or districts(FILL_AREAS)
    towns = {town.ags: town for town in MUNICIPALITIES}
    chunk = first_chunk
    while True:
        area = areas[0] if large_city else areas[chunk % len(areas)]
        # inside one large city, chunks sit side by side in a 0.3 x 0.45 degree box
        dlat = (chunk % 10) * 0.03 if large_city else 0.0
        dlon = (chunk // 10 % 10) * 0.045 if large_city else 0.0
        for record in generate_offers(seed * 1000 + chunk, CHUNK).records:
            town = towns[record["area"]["ags"]]
            record["area"]["ags"] = area.ags
            location = record.get("location")
            if location:
                if location.get("lat") is not None:
                    location["lat"] = round(location["lat"] - town.lat + area.lat + dlat, 6)
                    location["lon"] = round(location["lon"] - town.lon + area.lon + dlon, 6)
                if location.get("postcode"):
                    location["postcode"] = f"{(int(area.postcode) + chunk % 100) % 100000:05d}"[:2] + location["postcode"][2:]
                location["city"] = area.name
            yield record
        chunk += 1


def measure(sizes: list[int], seed: int, large_city: bool, window: int) -> list[dict[str, Any]]:
    """Grow one index through the sizes; at each, time `window` further upserts and read RSS."""
    gc.collect()
    baseline = harness.rss_mib()
    index = DuplicateIndex()
    stream = offers(seed, large_city)
    points: list[dict[str, Any]] = []
    count, build_started = 0, time.perf_counter()
    for number, size in enumerate(sorted(sizes)):
        # many areas: a municipality none of the fill is in, a new one per size (see the docstring)
        timed = stream if large_city else offers(seed, False, [districts(FILL_AREAS + number + 1)[-1]],
                                                 first_chunk=10_000 + number)
        while count < size:
            index.upsert(profile_of_record(next(stream)))
            count += 1
            if count % 50_000 == 0:
                print(f"  {count:,} offers indexed ({time.perf_counter() - build_started:.0f} s)", flush=True)
        gc.collect()
        rss = harness.rss_mib() - baseline
        probes = [profile_of_record(next(timed)) for _ in range(window)]
        started = time.perf_counter()
        for profile in probes:
            index.upsert(profile)
        per_offer = (time.perf_counter() - started) / window
        count += window
        points.append({"offers": size, "ms_per_offer": round(per_offer * 1000, 3),
                       "rss_mib": round(rss, 1), "bytes_per_offer": round(rss * 2**20 / size),
                       "clusters": len(index.clusters()), "skipped_buckets": dict(index.skipped_buckets)})
        print(f"  {size:,} offers: {per_offer * 1000:.2f} ms per new offer, {rss:.0f} MiB "
              f"({rss * 2**20 / size:.0f} B/offer)", flush=True)
    return points


def main(sizes: list[int], city_sizes: list[int], seed: int, window: int) -> dict[str, Any]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # each index in a fresh process, so its resident memory is its own
    def isolated(*args):  # noqa: ANN002, ANN202
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            return pool.submit(measure, *args).result()

    print(f"dedupe: many areas, sizes {sizes}", flush=True)
    spread = isolated(sizes, seed, False, window)
    city = []
    if city_sizes:
        print(f"dedupe: one large city, sizes {city_sizes}", flush=True)
        city = isolated(city_sizes, seed + 1, True, window)
    first, last = spread[0], spread[-1]
    figures = {
        "ms_per_offer": {str(p["offers"]): p["ms_per_offer"] for p in spread},
        "time_ratio_largest_to_smallest": round(last["ms_per_offer"] / first["ms_per_offer"], 2),
        "bytes_per_offer": {str(p["offers"]): p["bytes_per_offer"] for p in spread},
        "large_city_ms_per_offer": {str(p["offers"]): p["ms_per_offer"] for p in city},
    }
    params = {"sizes": sizes, "large_city_sizes": city_sizes, "seed": seed, "window": window,
              "chunk_per_area": CHUNK, "areas": FILL_AREAS,
              "timed_offers": "many areas: in a municipality of their own per size; large city: in the city",
              "memory": "VmRSS of this process minus before the index"}
    path = harness.write_report("dedupe_scaling", params, figures, "none (in-process)",
                                details={"many_areas": spread, "large_city": city})
    _plot(path.with_suffix(".png"), spread, city)
    print(f"dedupe: {figures['time_ratio_largest_to_smallest']}x time per offer from {first['offers']:,} "
          f"to {last['offers']:,} offers (report {path})", flush=True)
    return figures


def _plot(path: Path, spread: list[dict], city: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
    for points, label, style in ((spread, "many areas (400)", "o-"), (city, "one large city", "s--")):
        if not points:
            continue
        xs = [p["offers"] for p in points]
        left.plot(xs, [p["ms_per_offer"] for p in points], style, label=label)
        right.plot(xs, [p["bytes_per_offer"] / 1024 for p in points], style, label=label)
        for x, p in zip(xs, points):
            left.annotate(f"{p['ms_per_offer']:.2f}", (x, p["ms_per_offer"]), textcoords="offset points",
                          xytext=(0, 6), ha="center", fontsize=8)
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_xlabel("offers in the index")
        ax.grid(True, alpha=0.3)
        ax.legend()
    left.set_ylabel("ms per new offer (upsert: block, score, cluster)")
    left.set_ylim(bottom=0)
    right.set_ylabel("resident memory per offer (KiB)")
    right.set_ylim(bottom=0)
    fig.suptitle("duplicate search scaling (DuplicateIndex, one process)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
