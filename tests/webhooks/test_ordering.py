"""Ordering per entity: one entity's events reach a receiver in topic order; entities go in parallel, bounded."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from hub.settings import Settings
from tests.builders import SOZIALAMT, need, status
from tests.support import produce_models
from tests.webhooks.helpers import SECRET, SECRET_VAR, Receiver, counted, running, sink_config, wait_for

pytestmark = pytest.mark.kafka

ENTITIES, REVISIONS, MAX_IN_FLIGHT = 6, 12, 4


async def test_one_entity_in_order_several_in_parallel(hub_settings: Settings, topics: dict[str, str],
                                                       server: HTTPServer, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_VAR, SECRET)
    receiver = Receiver(server, delay_s=0.02)  # slow enough that deliveries overlap
    url = receiver.endpoint("/ordered")
    needs = [need(f"B-{i}") for i in range(ENTITIES)]
    updates = [status(n, revision=r, source=SOZIALAMT, new_status="partially_covered") for r in range(1, REVISIONS + 1) for n in needs]
    await produce_models(hub_settings, [*needs, *updates])
    config = sink_config(tmp_path / "webhook.yaml", [{"name": "ordered", "url": url}], max_in_flight=MAX_IN_FLIGHT)
    async with running(hub_settings, config) as task:
        await wait_for(task, counted(hub_settings, "ordered", delivered=len(updates)), "every delivery")

    revisions: dict[str, list[int]] = defaultdict(list)
    for got in receiver.at("/ordered"):
        revisions[got.body["data"]["entity_id"]].append(got.body["data"]["revision"])
    assert {entity: seen for entity, seen in revisions.items()} == {n.id: list(range(1, REVISIONS + 1)) for n in needs}
    assert 1 < receiver.max_active <= MAX_IN_FLIGHT
