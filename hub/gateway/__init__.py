"""The HTTP ingest gateway (`koordinate gateway`): CloudEvents over HTTP in, acknowledged Kafka records out."""

from __future__ import annotations

from hub.gateway.app import create_app
from hub.gateway.settings import GatewaySettings
from hub.gateway.tokens import TokenRegistry, hash_token, load_tokens, new_token, sign

__all__ = ["GatewaySettings", "TokenRegistry", "create_app", "hash_token", "load_tokens", "new_token", "sign"]
