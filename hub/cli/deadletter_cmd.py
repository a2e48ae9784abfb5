"""`koordinate deadletter list|show|replay`: look into the dead-letter topic and re-send records after a fix."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine
from typing import Any, Optional, TypeVar

import typer
from aiokafka.errors import KafkaError
from rich.markup import escape
from rich.table import Table

from hub.cli.context import CliState, state
from hub.deadletters import (
    DeadLetterRecord,
    Selection,
    parse_position,
    parse_since,
    read_dead_letters,
    reason_counts,
    replay as replay_letters,
)
from hub.deadletters.records import render_payload, shorten
from hub.errors import BrokerUnavailable, KoordinateError, MisuseError
from hub.topics.spec import DEADLETTER_SUFFIX

app = typer.Typer(help="Dead-lettered records: list them, show one, replay them after a fix.", no_args_is_help=True)
T = TypeVar("T")

_STAGE = typer.Option(None, "--stage", help="Only this stage: READ, NORMALISE, VALIDATE, ROUTE, APPLY, PRODUCE.")
_CONNECTOR = typer.Option(None, "--connector", help="Only records given up by this connector or hub process.")
_SINCE = typer.Option(None, "--since", help="Only records dead-lettered since: 30m, 2h, 7d or an ISO date/time.")
_REASON = typer.Option(None, "--reason", help="Only records whose stage/class or message contains this text.")


def _run(ctx: typer.Context, work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run `work`; the hub's errors become one red line and exit code 1 (also when the sub-app runs alone)."""
    cli = state(ctx)
    try:
        try:
            return asyncio.run(work())
        except (KafkaError, OSError) as exc:
            raise BrokerUnavailable(f"Kafka at {cli.settings.bootstrap_servers}: {exc}") from exc
    except KoordinateError as exc:
        cli.err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _letters(ctx: typer.Context) -> tuple[CliState, str, list[DeadLetterRecord]]:
    cli = state(ctx)
    topic = cli.settings.topic_name(DEADLETTER_SUFFIX)
    return cli, topic, _run(ctx, lambda: read_dead_letters(cli.settings.bootstrap_servers, topic))


def _selection(ctx: typer.Context, positions: list[str] | None, stage: str | None, connector: str | None,
               since: str | None, reason: str | None) -> Selection:
    try:
        return Selection(frozenset(parse_position(p) for p in positions or ()), stage, connector,
                         parse_since(since) if since else None, reason)
    except MisuseError as exc:
        state(ctx).err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


@app.command("list")
def list_letters(
    ctx: typer.Context,
    stage: Optional[str] = _STAGE,
    connector: Optional[str] = _CONNECTOR,
    since: Optional[str] = _SINCE,
    reason: Optional[str] = _REASON,
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line instead of a table."),
) -> None:
    """Dead-lettered records (offset, time, stage, exception, reason, connector, original topic) and a count by reason."""
    selection = _selection(ctx, None, stage, connector, since, reason)
    cli, topic, letters = _letters(ctx)
    shown = selection.apply(letters)
    if as_json:
        for letter in shown:
            typer.echo(json.dumps({
                "position": letter.position, "time": letter.timestamp.isoformat(), "stage": letter.stage,
                "exception": letter.exception_class, "reason": letter.reason, "connector": letter.connector,
                "topic": letter.origin_topic, "cloud_event": letter.is_cloud_event,
            }, ensure_ascii=False))
        return
    if not shown:
        cli.console.print(f"no dead letters on {topic}" + ("" if selection.is_empty else " match the filters"
                                                           f" ({len(letters)} in all)"), highlight=False)
        return
    table = Table(title=f"Dead letters on {topic}" + ("" if selection.is_empty else f" ({len(shown)} of {len(letters)})"))
    for column in ("offset", "time (UTC)", "stage", "exception", "reason", "connector", "original topic"):
        table.add_column(column, overflow="fold")
    for letter in shown:
        table.add_row(letter.position, letter.timestamp.strftime("%Y-%m-%d %H:%M:%S"), letter.stage,
                      escape(letter.exception_class.rsplit(".", 1)[-1]), escape(shorten(letter.reason, 60)),
                      escape(letter.connector), escape(letter.origin_topic or "-"))
    cli.console.print(table)
    summary = Table(title="By reason (stage/exception class)")
    summary.add_column("reason")
    summary.add_column("count", justify="right")
    for key, count in reason_counts(shown):
        summary.add_row(escape(key), str(count))
    cli.console.print(summary)


