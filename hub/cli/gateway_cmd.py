"""`koordinate gateway`: run the HTTP ingest gateway in this process; `gateway hash-token` for the tokens file.

Register with `app.add_typer(gateway_cmd.app, name="gateway")` (server + hash-token), or only the
server with `app.command("gateway")(gateway_cmd.gateway)`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
import uvicorn
from pydantic import ValidationError

from hub.cli.context import state
from hub.errors import SettingsError
from hub.gateway import GatewaySettings, create_app, hash_token, load_tokens, new_token
from hub.logs import configure_logging

app = typer.Typer(help="The HTTP ingest gateway: CloudEvents over HTTP with per-source tokens, into Kafka.")


@app.callback(invoke_without_command=True)
def gateway(
    ctx: typer.Context,
    host: Optional[str] = typer.Option(None, "--host", help="Interface to listen on (env KOORDINATE_GATEWAY_HOST)."),
    port: Optional[int] = typer.Option(None, "--port", help="Port to listen on (env KOORDINATE_GATEWAY_PORT)."),
    tokens_file: Optional[Path] = typer.Option(
        None, "--tokens-file", help="YAML/JSON file of sources and token hashes (env KOORDINATE_GATEWAY_TOKENS_FILE)."),
) -> None:
    """Run the gateway until interrupted (other limits: KOORDINATE_GATEWAY_* environment variables)."""
    if ctx.invoked_subcommand is not None:
        return
    settings = state(ctx).settings
    configure_logging(settings.log_format, settings.log_level)
    overrides = {k: v for k, v in {"host": host, "port": port, "tokens_file": tokens_file}.items() if v is not None}
    try:
        gateway_settings = GatewaySettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(f"wrong gateway settings (KOORDINATE_GATEWAY_*): {exc}") from None
    tokens = load_tokens(gateway_settings.tokens_file)  # fail here, with one line, before binding the port
    state(ctx).err.print(f"gateway on http://{gateway_settings.host}:{gateway_settings.port} "
                         f"({len(tokens)} token(s), broker {settings.bootstrap_servers})", highlight=False)
    server = uvicorn.Server(uvicorn.Config(
        create_app(settings, gateway_settings, tokens), host=gateway_settings.host, port=gateway_settings.port,
        log_config=None, access_log=False, lifespan="on", timeout_graceful_shutdown=10,
    ))
    server.run()


@app.command("hash-token")
def hash_token_cmd(
    stdin: bool = typer.Option(False, "--stdin", help="Hash a token read from standard input instead of a new one."),
) -> None:
    """Print the token_sha256 for the tokens file; without --stdin, generate a new token and print it once."""
    if stdin:
        token = sys.stdin.readline().strip()
        if not token:
            raise typer.BadParameter("no token on standard input")
        typer.echo(hash_token(token))
        return
    token = new_token()
    typer.echo(f"token:        {token}   (give it to the source; it is not stored anywhere)")
    typer.echo(f"token_sha256: {hash_token(token)}")


if __name__ == "__main__":  # pragma: no cover - `python -m hub.cli.gateway_cmd` until registered in main
    app()
