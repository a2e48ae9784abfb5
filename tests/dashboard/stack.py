"""A real hub for the dashboard: tokens file, `koordinate worker` and `koordinate api` subprocesses.

Used by the browser tests (tests/dashboard/conftest.py) and by the screenshot script.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import yaml

from hub.gateway.tokens import hash_token
from hub.settings import Settings
from tests.support import HubProcess, free_port, hub_environment, wait_until

T = TypeVar("T")
TOKENS = {"coordinator": "tok-dashboard-coordinator", "reader": "tok-dashboard-reader"}


def write_tokens_file(path: Path) -> Path:
    sources = [
        {"source": "urn:koordinate:office:koordinierungsstelle", "token_sha256": hash_token(TOKENS["coordinator"]),
         "roles": ["coordinator"]},
        {"source": "urn:koordinate:office:ehrenamtskoordination", "token_sha256": hash_token(TOKENS["reader"]),
         "roles": ["reader"]},
    ]
    path.write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
    return path


@dataclass
class HubStack:
    """Worker and API on one settings' topics; `url` is where the API (and the dashboard at /) answers."""

    settings: Settings
    directory: Path
    processes: list[HubProcess] = field(default_factory=list)
    url: str = ""

    def start(self, timeout_s: float = 120.0) -> HubStack:
        tokens = write_tokens_file(self.directory / "tokens.yaml")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        worker_env = hub_environment(self.settings, KOORDINATE_WORKER__TICK_INTERVAL_S="1",
                                     KOORDINATE_WORKER__NAME="dashboard-worker")
        api_env = hub_environment(self.settings, KOORDINATE_API_PORT=str(port), KOORDINATE_API_TOKENS_FILE=str(tokens),
                                  KOORDINATE_API_KEEPALIVE_S="2")
        self.processes = [HubProcess(["worker"], worker_env, self.directory / "worker.log").start(),
                          HubProcess(["api"], api_env, self.directory / "api.log").start()]
        self._wait_for_api(timeout_s)
        return self

    def _wait_for_api(self, timeout_s: float) -> None:
        def ready() -> bool:
            try:
                return httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        run_async(wait_until(ready, timeout_s, "the API to be ready", processes=self.processes, interval_s=0.2))

    def get(self, path: str, who: str = "reader") -> httpx.Response:
        return httpx.get(f"{self.url}{path}", headers={"Authorization": f"Bearer {TOKENS[who]}"}, timeout=10)

    def logs(self) -> str:
        return "\n".join(f"--- {p.args[0]} ---\n{p.log_tail()}" for p in self.processes)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs a coroutine to completion on its own thread: playwright's sync API holds this thread's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def wait_for_picture(stack: HubStack, timeout_s: float = 180.0) -> None:
    """Until the worker derived the scenario's gaps, coverage and both cluster kinds, and the API read them."""
    seen: dict[str, object] = {}

    def complete() -> bool:
        coverage = stack.get("/v1/coverage").json()["items"]
        gaps = len(stack.get("/v1/gaps").json()["items"])
        clothing_gap = any(r["district"] == "Grünau-Mitte" and r["category"] == "clothing" and r["is_gap"]
                           for r in coverage)
        lindenau = any(r["district"] == "Lindenau" and r["category"] == "language_education" for r in coverage)
        clusters = stack.get("/v1/stats").json()["clusters"]
        seen.update({"gaps": gaps, "clothing gap in Grünau-Mitte": clothing_gap, "coverage in Lindenau": lindenau,
                     "clusters": clusters})
        return gaps >= 6 and clothing_gap and lindenau and {"same_offer", "parallel_offers"} <= set(clusters)

    run_async(wait_until(complete, timeout_s, lambda: f"the scenario's whole picture (seen: {seen})",
                         processes=stack.processes, interval_s=0.5))
