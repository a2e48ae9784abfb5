"""Acceptance: `koordinate connect run` killed with SIGKILL mid-stream, restarted: nothing skipped, no flood.

Every event reaches the receiver at least once; repeats are at most the checkpoint in flight at the kill
(`max_in_flight`), and each carries its event id so the receiver can drop them.
"""

from __future__ import annotations

import signal
from collections import Counter
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from hub.settings import Settings
from schemas import to_event
from tests.builders import SOZIALAMT, need, status
from tests.support import HubProcess, hub_environment, produce_models, wait_until
from tests.webhooks.helpers import SECRET, SECRET_VAR, Receiver, sink_config, state_of

pytestmark = [pytest.mark.kafka, pytest.mark.reliability]

EVENTS, MAX_IN_FLIGHT = 240, 8


async def test_kill_mid_stream_and_restart(hub_settings: Settings, topics: dict[str, str], server: HTTPServer,
                                           tmp_path: Path) -> None:
    receiver = Receiver(server, delay_s=0.01)
    url = receiver.endpoint("/sozialamt")
    needs = [need(f"B-{i}") for i in range(24)]
    updates = [status(needs[i % len(needs)], revision=i // len(needs) + 1, source=SOZIALAMT,
                      new_status="partially_covered") for i in range(EVENTS)]
    await produce_models(hub_settings, [*needs, *updates])
    expected = {to_event(u).id for u in updates}
    config = sink_config(tmp_path / "webhook.yaml", [{"name": "sozialamt", "url": url}], max_in_flight=MAX_IN_FLIGHT)
    env = hub_environment(hub_settings, **{SECRET_VAR: SECRET})
    args = ["connect", "run", str(config)]

    first = HubProcess(args, env, tmp_path / "connect.log").start()
    try:
        await wait_until(lambda: _at_least(receiver, EVENTS // 3), 90, "a third of the events delivered",
                         processes=[first])
        first.kill()
    finally:
        first.kill()
    assert first.process is not None and first.process.returncode == -signal.SIGKILL
    at_kill = len(receiver.at("/sozialamt"))
    assert at_kill < EVENTS, "the kill must land mid-stream"

    second = HubProcess(args, env, tmp_path / "connect.log").start()
    try:
        await wait_until(lambda: _all_of(receiver, expected), 120, "every event delivered", processes=[second])
        state = await wait_until(lambda: _delivered_all(hub_settings), 60, "the last commit", processes=[second])
    finally:
        second.stop()
    assert second.process is not None and second.process.returncode == 0, second.log_tail()

    seen = Counter(receiver.ids_at("/sozialamt"))
    assert set(seen) == expected  # nothing skipped, nothing else
    repeats = sum(seen.values()) - len(seen)
    assert repeats <= MAX_IN_FLIGHT, f"{repeats} repeats after the restart"
    assert all(r.verified for r in receiver.at("/sozialamt"))
    assert state.counters.read == EVENTS and state.lag == 0


async def _at_least(receiver: Receiver, n: int) -> bool:
    return len(receiver.at("/sozialamt")) >= n


async def _all_of(receiver: Receiver, expected: set[str]) -> bool:
    return set(receiver.ids_at("/sozialamt")) >= expected


async def _delivered_all(settings: Settings):  # type: ignore[no-untyped-def]
    state = await state_of(settings)
    return state if state and state.counters.read >= EVENTS else None
