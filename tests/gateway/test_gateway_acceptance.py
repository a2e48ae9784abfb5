"""Acceptance: 10,000 events (valid, invalid, duplicates) through a gateway process killed half-way.

The client behaves as documented for initiatives: it drops the events a 4xx names and re-sends the
rest, and re-sends anything without an answer (connection lost, 503). At the end every valid event is
on its topic exactly once (by ce_id), every invalid one was answered 4xx, and nothing else appeared.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from hub.gateway import sign
from hub.kafka.reader import read_topic
from hub.settings import Settings
from schemas import BATCH, STRUCTURED
from tests.builders import INITIATIVE, SOZIALAMT, need, offer, status, structured
from tests.gateway.helpers import SECRET, SECRET_ENV, TOKENS, token_entries
from tests.support import free_port, wait_until

pytestmark = [pytest.mark.kafka, pytest.mark.reliability]

BATCH_SIZE = 100
WORKERS = 8


@dataclass
class GatewayProcess:
    """`python -m hub.cli.gateway_cmd` as a child process; killed without warning on `kill()`."""

    settings: Settings
    tokens_file: Path
    port: int
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "KOORDINATE_BOOTSTRAP_SERVERS": self.settings.bootstrap_servers,
               "KOORDINATE_TOPIC_PREFIX": self.settings.topic_prefix, "KOORDINATE_HOME": str(self.settings.home),
               "KOORDINATE_LOG_FORMAT": "json", SECRET_ENV: SECRET,
               "KOORDINATE_GATEWAY_RATE_PER_S": "100000", "KOORDINATE_GATEWAY_BURST": "100000"}
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hub.cli.gateway_cmd", "--host", "127.0.0.1", "--port", str(self.port),
             "--tokens-file", str(self.tokens_file)], env=env, stdout=log, stderr=log)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    async def wait_ready(self, timeout_s: float = 30.0) -> None:
        async with httpx.AsyncClient(timeout=2) as client:

            async def ready() -> bool:
                assert self.process is not None and self.process.poll() is None, self.log_path.read_text()[-2000:]
                try:
                    return (await client.get(f"http://127.0.0.1:{self.port}/readyz")).status_code == 200
                except httpx.TransportError:
                    return False

            await wait_until(ready, timeout_s, "the gateway to be ready", interval_s=0.05)


@dataclass
class Item:
    key: str  # the ce id: canonical for valid events, a label for invalid ones
    event: dict[str, Any]
    valid: bool


@dataclass
class Tally:
    answered_4xx: Counter[str] = field(default_factory=Counter)
    accepted: Counter[str] = field(default_factory=Counter)
    requests: int = 0
    retries: int = 0


def workload() -> tuple[list[tuple[str, list[Item]]], list[tuple[str, list[Item]]]]:
    """Phase 1: needs (signed) and offers with invalid ones and duplicates; phase 2: status updates."""
    needs = [Item("", structured(need(record=f"N-{i}", revision=1 + i % 3)), True) for i in range(3500)]
    offers = [Item("", structured(offer(record=f"O-{i}")), True) for i in range(3500)]
    invalid: list[Item] = []
    for i in range(500):
        kind = i % 3
        if kind == 0:
            event = structured(offer(record=f"X-{i}"))
            event["data"]["area"]["ags"] = "9912"
        elif kind == 1:
            event = structured(need(record=f"X-{i}"))  # sozialamt's need sent with the initiative's token: 403
        else:
            event = structured(offer(record=f"X-{i}"))
            event["data"]["languages"] = ["klingonisch"]
        invalid.append(Item(f"invalid-{i}", event, False))
    for item in needs + offers:
        item.key = item.event["id"]
    # 1,000 re-sends of accepted events, each with the token of its source, in other requests
    duplicates = [Item(v.key, v.event, True) for v in needs[::7] + offers[::7]][:1000]
    sozialamt_items = needs + [d for d in duplicates if d.event["source"] == SOZIALAMT]
    # all invalid events go with the initiative's token (a sozialamt need among them is its 403)
    initiative_items = offers + invalid + [d for d in duplicates if d.event["source"] == INITIATIVE]
    by_sozialamt = _requests("sozialamt", _spread(sozialamt_items))
    by_initiative = _requests("initiative", _spread(initiative_items))
    phase1 = [r for pair in itertools.zip_longest(by_sozialamt, by_initiative) for r in pair if r is not None]
    statuses = [Item("", structured(status(offers[i].event["data"]["id"], f"S-{i}", kind="offer", new_status="full")),
                     True) for i in range(1400)]
    for item in statuses:
        item.key = item.event["id"]
    foreign = [Item(f"invalid-status-{i}", structured(status(needs[i].event["data"]["id"], kind="need",
                                                              record=f"SX-{i}", new_status="covered")), False) for i in range(100)]
    phase2 = _requests("initiative", _spread(statuses + foreign))
    return phase1, phase2


def _spread(items: list[Item]) -> list[Item]:
    # a fixed shuffle: duplicates and invalid events land in many different requests
    return [items[(i * 7919) % len(items)] for i in range(len(items))] if len(items) % 7919 else items


def _requests(who: str, items: list[Item]) -> list[tuple[str, list[Item]]]:
    out: list[tuple[str, list[Item]]] = []
    position, n = 0, 0
    while position < len(items):
        size = 1 if n % 10 == 9 else BATCH_SIZE  # every tenth request is a single structured event
        out.append((who, items[position:position + size]))
        position += size
        n += 1
    return out


class Client:
    """Sends requests; on 4xx drops the named events and re-sends the rest; re-sends on no answer or 503."""

    def __init__(self, base_url: str, gateway: GatewayProcess, tally: Tally) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=30)
        self._gateway = gateway
        self._tally = tally

    async def close(self) -> None:
        await self._http.aclose()

    async def deliver(self, who: str, items: list[Item]) -> None:
        while items:
            single = len(items) == 1
            payload = json.dumps(items[0].event if single else [i.event for i in items]).encode()
            headers = {"Authorization": f"Bearer {TOKENS[who]}", "content-type": STRUCTURED if single else BATCH}
            if who == "sozialamt":
                headers["X-Koordinate-Signature"] = sign(SECRET, payload)
            self._tally.requests += 1
            try:
                response = await self._http.post("/v1/events", content=payload, headers=headers)
            except httpx.TransportError:
                self._tally.retries += 1
                await self._gateway.wait_ready()
                continue
            if response.status_code == 202:
                for item, outcome in zip(items, response.json()["events"]):
                    self._tally.accepted[item.key] += outcome["status"] == "accepted"
                return
            if response.status_code == 503:
                self._tally.retries += 1
                await self._gateway.wait_ready()
                continue
            assert response.status_code in (400, 403), response.text
            named = {e["index"] for e in response.json()["errors"]}
            assert named, response.text
            for index in named:
                self._tally.answered_4xx[items[index].key] += 1
            items = [item for index, item in enumerate(items) if index not in named]


async def run_phase(client: Client, requests: list[tuple[str, list[Item]]], kill_after: int | None,
                    gateway: GatewayProcess) -> None:
    queue: asyncio.Queue[tuple[str, list[Item]]] = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)
    done = 0
    restarted = asyncio.Event()

    async def worker() -> None:
        nonlocal done
        while not queue.empty():
            who, items = queue.get_nowait()
            await client.deliver(who, list(items))
            done += 1
            if kill_after is not None and done == kill_after:  # kill while the other workers are mid-request
                gateway.kill()
                gateway.start()
                restarted.set()

    await asyncio.gather(*(worker() for _ in range(WORKERS)))
    if kill_after is not None:
        assert restarted.is_set()


async def test_ten_thousand_events_with_a_gateway_restart(hub_settings, hub_topics, tmp_path):
    tokens_file = tmp_path / "tokens.yaml"
    tokens_file.write_text(yaml.safe_dump({"sources": [e.model_dump() for e in token_entries()]}))
    gateway = GatewayProcess(hub_settings, tokens_file, free_port(), tmp_path / "gateway.log")
    phase1, phase2 = workload()
    every = [item for _who, items in phase1 + phase2 for item in items]
    assert len(every) == 10_000
    valid = {i.key for i in every if i.valid}
    invalid = {i.key for i in every if not i.valid}
    tally = Tally()
    gateway.start()
    client = Client(f"http://127.0.0.1:{gateway.port}", gateway, tally)
    started = time.monotonic()
    try:
        await gateway.wait_ready()
        await run_phase(client, phase1, len(phase1) * 2 // 5, gateway)
        await run_phase(client, phase2, None, gateway)
        elapsed = time.monotonic() - started
    finally:
        await client.close()
        gateway.stop()

    on_topics: Counter[str] = Counter()
    for suffix in ("needs", "offers", "status"):
        for record in await read_topic(hub_settings.bootstrap_servers, hub_settings.topic_name(suffix)):
            on_topics[dict(record.headers)["ce_id"].decode()] += 1
    assert {k for k, n in on_topics.items() if n > 1} == set()
    assert set(on_topics) == valid  # every valid event once, nothing else
    assert set(tally.answered_4xx) == invalid
    assert not set(tally.answered_4xx) & valid
    logs = gateway.log_path.read_text()
    assert '"event accepted"' in logs
    for secret in (*TOKENS.values(), SECRET):
        assert secret not in logs
    print(f"\n10,000 events ({len(valid)} valid unique, {len(invalid)} invalid, "
          f"{len(every) - len(valid) - len(invalid)} duplicates), {tally.requests} requests, "
          f"{tally.retries} re-sends after the kill: {elapsed:.1f}s, {len(every) / elapsed:.0f} events/s")
