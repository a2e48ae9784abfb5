"""The `koordinate` command: one entry point for every hub process and operator task."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from hub.cli import api_cmd, bench_cmd, broker_cmd, connect_cmd, deadletter_cmd, dedupe_cmd, gateway_cmd, replay_cmd, schemas_cmd, topics_cmd, up_cmd, worker_cmd
from hub.cli.context import CliState
from hub.errors import KoordinateError
from hub.logs import configure_logging
from hub.settings import CONFIG_FILE_VARIABLE, load_settings


class _OneLineErrors(typer.core.TyperGroup):
    """Turns the hub's own errors into one red line and exit code 1 instead of a traceback."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KoordinateError as exc:
            Console(stderr=True).print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_OneLineErrors, no_args_is_help=True, pretty_exceptions_show_locals=False,
    help="Koordinate: the event hub between municipal administrations and volunteer initiatives.",
)
app.add_typer(broker_cmd.app, name="broker")
app.add_typer(topics_cmd.app, name="topics")
app.add_typer(schemas_cmd.app, name="schemas")
app.add_typer(gateway_cmd.app, name="gateway")
app.add_typer(connect_cmd.app, name="connect")
app.add_typer(deadletter_cmd.app, name="deadletter")
app.command("up")(up_cmd.up)
app.command("worker")(worker_cmd.worker)
app.command("api")(api_cmd.api)
app.command("replay")(replay_cmd.replay)
app.add_typer(dedupe_cmd.app, name="dedupe")
app.command("bench", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(bench_cmd.bench)


def _version() -> str:
    try:
        return version("koordinate")
    except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
        return "0+unknown"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"koordinate {_version()}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    config: Optional[Path] = typer.Option(
        None, "--config", envvar=CONFIG_FILE_VARIABLE, help="Settings file (TOML or YAML)."
    ),
    log_format: Optional[str] = typer.Option(None, "--log-format", help="json (default) or console."),
    log_level: Optional[str] = typer.Option(None, "--log-level", help="debug, info, warning or error."),
    _version_flag: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Settings come from KOORDINATE_* environment variables and an optional settings file."""
    try:
        settings = load_settings(config, log_format=log_format, log_level=log_level)
    except KoordinateError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    configure_logging(settings.log_format, settings.log_level)
    ctx.obj = CliState(settings, Console(), Console(stderr=True))


if __name__ == "__main__":  # pragma: no cover
    app()
