"""410 Gone ends a subscription; it stays ended after a restart, and `connect status` says so."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from hub.settings import Settings
from schemas import to_event
from tests.builders import SOZIALAMT, need, status
from tests.support import hub_environment, koordinate_executable, produce_models
from tests.webhooks.helpers import (
    SECRET,
    SECRET_VAR,
    Receiver,
    counted,
    running,
    sink_config,
    state_of,
    wait_for,
)

pytestmark = pytest.mark.kafka


async def test_410_ends_the_subscription_for_good(hub_settings: Settings, topics: dict[str, str], server: HTTPServer,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_VAR, SECRET)
    receiver = Receiver(server)
    gone = receiver.endpoint("/gone", lambda _, __: Response("unsubscribed", 410))
    steady = receiver.endpoint("/steady")
    n = need("B-1")
    updates = [status(n, revision=revision, source=SOZIALAMT, new_status="partially_covered") for revision in (1, 2, 3)]
    config = sink_config(tmp_path / "webhook.yaml", [{"name": "gone", "url": gone}, {"name": "steady", "url": steady}])

    await produce_models(hub_settings, [n, updates[0]])
    async with running(hub_settings, config) as task:
        await wait_for(task, counted(hub_settings, "gone", ended=1), "the 410 to be committed")
        await produce_models(hub_settings, [updates[1]])
        await wait_for(task, counted(hub_settings, "steady", delivered=2), "the second delivery")

    state = await state_of(hub_settings)
    assert state is not None and state.ended["gone"]["url"] == gone
    assert state.ended["gone"]["event_id"] == to_event(updates[0]).id

    await produce_models(hub_settings, [updates[2]])
    async with running(hub_settings, config) as task:  # a restart reads the ended subscription back
        state = await wait_for(task, counted(hub_settings, "steady", delivered=3), "the delivery after the restart")

    assert receiver.ids_at("/gone") == [to_event(updates[0]).id]  # one request, never again
    assert receiver.ids_at("/steady") == [to_event(u).id for u in updates]
    assert (state.targets["gone"].ended, state.targets["gone"].skipped, state.targets["gone"].retried) == (1, 2, 0)

    env = hub_environment(hub_settings, COLUMNS="200")
    as_json = json.loads(subprocess.run([koordinate_executable(), "connect", "status", "--json"], env=env,
                                        capture_output=True, text=True, timeout=60, check=True).stdout)
    assert as_json["test-webhooks"]["sink"]["state"]["ended"]["gone"]["url"] == gone
    assert as_json["test-webhooks"]["sink"]["subscriptions"]["steady"]["delivered"] == 3
    table = subprocess.run([koordinate_executable(), "connect", "status"], env=env,
                           capture_output=True, text=True, timeout=60, check=True).stdout
    rows = {line.split("│")[3].strip(): line for line in table.splitlines() if line.count("│") > 5}
    assert "ended" in rows["gone"] and "active" in rows["steady"], table
