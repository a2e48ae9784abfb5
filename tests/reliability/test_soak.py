"""Soak: steady load through a real gateway and worker for a bounded time; their memory must level off.

Opt-in (`-m soak`). KOORDINATE_RELIABILITY_SOAK_S (default 600) is the run, _SOAK_RATE the events per
second sent to the gateway. RSS of both processes is read from /proc every few seconds; after a
warm-up of a fifth of the run, the last sample may exceed the first by at most SOAK_GROWTH_MB
(default 64). The samples are printed so a run by hand can be recorded in docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
import pytest
import yaml

from tests.builders import INITIATIVE, need, offer, structured
from tests.gateway.helpers import TOKENS, token_entries
from tests.gateway.test_gateway_acceptance import GatewayProcess
from tests.reliability.knobs import seconds, size
from tests.support import free_port

pytestmark = [pytest.mark.kafka, pytest.mark.reliability, pytest.mark.soak, pytest.mark.timeout(7200)]

SOAK_S = seconds("SOAK_S", 600)
RATE = size("SOAK_RATE", 20)
GROWTH_MB = size("SOAK_GROWTH_MB", 64)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


async def test_steady_load_keeps_memory_bounded(hub_settings, hub_topics, start_worker, tmp_path):
    tokens_file = tmp_path / "tokens.yaml"
    tokens_file.write_text(yaml.safe_dump({"sources": [e.model_dump() for e in token_entries()]}))
    gateway = GatewayProcess(hub_settings, tokens_file, free_port(), tmp_path / "gateway.log")
    gateway.start()
    worker = start_worker()
    samples: list[tuple[float, float, float]] = []
    sent = 0
    try:
        await gateway.wait_ready()
        started = time.monotonic()
        headers = {"Authorization": f"Bearer {TOKENS['initiative']}", "content-type": "application/cloudevents+json"}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{gateway.port}", timeout=30) as client:
            next_sample = started
            while (elapsed := time.monotonic() - started) < SOAK_S:
                # new offers and revisions of old ones: state grows with entities, not with events
                record, revision = f"SOAK-{sent % 2000}", 1 + sent // 2000
                model = offer(record=record, revision=revision) if sent % 3 else need(
                    source=INITIATIVE, record=f"N-{sent % 500}", revision=1 + sent // 500)
                response = await client.post("/v1/events", content=json.dumps(structured(model)).encode(),
                                             headers=headers)
                assert response.status_code == 202, response.text
                sent += 1
                if time.monotonic() >= next_sample:
                    assert worker.process is not None and gateway.process is not None
                    samples.append((round(elapsed), rss_mb(worker.process.pid), rss_mb(gateway.process.pid)))
                    next_sample += max(5.0, SOAK_S / 60)
                await asyncio.sleep(max(0.0, sent / RATE - (time.monotonic() - started)))
    finally:
        gateway.stop()
    print(f"\nsoak: {sent} events in {SOAK_S:.0f} s; (s, worker MB, gateway MB): {samples}")
    warm = [s for s in samples if s[0] >= SOAK_S / 5]
    assert len(warm) >= 2
    for column, name in ((1, "worker"), (2, "gateway")):
        growth = warm[-1][column] - warm[0][column]
        assert growth <= GROWTH_MB, f"{name} RSS grew {growth:.0f} MB after warm-up: {samples}"
