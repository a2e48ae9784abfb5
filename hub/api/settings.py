"""Settings of the read API, from KOORDINATE_API_* environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    """What `koordinate api` needs beyond the shared settings (broker, topic prefix, home)."""

    model_config = SettingsConfigDict(env_prefix="KOORDINATE_API_", extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(8081, ge=0, le=65535)
    tokens_file: Path = Field(Path("gateway-tokens.yaml"),
                              description="the gateway's tokens file (sources, token hashes, roles)")
    database_url: str | None = Field(
        None, description="sqlite:///path or postgresql://...; default sqlite:///$KOORDINATE_HOME/readmodel.sqlite3")
    page_size: int = Field(50, ge=1, le=500, description="default page size of list endpoints")
    max_page_size: int = Field(500, ge=1, le=5000)
    keepalive_s: float = Field(15.0, gt=0, description="SSE keep-alive comment interval")
    ready_timeout_s: float = Field(300.0, gt=0, description="how long startup waits to catch up before serving")

    def store_url(self, home: Path) -> str:
        return self.database_url or f"sqlite:///{home / 'readmodel.sqlite3'}"
