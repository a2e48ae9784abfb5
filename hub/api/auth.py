"""Who may read and review: bearer tokens from the gateway's tokens file, and what each role sees.

Roles: ``reader`` (the coordination office) sees everything; ``coordinator`` sees everything and may
confirm or reject duplicates; ``publisher`` (an initiative or municipal system) reads the whole picture
but sees contacts only of the offers it published. No token or an unknown one: 401; a token without a
role that allows the request: 403. Reads never need an HMAC signature, so HMAC secrets are not loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from hub.errors import SettingsError
from hub.gateway.tokens import Principal, TokenRegistry, TokensFile

READ_ROLES = frozenset({"reader", "coordinator", "publisher"})
FULL_VIEW_ROLES = frozenset({"reader", "coordinator"})

bearer = HTTPBearer(auto_error=False, description="a source's API token (see the gateway's tokens file)")


@dataclass(frozen=True)
class Caller:
    """An authenticated caller of the read API."""

    source: str
    roles: frozenset[str]

    @property
    def sees_everything(self) -> bool:
        return bool(self.roles & FULL_VIEW_ROLES)

    def sees_contact_of(self, source: str) -> bool:
        return self.sees_everything or source == self.source

    @property
    def view(self) -> str:
        """What this caller's responses depend on (part of the ETag)."""
        return "all" if self.sees_everything else f"source:{self.source}"


def load_read_tokens(path: Path) -> TokenRegistry:
    """The tokens file as the gateway reads it, without HMAC secrets (reads are not signed)."""
    if not path.is_file():
        raise SettingsError(f"API tokens file {path} does not exist (KOORDINATE_API_TOKENS_FILE)")
    text = path.read_text(encoding="utf-8")
    try:
        parsed = TokensFile.model_validate(json.loads(text) if path.suffix == ".json" else yaml.safe_load(text))
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"API tokens file {path} cannot be read: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise SettingsError(f"API tokens file {path}: {problems}") from exc
    return TokenRegistry([entry.model_copy(update={"hmac_secret_env": None}) for entry in parsed.sources], {})


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def authenticate(request: Request, token: str | None) -> Caller:
    if not token:
        raise _unauthorized("a bearer token is required")
    principal: Principal | None = request.app.state.runtime.tokens.authenticate(token)
    if principal is None:
        raise _unauthorized("unknown token")
    return Caller(principal.source, principal.roles)


def reader(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Caller:
    """Any caller allowed to read: reader, coordinator or publisher."""
    caller = authenticate(request, credentials.credentials if credentials else None)
    if not caller.roles & READ_ROLES:
        raise HTTPException(403, "this token has no role that may read (reader, coordinator or publisher)")
    return caller


def coordinator(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Caller:
    """A caller with the coordinator role (reviews duplicates)."""
    caller = authenticate(request, credentials.credentials if credentials else None)
    if "coordinator" not in caller.roles:
        raise HTTPException(403, "reviewing duplicates needs the coordinator role")
    return caller
