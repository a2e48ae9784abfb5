"""The API follows the engine's state: a real `koordinate worker` derives it, the read model shows it.

One worker serves three needs at once (a worker start is the expensive part): one past its needed_until,
one whose proposed commitment was not confirmed by its deadline, one with a status change the engine
refused. Event times lie days back, so the worker's wall-clock tick is what fires the timers.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from hub.settings import Settings
from tests.api.helpers import Produce, bearer
from tests.api.samples import INITIATIVE_OST, T0, need, offer, status
from tests.support import HubProcess, hub_environment, wait_until

pytestmark = pytest.mark.kafka
TIMEOUT = 150


@pytest.fixture
def worker(hub_settings: Settings, hub_topics: dict[str, str], tmp_path) -> HubProcess:
    environment = hub_environment(hub_settings, KOORDINATE_WORKER__TICK_INTERVAL_S="1",
                                  KOORDINATE_WORKER__NAME="state-worker")
    process = HubProcess(["worker"], environment, tmp_path / "worker.log").start()
    yield process
    process.stop()


async def test_needs_show_expiry_lapsed_commitments_and_refused_changes_as_the_engine_has_them(
        client: httpx.AsyncClient, produce: Produce, worker: HubProcess) -> None:
    expiring = need("B-exp", needed_until=(T0 + timedelta(days=1)).isoformat())
    lapsing, helper = need("B-lapse"), offer("A-lapse", capacity=6)
    refused = need("B-refused")
    await produce("offers", helper)
    await produce("needs", expiring, lapsing, refused)
    proposal = status("S-propose", lapsing.id, "need", source=INITIATIVE_OST, minutes=30, commitment={
        "need_id": lapsing.id, "offer_id": helper.id, "slots": 4, "state": "proposed",
        "confirm_by": (T0 + timedelta(hours=2)).isoformat()})
    withdraw = status("S-withdraw", refused.id, "need", minutes=30, new_status="withdrawn")
    reopen = status("S-reopen", refused.id, "need", minutes=40, new_status="open")  # withdrawn is final
    await produce("status", proposal, withdraw)
    await produce("status", reopen)

    async def got(path: str) -> dict:
        response = await client.get(path, headers=bearer("reader"))
        return response.json() if response.status_code == 200 else {}

    async def settled() -> dict | None:
        shown = {n.id: await got(f"/v1/needs/{n.id}") for n in (expiring, lapsing, refused)}
        done = (shown[expiring.id].get("status") == "expired"
                and shown[lapsing.id].get("lifecycle", {}).get("lapsed_commitments")
                and shown[refused.id].get("lifecycle", {}).get("last_rejected"))
        return shown if done else None

    def what() -> str:
        return f"the engine's state of the three needs in the API; worker log:\n{worker.log_tail()}"

    shown = await wait_until(settled, TIMEOUT, what)

    # (1) past needed_until: expired, by the engine's timer
    assert shown[expiring.id]["lifecycle"]["expired"] is True
    assert shown[expiring.id]["lifecycle"]["expires_at"].startswith("2026-11-21T09:00:00")

    # (2) the proposal lapsed at its deadline: it covers nothing and the need is open again
    lapsed = shown[lapsing.id]
    assert lapsed["status"] == "open"
    assert lapsed["coverage"] == {"quantity": 4, "committed": 0, "remaining": 4}
    [item] = lapsed["lifecycle"]["lapsed_commitments"]
    assert (item["offer_id"], item["slots"]) == (helper.id, 4)
    helper_shown = await got(f"/v1/offers/{helper.id}")
    assert (helper_shown["committed"], helper_shown["remaining_capacity"]) == (0, 6)

    # (3) the refused re-opening is not shown as applied; the refusal is, with its reason
    kept = shown[refused.id]
    assert kept["status"] == "withdrawn"
    assert kept["lifecycle"]["last_rejected"]["reason"] == "illegal_transition"
    assert kept["lifecycle"]["last_rejected"]["asked_status"] == "open"
    listed = (await client.get("/v1/needs", params={"status": "open"}, headers=bearer("reader"))).json()
    assert {n["id"] for n in listed["items"]} & {expiring.id, refused.id} == set()
    history = await got(f"/v1/entities/{refused.id}/history")
    assert "org.koordinate.status.v1" in [e["type"] for e in history["events"]]  # the request itself stays in history
