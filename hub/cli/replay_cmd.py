"""`koordinate replay`: the engine over JSON-lines files, no Kafka needed (`koordinate dedupe` is in dedupe_cmd)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hub.cli.context import state
from hub.cli.dedupe_model import engine_config, model_option
from hub.engine import Engine
from hub.replay import read_events, replay_events, write_derived
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
    dedupe_model: Optional[Path] = model_option(),
) -> None:
    """Run the engine over needs, offers, status updates and reviews in event-time order; write what it derives."""
    cli = state(ctx)
    config = engine_config(dedupe_model)
    final = _parse_now(now)
    with events.open(encoding="utf-8") as lines:
        inputs, bad = read_events(lines)
    _report_bad(cli.err, events, bad)
    with _progress(cli.err) as progress:
        task = progress.add_task("replaying", total=len(inputs))
        result = replay_events(inputs, Engine(config=config), final, on_event=lambda _: progress.advance(task))
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
