"""`koordinate replay` and `koordinate dedupe`: the engine over JSON-lines files, no Kafka needed."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hub.cli.context import state
from hub.engine import Engine
from hub.replay import cluster_line, find_clusters_in_lines, read_events, replay_events, write_derived
from hub.replay.reading import BadLine


def _progress(console: Console) -> Progress:
    # a bar on a terminal; in pipes and CI it would only add noise to the log
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, disable=not console.is_terminal, transient=True)


def _report_bad(err: Console, path: Path, bad: list[BadLine]) -> None:
    for item in bad:
        err.print(f"[yellow]{path}:{item.line}[/yellow] {item.reason}", highlight=False, soft_wrap=True)


def _parse_now(value: Optional[str]) -> Optional[datetime]:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("must be an ISO 8601 time with offset, e.g. 2026-12-01T12:00:00+01:00") from None
    if parsed.tzinfo is None:
        raise typer.BadParameter("needs a UTC offset, e.g. +01:00")
    return parsed


def replay(
    ctx: typer.Context,
    events: Path = typer.Argument(..., exists=True, dir_okay=False, help="CloudEvents JSON lines (structured mode)."),
    out: Path = typer.Option(..., "--out", "-o", help="Where to write the derived events (JSON lines)."),
    now: Optional[str] = typer.Option(None, "--now", help="Run timers up to this time at the end (default: last event time)."),
) -> None:
    """Run the engine over needs, offers, status updates and reviews in event-time order; write what it derives."""
    cli = state(ctx)
    final = _parse_now(now)
    with events.open(encoding="utf-8") as lines:
        inputs, bad = read_events(lines)
    _report_bad(cli.err, events, bad)
    with _progress(cli.err) as progress:
        task = progress.add_task("replaying", total=len(inputs))
        result = replay_events(inputs, Engine(), final, on_event=lambda _: progress.advance(task))
    with out.open("w", encoding="utf-8") as sink:
        written = write_derived(result.derived, sink)
    for line, rejection in result.rejections:
        where = f"{events}:{line}" if line else "timer"
        cli.err.print(f"[red]rejected[/red] {where} {rejection.entity_id}: {rejection.reason}"
                      + (f" ({rejection.field}: {rejection.detail})" if rejection.field else ""), highlight=False, soft_wrap=True)
    d = result.dispositions
    by_type = ", ".join(f"{name} {count}" for name, count in sorted(result.derived_by_type().items())) or "none"
    cli.console.print(
        f"read {len(inputs) + len(bad)} lines: {len(inputs)} events, {len(bad)} bad lines; "
        f"applied {d['applied']}, ignored as old revisions {d['ignored']}, waiting for their entity {d['pending']}, "
        f"rejected {len(result.rejections)}; derived {written} ({by_type}) -> {out}",
        highlight=False, soft_wrap=True,
    )


def dedupe(
    ctx: typer.Context,
    offers: Path = typer.Argument(..., exists=True, dir_okay=False, help="Offer JSON lines (offer data or whole CloudEvents)."),
    out: Path = typer.Option(..., "--out", "-o", help="Where to write one JSON line per cluster."),
) -> None:
    """Find same-offer clusters among offers; each line gives the offer ids, score and evidence."""
    cli = state(ctx)
    total = sum(1 for _ in offers.open(encoding="utf-8"))
    with _progress(cli.err) as progress, offers.open(encoding="utf-8") as lines:
        task = progress.add_task("reading offers", total=total)
        result = find_clusters_in_lines(lines, on_line=lambda _: progress.advance(task))
    _report_bad(cli.err, offers, result.bad_lines)
    with out.open("w", encoding="utf-8") as sink:
        for cluster in result.clusters:
            sink.write(json.dumps(cluster_line(cluster), ensure_ascii=False) + "\n")
    in_clusters = sum(len(cluster.members) for cluster in result.clusters)
    cli.console.print(
        f"read {result.offers} offers ({len(result.bad_lines)} bad lines); "
        f"{len(result.clusters)} clusters holding {in_clusters} offers -> {out}",
        highlight=False, soft_wrap=True,
    )
