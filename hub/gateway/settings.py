"""Settings of the HTTP ingest gateway, from KOORDINATE_GATEWAY_* environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class GatewaySettings(BaseSettings):
    """What the gateway needs beyond the shared `hub.settings.Settings` (broker, topic prefix)."""

    model_config = SettingsConfigDict(env_prefix="KOORDINATE_GATEWAY_", extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    tokens_file: Path = Field(Path("gateway-tokens.yaml"), description="YAML or JSON file of sources and token hashes")
    max_body_bytes: int = Field(1_000_000, gt=0, description="larger requests get 413; below Kafka's 1 MiB record limit")
    max_batch_events: int = Field(1000, gt=0, description="more events in one batch get 413")
    max_json_depth: int = Field(32, gt=1, le=200, description="deeper JSON gets 400")
    rate_per_s: float = Field(20.0, gt=0, description="requests per second per source (token bucket refill)")
    burst: int = Field(40, gt=0, description="requests a source may send at once (bucket size)")
    retry_after_s: int = Field(5, ge=1, description="Retry-After when the broker is unavailable or not ready")
    signature_header: str = "X-Koordinate-Signature"
    connect_retry_s: float = Field(1.0, gt=0, description="pause between attempts to reach the broker at startup")
