"""`koordinate up`: the whole hub on this machine — broker, topics, and every process, fed from examples."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import typer
from rich.table import Table

from hub.broker import LocalBroker
from hub.cli.context import state
from hub.supervisor import Component, Supervisor
from hub.topics.admin import apply_hub_topics

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


DEMO_TOKENS = EXAMPLES / "demo-tokens.yaml"


def _components(available: set[str], with_examples: bool, gateway_port: int, api_port: int,
                tokens_file: Path) -> list[Component]:
    components = [Component("worker", ["worker"])]
    if "gateway" in available:
        components.append(Component("gateway", ["gateway", "--port", str(gateway_port), "--tokens-file", str(tokens_file)]))
    if "api" in available:
        components.append(Component("api", ["api", "--port", str(api_port), "--tokens-file", str(tokens_file)]))
    configs = sorted(str(p) for p in (EXAMPLES / "connectors").glob("*.yaml"))
    if with_examples and "connect" in available and configs:
        components.append(Component("connectors", ["connect", "run", *configs]))
    return components


def up(
    ctx: typer.Context,
    examples: bool = typer.Option(True, "--examples/--no-examples", help="Feed the example sources in examples/."),
    gateway_port: int = typer.Option(8080, help="Port of the HTTP ingest gateway."),
    api_port: int = typer.Option(8081, help="Port of the REST API and dashboard."),
    tokens_file: Path = typer.Option(DEMO_TOKENS, help="Tokens of gateway and API (default: the demo tokens)."),
) -> None:
    """Start the broker, apply the topics, then run every hub process until Ctrl-C (the broker keeps running)."""
    cli = state(ctx)
    s = cli.settings
    broker = LocalBroker(s)
    with cli.console.status(f"starting Kafka at {broker.address} (the first run fetches it with Maven)..."):
        status = broker.start()
    cli.console.print(f"[green]broker[/green] {status.describe()}")
    report = asyncio.run(apply_hub_topics(s))
    cli.console.print(f"[green]topics[/green] {len(report.created)} created, "
                      f"{len(report.unchanged) + len(report.drift)} already there")

    available = set(ctx.find_root().command.commands)  # type: ignore[attr-defined]
    components = _components(available, examples, gateway_port, api_port, tokens_file)
    logs = s.home / "logs"
    # The demo's offer feeds are public (Integreat imports them without a token); see docs/integreat.md.
    supervisor = Supervisor(components, logs, env={**os.environ, "KOORDINATE_FEEDS_PUBLIC": "true"})
    supervisor.start()

    table = Table(title="Koordinate is running", show_header=True)
    table.add_column("process")
    table.add_column("where")
    urls = {"gateway": f"http://127.0.0.1:{gateway_port}/v1/events  (POST CloudEvents)",
            "api": f"http://127.0.0.1:{api_port}/  (dashboard)  /v1/... (REST)  /feeds/offers.ics"}
    for component in components:
        table.add_row(component.name, urls.get(component.name, f"log {component.log_file(logs)}"))
    cli.console.print(table)
    if tokens_file == DEMO_TOKENS:
        cli.console.print("Dashboard login (demo): token [bold]demo-koordination[/bold] (reader + coordinator)")
    cli.console.print("Ctrl-C stops the processes; `koordinate broker stop` stops Kafka.")

    def died(component: Component) -> None:
        cli.err.print(f"[red]{component.name} stopped unexpectedly[/red]; see {component.log_file(logs)}")

    raise typer.Exit(supervisor.wait(on_exit=died))
