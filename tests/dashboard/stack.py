"""A real hub for the dashboard: tokens file, `koordinate worker` and `koordinate api` subprocesses.

Used by the browser tests (tests/dashboard/conftest.py) and by the screenshot script.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import yaml

from hub.gateway.tokens import hash_token
from hub.settings import Settings
from tests.support import HubProcess, hub_environment

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.process and process.process.poll() is not None:
                    raise RuntimeError(f"{process.args[0]} exited:\n{process.log_tail()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"the API did not become ready in {timeout_s:.0f} s:\n{self.processes[1].log_tail()}")

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
    deadline = time.monotonic() + timeout_s
    seen: dict[str, object] = {}
    while time.monotonic() < deadline:
        coverage = stack.get("/v1/coverage").json()["items"]
        seen = {
            "gaps": len(stack.get("/v1/gaps").json()["items"]),
            "clothing gap in Grünau-Mitte": any(r["district"] == "Grünau-Mitte" and r["category"] == "clothing"
                                                 and r["is_gap"] for r in coverage),
            "coverage in Lindenau": any(r["district"] == "Lindenau" and r["category"] == "language_education"
                                        for r in coverage),
            "clusters": stack.get("/v1/stats").json()["clusters"],
        }
        if (seen["gaps"] >= 6 and seen["clothing gap in Grünau-Mitte"] and seen["coverage in Lindenau"]
                and {"same_offer", "parallel_offers"} <= set(seen["clusters"])):
            return
        time.sleep(0.5)
    raise AssertionError(f"the scenario's picture is incomplete after {timeout_s:.0f} s: {seen}\n{stack.logs()}")
