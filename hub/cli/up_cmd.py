"""`koordinate up`: the whole hub on this machine — broker, topics, and every component there is."""

from __future__ import annotations

import asyncio

import typer

from hub.broker import LocalBroker
from hub.cli.context import state
from hub.topics.admin import apply_topics


def up(ctx: typer.Context) -> None:
    """Start the broker, apply the topics, then the hub's processes fed from the example sources."""
    cli = state(ctx)
    s = cli.settings
    broker = LocalBroker(s)
    with cli.console.status(f"starting Kafka at {broker.address}..."):
        status = broker.start()
    cli.console.print(f"[green]broker[/green] {status.describe()}")
    report = asyncio.run(apply_topics(s.bootstrap_servers, s.topic_prefix, s.replication_factor,
                                      timeout_s=s.request_timeout_s))
    cli.console.print(f"[green]topics[/green] {len(report.created)} created, "
                      f"{len(report.unchanged) + len(report.drift)} already there")
