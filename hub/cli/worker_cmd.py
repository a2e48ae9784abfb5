"""`koordinate worker`: one faust stream worker; start several (other --name) to share the partitions."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Optional

import typer

from hub.cli.context import state
from hub.cli.dedupe_model import engine_config, model_option
from hub.metrics import serve_metrics
from hub.topics.admin import apply_hub_topics


def worker(
    ctx: typer.Context,
    name: Optional[str] = typer.Option(None, "--name", help="Worker name; keeps its local state apart (default worker-1)."),
    metrics_port: Optional[int] = typer.Option(None, "--metrics-port", help="Serve Prometheus /metrics on this port."),
    dedupe_model: Optional[Path] = model_option(),
) -> None:
    """Run the stream processors: state, matching, gaps, coverage, duplicates. Stops on Ctrl-C or SIGTERM."""
    import mode.loop

    # uvloop: the worker spends more of its time in the event loop's bookkeeping (a task and
    # several callbacks per record) than in Kafka's wire format; set before any loop is made
    mode.loop.use("uvloop")

    from hub.stream.app import WorkerProcess, create_worker_app
    from hub.stream.collector import time_collector_passes

    time_collector_passes()

    cli = state(ctx)
    settings = cli.settings
    config = engine_config(dedupe_model)  # a bad model file stops here, before any topic is touched
    updates = {k: v for k, v in {"name": name, "metrics_port": metrics_port}.items() if v is not None}
    if updates:
        settings = settings.model_copy(update={"worker": settings.worker.model_copy(update=updates)})
    # Every topic the worker reads, its own included, must exist before faust subscribes: a consumer
    # notices a topic created later only at its next metadata refresh (auto-creation is off on purpose).
    asyncio.run(apply_hub_topics(settings))
    (settings.home / "worker" / settings.worker.name).mkdir(parents=True, exist_ok=True)
    app = create_worker_app(settings, config)
    process = WorkerProcess(app, settings)
    serve_metrics(settings.worker.metrics_port, settings.worker.metrics_host,
                  readiness=lambda: (process.readiness.current.ready, process.readiness.current.reason()))
    process.execute_from_commandline()
