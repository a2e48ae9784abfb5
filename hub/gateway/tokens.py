"""Who may publish: the tokens file (sources, token hashes, roles, grants, HMAC secret references).

Tokens are stored only as SHA-256 hashes; HMAC secrets only as the name of the environment variable
holding them, because a secret must be usable to verify a signature and a hash of it is not.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hub.errors import SettingsError

Role = Literal["publisher", "reader", "coordinator"]
_HEX = set("0123456789abcdef")


class SourceEntry(BaseModel):
    """One entry of the tokens file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=1, description="CloudEvents source URI-reference this token publishes as")
    token_sha256: list[str] = Field(min_length=1, description="hex SHA-256 of the token; several while rotating")
    roles: list[Role] = Field(default_factory=lambda: ["publisher"])
    hmac_secret_env: str | None = Field(None, description="environment variable holding the HMAC-SHA256 secret")
    grants: list[str] = Field(default_factory=list, description="other sources whose entities it may update")

    @field_validator("token_sha256", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("token_sha256")
    @classmethod
    def _is_sha256_hex(cls, value: list[str]) -> list[str]:
        for digest in value:
            if len(digest) != 64 or set(digest.lower()) - _HEX:
                raise ValueError("must be 64 hex digits (print one with `koordinate gateway hash-token`)")
        return [d.lower() for d in value]


class TokensFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[SourceEntry]


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: its source, roles, the sources it may write for, and its HMAC secret."""

    source: str
    roles: frozenset[str]
    allowed_sources: frozenset[str]
    hmac_secret: bytes | None

    def __repr__(self) -> str:  # never print the secret, e.g. in a traceback or a log line
        return f"Principal(source={self.source!r}, roles={sorted(self.roles)})"


def hash_token(token: str) -> str:
    """The hex SHA-256 of a token, as the tokens file stores it."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


class TokenRegistry:
    """Looks up the caller of a bearer token; every comparison runs in constant time."""

    def __init__(self, entries: Sequence[SourceEntry], environ: dict[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self._entries: list[tuple[bytes, Principal]] = []
        for entry in entries:
            secret = None
            if entry.hmac_secret_env:
                value = env.get(entry.hmac_secret_env)
                if not value:  # a configured but empty secret would silently switch verification off
                    raise SettingsError(
                        f"source {entry.source}: environment variable {entry.hmac_secret_env} "
                        "(hmac_secret_env) is not set"
                    )
                secret = value.encode()
            principal = Principal(entry.source, frozenset(entry.roles),
                                  frozenset([entry.source, *entry.grants]), secret)
            self._entries.extend((bytes.fromhex(d), principal) for d in entry.token_sha256)

    def __len__(self) -> int:
        return len(self._entries)

    def authenticate(self, token: str) -> Principal | None:
        """The principal whose token hash matches, or None; looks at every entry to keep timing flat."""
        digest = hashlib.sha256(token.encode()).digest()
        found: Principal | None = None
        for stored, principal in self._entries:
            if hmac.compare_digest(stored, digest):
                found = principal
        return found


def load_tokens(path: Path, environ: dict[str, str] | None = None) -> TokenRegistry:
    """Read the tokens file (YAML or JSON); a SettingsError names what is wrong."""
    if not path.is_file():
        raise SettingsError(f"gateway tokens file {path} does not exist (KOORDINATE_GATEWAY_TOKENS_FILE)")
    text = path.read_text(encoding="utf-8")
    try:
        raw = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        parsed = TokensFile.model_validate(raw)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"gateway tokens file {path} cannot be read: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise SettingsError(f"gateway tokens file {path}: {problems}") from exc
    return TokenRegistry(parsed.sources, environ)


def signature_matches(secret: bytes, body: bytes, header_value: str | None) -> bool:
    """Whether `sha256=<hex>` is the HMAC-SHA256 of the body under the secret."""
    if not header_value or not header_value.startswith("sha256="):
        return False
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header_value[len("sha256="):].strip().lower().encode())


def sign(secret: bytes | str, body: bytes) -> str:
    """The signature header value a client sends: `sha256=<hex>` (used by examples and tests)."""
    key = secret.encode() if isinstance(secret, str) else secret
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
