"""`koordinate connect run|status|preview|explain`: run source connectors, show their progress, try a config."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.table import Table

from connectors import ConfigError, ConnectorMisuse, SourceConnector, SourceUnavailable, load_connector
from hub.cli.connect_render import render_explain, render_preview
from hub.cli.context import CliState, state
from hub.connect import ConnectorState, connector_states, run_connectors
from hub.connect.preview import preview as preview_source
from hub.connect.preview import write_events_file
from hub.connect.sink_runtime import sink_states
from hub.connect.sink_state import SinkState, TargetCounters
from hub.errors import KoordinateError
from hub.topics.spec import CONNECT_OFFSETS_SUFFIX

app = typer.Typer(help="Run source and sink connectors and show their positions and counters.", no_args_is_help=True)
T = TypeVar("T")


def _one_line_errors(ctx: typer.Context, work: Callable[[], T]) -> T:
    # the sub-app also runs on its own (python -m hub.connect, tests): same one-line errors as the main CLI
    try:
        return work()
    except KoordinateError as exc:
        state(ctx).err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@app.command()
def run(
    ctx: typer.Context,
    configs: list[Path] = typer.Argument(..., help="Connector config files (YAML).", exists=True, dir_okay=False),
    once: bool = typer.Option(False, "--once", help="Poll every connector once, then exit."),
) -> None:
    """Poll the sources, produce their events, dead-letter what fails; until stopped (or once)."""
    cli = state(ctx)
    states = _one_line_errors(ctx, lambda: asyncio.run(run_connectors(cli.settings, configs, once=once)))
    for name, st in states.items():
        c = st.counters
        if isinstance(st, SinkState):
            cli.console.print(f"{name}: {_sink_line(st)}", highlight=False)
            continue
        cli.console.print(f"{name}: read {c.read}, produced {c.produced}, dead-lettered {c.dead_lettered}, "
                          f"duplicate keys {c.duplicate_keys} ({c.events} events, {c.quality_notes} quality notes), "
                          f"lag {_lag(st)}", highlight=False)


@app.command()
def status(
    ctx: typer.Context,
    names: list[str] = typer.Argument(None, help="Only these connectors (default: all)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Per connector: records read, produced, dead-lettered, last position, last error, lag."""
    cli = state(ctx)
    states = _one_line_errors(ctx, lambda: asyncio.run(connector_states(cli.settings)))
    sinks = _one_line_errors(ctx, lambda: asyncio.run(sink_states(cli.settings)))
    shown = {n: s for n, s in sorted(states.items()) if (not names or n in names) and n not in sinks}
    shown_sinks = {n: s for n, s in sorted(sinks.items()) if not names or n in names}
    if as_json:
        cli.console.print_json(json.dumps({n: _as_json(s) for n, s in shown.items()}
                                          | {n: json.loads(s.to_json()) for n, s in shown_sinks.items()}))
        return
    offsets_topic = cli.settings.topic_name(CONNECT_OFFSETS_SUFFIX)
    if shown_sinks:
        cli.console.print(_sink_table(offsets_topic, shown_sinks))
    if not shown:
        if not shown_sinks:
            cli.console.print("no connector has committed a position yet")
        return
    table = Table(title=f"Connectors ({offsets_topic})")
    for column in ("connector", "kind", "read", "produced", "dead-lettered", "duplicate keys", "quality notes", "lag",
                   "position", "last error"):
        table.add_column(column, overflow="fold")
    for name, st in shown.items():
        c = st.counters
        error = f"{st.last_error['stage']} {st.last_error['class']}: {st.last_error['message']}" if st.last_error else ""
        table.add_row(name, st.kind, str(c.read), str(c.produced), str(c.dead_lettered), str(c.duplicate_keys),
                      str(c.quality_notes), _lag(st),
                      _position_text(st), error[:80])
    cli.console.print(table)


@app.command()
def preview(
    ctx: typer.Context,
    config: Path = typer.Argument(..., help="A source connector config file (YAML).", exists=True, dir_okay=False),
    limit: int = typer.Option(None, "--limit", min=1, help="Read at most this many records."),
    out: Path = typer.Option(None, "--out", help="Write the events here as CloudEvents JSON lines."),
) -> None:
    """Read and normalise the source without Kafka: counts, dead letters by reason, five samples.

    Exit 0 if any record normalised, 1 if none did (or the source could not be read), 2 for a bad config.
    """
    cli = state(ctx)
    connector = _connector_or_exit(cli, config)
    try:
        report = preview_source(connector, limit)
    except (SourceUnavailable, ConnectorMisuse) as exc:
        cli.err.print(f"[red]source not read:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    render_preview(cli.console, connector.name, report)
    if out is not None:
        written = write_events_file(report.events, out)
        cli.console.print(f"wrote {written} events to {out}", highlight=False)
    raise typer.Exit(0 if report.ok else 1)


def _connector_or_exit(cli: CliState, config: Path) -> SourceConnector[Any]:
    """The source connector of a config file; a bad config is one line and exit code 2."""
    try:
        return load_connector(config)
    except ConfigError as exc:
        cli.err.print(f"[red]bad config:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


@app.command()
def explain(
    ctx: typer.Context,
    config: Path = typer.Argument(..., help="A source connector config file (YAML).", exists=True, dir_okay=False),
) -> None:
    """Print the effective config: built-in mapping merged with the file's, record key, decimal rule."""
    cli = state(ctx)
    connector = _connector_or_exit(cli, config)
    render_explain(cli.console, connector)


def _sink_line(st: SinkState) -> str:
    c = st.counters
    return (f"read {c.read}, delivered {c.produced}, dead-lettered {c.dead_lettered}, "
            f"ended subscriptions {len(st.ended)}, lag {_lag(st)}")


def _sink_table(topic: str, sinks: dict[str, SinkState]) -> Table:
    # one row per subscription: sinks fan out, and a 410 ends one subscription, not the sink
    table = Table(title=f"Sinks ({topic})")
    for column in ("sink", "kind", "subscription", "delivered", "retried", "dead-lettered", "skipped", "ended", "lag",
                   "last error"):
        table.add_column(column, overflow="fold")
    for name, st in sinks.items():
        error = f"{st.last_error['stage']} {st.last_error['class']}: {st.last_error['message']}" if st.last_error else ""
        for target in sorted(set(st.targets) | set(st.ended)) or [""]:
            c = st.targets.get(target) or TargetCounters()
            ended = st.ended.get(target)
            table.add_row(name, st.kind, target, str(c.delivered), str(c.retried), str(c.dead_lettered), str(c.skipped),
                          f"ended {ended['at'][:19]}" if ended else "active", _lag(st), error[:80])
    return table


def _lag(st: ConnectorState) -> str:
    return "?" if st.lag is None else str(st.lag)


def _position_text(st: ConnectorState) -> str:
    parts = []
    for item in st.position.to_json():
        where = ",".join(str(v) for v in item["partition"].values())
        offset = item["offset"]
        at = f"row {offset['row']}/{offset['rows']}" if "row" in offset and "rows" in offset else json.dumps(offset)[:60]
        parts.append(f"{where} {at}")
    return "\n".join(parts)


def _as_json(st: ConnectorState) -> dict[str, Any]:
    return json.loads(st.to_json()) | {"updated_at": st.updated_at}


def main() -> None:
    """Entry point of `python -m hub.connect`: logging configured from the settings, then the sub-app."""
    from hub.logs import configure_logging
    from hub.settings import load_settings

    settings = load_settings()
    configure_logging(settings.log_format, settings.log_level)
    app()
