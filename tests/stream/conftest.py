"""A real `koordinate worker` process per test, on the test's own topics."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support import HubProcess, hub_environment


@pytest.fixture
def start_worker(hub_settings, hub_topics, tmp_path) -> Iterator:
    """Call it to start a worker process (several calls: several workers, or a restart)."""
    started: list[HubProcess] = []

    def start(name: str = "worker-1", **env: str) -> HubProcess:
        environment = hub_environment(hub_settings, KOORDINATE_WORKER__TICK_INTERVAL_S="1",
                                      KOORDINATE_WORKER__NAME=name, **env)
        process = HubProcess(["worker"], environment, tmp_path / f"{name}.log").start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
