"""`koordinate topics apply|list|render`: the declarative topic spec against a cluster."""

from __future__ import annotations

import asyncio
from enum import Enum

import typer
from rich.table import Table

from hub.cli.context import state
from hub.topics.admin import apply_hub_topics, describe_topics, drift_of
from hub.topics.spec import hub_topics
from hub.topics.strimzi import render_strimzi

app = typer.Typer(help="Create and inspect the hub's Kafka topics from the topic spec.")


@app.command()
def apply(ctx: typer.Context) -> None:
    """Create missing topics; report drift (partitions, replication, configs) without changing data."""
    cli = state(ctx)
    s = cli.settings
    report = asyncio.run(apply_hub_topics(s))
    for name in report.created:
        cli.console.print(f"[green]created[/green] {name}")
    for name, problems in report.drift.items():
        for problem in problems:
            cli.console.print(f"[yellow]drift[/yellow] {name}: {problem}")
    if report.changed_nothing:
        cli.console.print(f"nothing to change: all {len(report.unchanged) + len(report.drift)} topics exist"
                          + (f", {len(report.drift)} with drift (left as they are)" if report.drift else ""))
    else:
        cli.console.print(f"created {len(report.created)} topics, {len(report.unchanged)} already existed")


@app.command("list")
def list_topics(ctx: typer.Context) -> None:
    """Show every topic of the spec with its partitions, cleanup policy, retention and state on the cluster."""
    cli = state(ctx)
    s = cli.settings
    specs = hub_topics(s.worker.partitions)
    names = [spec.name(s.topic_prefix) for spec in specs]
    states = asyncio.run(describe_topics(s.bootstrap_servers, names, s.request_timeout_s))
    table = Table(title=f"Topics at {s.bootstrap_servers}")
    table.add_column("topic", no_wrap=True)
    for column in ("partitions", "replicas", "cleanup.policy", "retention.ms", "state"):
        table.add_column(column)
    for spec, name in zip(specs, names):
        found = states.get(name)
        if found is None:
            table.add_row(name, str(spec.partitions), "-", spec.cleanup_policy, "-", "[red]missing[/red]")
            continue
        drift = drift_of(spec, found, s.replication_factor)
        table.add_row(
            name, str(found.partitions), str(found.replication_factor),
            found.configs.get("cleanup.policy", "?"), found.configs.get("retention.ms", "?"),
            "[yellow]drift[/yellow]" if drift else "[green]ok[/green]",
        )
    cli.console.print(table)


class RenderFormat(str, Enum):
    strimzi = "strimzi"


@app.command()
def render(
    ctx: typer.Context,
    format: RenderFormat = typer.Option(RenderFormat.strimzi, "--format", help="Output format."),
    cluster: str = typer.Option("koordinate", help="Strimzi cluster name (label strimzi.io/cluster)."),
    namespace: str = typer.Option(None, help="Kubernetes namespace of the resources."),
) -> None:
    """Print the topic spec as Kubernetes resources (Strimzi KafkaTopic)."""
    s = state(ctx).settings
    typer.echo(render_strimzi(s.topic_prefix, s.replication_factor, cluster, namespace, s.worker.partitions), nl=False)
