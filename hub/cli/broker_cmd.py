"""`koordinate broker start|stop|status`: the local single-node Kafka broker."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from hub.broker import LocalBroker
from hub.broker.jars import ensure_kafka_jars
from hub.cli.context import state

app = typer.Typer(help="Run the local Apache Kafka broker (KRaft, single node) that the hub uses by default.")


def _broker(ctx: typer.Context, port: Optional[int], data_dir: Optional[Path]) -> LocalBroker:
    settings = state(ctx).settings
    overrides = {k: v for k, v in {"port": port, "data_dir": data_dir}.items() if v is not None}
    if overrides:
        settings = settings.model_copy(update={"broker": settings.broker.model_copy(update=overrides)})
    return LocalBroker(settings)


PortOption = typer.Option(None, "--port", help="Client port on 127.0.0.1 (controller uses port+1).")
DataDirOption = typer.Option(None, "--data-dir", help="Where the broker keeps its data across restarts.")


@app.command()
def start(ctx: typer.Context, port: Optional[int] = PortOption, data_dir: Optional[Path] = DataDirOption) -> None:
    """Start the broker in the background (fetches Kafka with Maven the first time) and wait until it answers."""
    broker = _broker(ctx, port, data_dir)
    console = state(ctx).console
    with console.status(f"starting Kafka at {broker.address} (first run fetches the jars with Maven)..."):
        status = broker.start()
    console.print(f"[green]broker {status.describe()}[/green]")


@app.command()
def fetch(ctx: typer.Context) -> None:
    """Fetch and cache the Kafka jars with Maven (done by `start` too; useful to prepare a machine)."""
    settings = state(ctx).settings
    with state(ctx).console.status(f"fetching Apache Kafka {settings.broker.kafka_version} with Maven..."):
        folder = ensure_kafka_jars(settings.broker.kafka_version, settings.kafka_jars_dir)
    state(ctx).console.print(f"Kafka {settings.broker.kafka_version} jars in {folder}")


@app.command()
def stop(ctx: typer.Context, port: Optional[int] = PortOption, data_dir: Optional[Path] = DataDirOption) -> None:
    """Stop the broker cleanly; its data stays on disk."""
    broker = _broker(ctx, port, data_dir)
    with state(ctx).console.status("stopping the broker..."):
        stopped = broker.stop()
    state(ctx).console.print("broker stopped" if stopped else "broker was not running")


@app.command()
def status(ctx: typer.Context, port: Optional[int] = PortOption, data_dir: Optional[Path] = DataDirOption) -> None:
    """Tell whether the broker runs, where, and where its data and log are. Exit code 3 when it is not running."""
    current = _broker(ctx, port, data_dir).status()
    state(ctx).console.print(f"broker {current.describe()}")
    if not current.running:
        raise typer.Exit(3)
