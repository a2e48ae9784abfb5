"""The read API tests' tokens, a runtime on the test's topics, and waiting for rows to show."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx

from hub.api.auth import load_read_tokens
from hub.api.runtime import ApiRuntime
from hub.api.settings import ApiSettings
from hub.settings import Settings
from tests.support import wait_until

TOKENS = {"reader": "tok-reader", "coordinator": "tok-coordinator", "ost": "tok-ost", "west": "tok-west",
          "sozialamt": "tok-sozialamt", "nobody": "tok-no-roles"}

# the `produce` fixture: sends models to the topic of a suffix (acks=all)
Produce = Callable[..., Awaitable[None]]


def bearer(who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[who]}"}


def make_runtime(hub_settings: Settings, api_settings: ApiSettings) -> ApiRuntime:
    return ApiRuntime.build(hub_settings, api_settings, load_read_tokens(api_settings.tokens_file))


async def wait_for_rows(client: httpx.AsyncClient, path: str, count: int, who: str = "reader",
                        timeout_s: float = 90.0) -> dict:
    """GETs ``path`` until its ``total`` (or number of items) reaches ``count``; returns the body."""
    body: dict = {}

    async def enough() -> bool:
        nonlocal body
        response = await client.get(path, headers=bearer(who))
        body = response.json()
        return body.get("total", len(body.get("items", []))) >= count

    await wait_until(enough, timeout_s, f"{count} rows at {path}")
    return body