@app.command()
def show(
    ctx: typer.Context,
    position: str = typer.Argument(..., help="OFFSET or PARTITION:OFFSET on the dead-letter topic."),
) -> None:
    """The full context of one dead letter and its payload (pretty JSON, text, or base64 when binary)."""
    wanted = _selection(ctx, [position], None, None, None, None)
    cli, topic, letters = _letters(ctx)
    found = wanted.apply(letters)
    if not found:
        cli.err.print(f"[red]error:[/red] no dead letter at {escape(position)} on {topic}", highlight=False)
        raise typer.Exit(1)
    if len(found) > 1:
        cli.err.print(f"[red]error:[/red] offset {escape(position)} exists on partitions "
                      f"{', '.join(str(f.partition) for f in found)}: give PARTITION:OFFSET", highlight=False)
        raise typer.Exit(1)
    letter = found[0]
    out = cli.console
    out.print(f"[bold]dead letter {letter.position}[/bold] on {topic} at {letter.timestamp.isoformat()}", highlight=False)
    rows = [("stage", letter.stage), ("exception", letter.exception_class), ("reason", letter.reason),
            ("connector", letter.connector), ("original topic", letter.origin_topic or "-"),
            ("key", letter.key.decode("utf-8", "replace") if letter.key else "-")]
    rows += [(name, value) for name, value in sorted(letter.context.items())
             if name not in {"stage", "exception.class.name", "exception.message", "connector.name", "topic"}]
    for name, value in rows:
        out.print(f"  {name + ':':<24} {escape(value)}", highlight=False, soft_wrap=True)
    if letter.original_headers:
        out.print("  original headers:", highlight=False)
        for name, value in letter.original_headers:
            out.print(f"    {escape(name)}: {escape(value.decode('utf-8', 'replace'))}", highlight=False, soft_wrap=True)
    replayable = ("yes, to " + (letter.origin_topic or "?")) if letter.is_cloud_event and letter.origin_topic else \
        "no: not a CloudEvent; fix the connector's mapping and run the connector again"
    out.print(f"  {'replayable:':<24} {escape(replayable)}", highlight=False)
    payload = render_payload(letter.payload)
    out.print(f"payload ({payload.kind}, {len(letter.payload)} bytes):", highlight=False)
    typer.echo(payload.text)


@app.command()
def replay(
    ctx: typer.Context,
    positions: Optional[list[str]] = typer.Argument(None, help="OFFSET or PARTITION:OFFSET of the records to replay."),
    stage: Optional[str] = _STAGE,
    connector: Optional[str] = _CONNECTOR,
    since: Optional[str] = _SINCE,
    reason: Optional[str] = _REASON,
    everything: bool = typer.Option(False, "--all", help="Replay every dead letter (no offsets or filters needed)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would be sent; send nothing."),
    force: bool = typer.Option(False, "--force", help="Send even records that still fail the contract."),
) -> None:
    """Re-send dead-lettered CloudEvents to their original topic after a fix; never the same record twice."""
    selection = _selection(ctx, positions, stage, connector, since, reason)
    if selection.is_empty and not everything:
        state(ctx).err.print("[red]error:[/red] name offsets, a filter (--stage, --connector, --since, --reason) "
                             "or --all", highlight=False)
        raise typer.Exit(2)
    cli, topic, letters = _letters(ctx)
    chosen = selection.apply(letters)
    settings = cli.settings
    report = _run(ctx, lambda: replay_letters(settings.bootstrap_servers, settings.topic_prefix, chosen,
                                              dry_run=dry_run, force=force))
    verb = "would send" if dry_run else "sent"
    for decision in report.decisions:
        where = f"{decision.letter.position}"
        if decision.action == "send":
            cli.console.print(f"{verb} {where} -> {escape(decision.target or '')}", highlight=False)
        elif decision.action == "already":
            cli.console.print(f"already replayed {where}: {escape(decision.note)}", highlight=False)
        else:
            cli.console.print(f"[yellow]not replayed[/yellow] {where}: {escape(decision.note)}", highlight=False,
                              soft_wrap=True)
    cli.console.print(f"{len(chosen)} selected on {topic}: {verb} {report.count('send')}, "
                      f"already replayed {report.count('already')}, not replayable {report.count('skip')}",
                      highlight=False)
