"""Timers: what a gap coming due costs the engine as the state it holds grows.

The engine keeps its armed timers in a heap, pushed as records are touched (hub/engine/engine.py). The
baseline, `ListingEngine`, fires them as the engine did before: whenever the earliest known timer is
due it lists every timer of the tables, so each gap that comes due costs a pass over every need and
offer (in a worker through faust's tables down to RocksDB). Both run in this process on plain dicts
and the same events: needs spread over many areas, nobody offering, each becoming a gap when its SLA
runs out; at each size the next `window` gaps are raised one tick at a time.

    python -m bench timers --sizes 10000,50000 --window 200
Writes bench/results/timers.json.
"""

from __future__ import annotations

import time
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import harness
from bench.workload import districts
from hub.engine import Engine
from hub.engine.outcome import Outcome
from hub.engine.steps import Steps
from hub.engine.timers import all_timers, timers_of
from schemas import Gap, Need, entity_id

START = datetime(2026, 11, 2, 8, tzinfo=UTC)
SOURCE = "urn:koordinate:bench:timers"
# one need a second: 100,000 needs arrive within a day, before the first "normal" SLA (72 h) runs out,
# so every need is armed when the timed gaps come due (and the baseline lists none while filling)
SPACING = timedelta(seconds=1)


class ListingEngine(Engine):
    """The engine firing its timers as before the heap: it remembers only when the earliest armed timer
    is due (from the records each event touched); once that time has come, it lists every timer of the
    tables and fires the due ones in order, then lists again, since firing may arm more."""

    _next_due: datetime | None = None
    _listed = False

    def ticking(self, now: datetime) -> Steps[Outcome]:
        outcome = Outcome()
        list_all = not self._listed  # the first tick lists every armed timer
        while list_all or (self._next_due is not None and self._next_due <= now):
            self._listed = True
            timers = sorted(all_timers(self.tables, self.config))
            due = [timer for timer in timers if timer.at <= now]
            self._next_due = next((timer.at for timer in timers if timer.at > now), None)
            list_all = bool(due)
            for timer in due:
                outcome.extend(self._fire(timer))
                yield
        outcome.extend((yield from super().ticking(now)))  # its heap stays empty: the coverage sweep
        return outcome

    def _watch(self, needs: AbstractSet[str] = frozenset(), offers: AbstractSet[str] = frozenset(),
               commitments: AbstractSet[str] = frozenset(), pending: AbstractSet[str] = frozenset()) -> None:
        # only the touched records can have armed a timer earlier than the one already known
        for timer in timers_of(self.tables, self.config, needs, offers, commitments, pending):
            if self._next_due is None or timer.at < self._next_due:
                self._next_due = timer.at


def _need(number: int, areas: list[Any]) -> Need:
    area = areas[number % len(areas)]
    return Need.model_validate({
        "id": entity_id(SOURCE, f"n{number}"), "source": SOURCE, "source_record_id": f"n{number}", "revision": 1,
        "title": f"Begleitung {number}", "category": "accompaniment_interpreting", "quantity": 1, "unit": "people",
        "urgency": "normal", "area": {"ags": area.ags, "district": area.name},
        "occurred_at": (START + number * SPACING).isoformat(),
    })


def measure(engine_class: type[Engine], sizes: list[int], window: int) -> list[dict[str, Any]]:
    """Grow one engine through the sizes; at each, time the next `window` gaps coming due one by one."""
    areas = districts(400)
    engine, count, points = engine_class(), 0, []
    clock = START
    for size in sorted(sizes):
        while count < size:
            need = _need(count, areas)
            clock = need.occurred_at
            engine.handle(need, clock)
            count += 1
        armed_at = sorted(timer.at for timer in all_timers(engine.tables, engine.config))
        armed, due = len(armed_at), armed_at[:window]
        gaps, started = 0, time.perf_counter()
        for at in due:
            gaps += sum(isinstance(d, Gap) for d in engine.tick(max(at, clock)).derived)
        seconds = time.perf_counter() - started
        points.append({"needs": size, "armed_timers": armed, "gaps_raised": gaps,
                       "ms_per_gap": round(seconds * 1000 / max(gaps, 1), 3)})
        print(f"  {engine_class.__name__}: {size:,} needs, {armed:,} armed: "
              f"{seconds * 1000 / max(gaps, 1):.2f} ms per gap", flush=True)
    return points


def main(sizes: list[int], window: int) -> dict[str, Any]:
    heap = measure(Engine, sizes, window)
    listing = measure(ListingEngine, sizes, window)
    ratios = {str(h["needs"]): round(listing_point["ms_per_gap"] / h["ms_per_gap"], 1)
              for h, listing_point in zip(heap, listing)}
    figures = {"heap": heap, "listing_before": listing, "listing_over_heap": ratios}
    params = {"sizes": sizes, "window": window, "areas": 400, "spacing_s": SPACING.total_seconds()}
    path = harness.write_report("timers", params, figures, broker="none (in process)")
    _plot(path.with_suffix(".png"), heap, listing)
    print(f"timers: listing / heap per gap {ratios} (report {path})", flush=True)
    return figures


def _plot(path: Path, heap: list[dict[str, Any]], listing: list[dict[str, Any]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4.2))
    for points, label, style in ((listing, "listing every timer (before)", "s--"), (heap, "timer heap", "o-")):
        xs = [p["needs"] for p in points]
        ax.plot(xs, [p["ms_per_gap"] for p in points], style, label=label)
        for x, p in zip(xs, points):
            ax.annotate(f"{p['ms_per_gap']:.2f}", (x, p["ms_per_gap"]), textcoords="offset points", xytext=(0, 6),
                        ha="center", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("needs held by the engine")
    ax.set_ylabel("ms per gap coming due")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.suptitle("what a gap coming due costs (Engine, one process, plain dicts)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
