"""`koordinate api`: the read model consumer and the REST API in one process."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Optional

import typer

from hub.api.auth import load_read_tokens
from hub.api.runtime import ApiRuntime
from hub.api.server import serve
from hub.api.settings import ApiSettings
from hub.cli.context import state


def api(
    ctx: typer.Context,
    host: Optional[str] = typer.Option(None, "--host", help="Listen address (KOORDINATE_API_HOST, 127.0.0.1)."),
    port: Optional[int] = typer.Option(None, "--port", help="Listen port (KOORDINATE_API_PORT, 8081)."),
    database_url: Optional[str] = typer.Option(
        None, "--database-url",
        help="sqlite:///path or postgresql://... (KOORDINATE_API_DATABASE_URL; default sqlite in KOORDINATE_HOME)."),
    tokens_file: Optional[Path] = typer.Option(
        None, "--tokens-file", help="Tokens file shared with the gateway (KOORDINATE_API_TOKENS_FILE)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Drop the read model and re-read every topic from the start."),
) -> None:
    """Materialise the topics into the read store and serve the REST API, live stream and metrics."""
    cli = state(ctx)
    overrides = {"host": host, "port": port, "database_url": database_url, "tokens_file": tokens_file}
    api_settings = ApiSettings(**{k: v for k, v in overrides.items() if v is not None})
    runtime = ApiRuntime.build(cli.settings, api_settings, load_read_tokens(api_settings.tokens_file))
    try:
        asyncio.run(serve(runtime, rebuild=rebuild))
    except KeyboardInterrupt:
        pass
