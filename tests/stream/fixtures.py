"""Real `koordinate worker` processes on the test's own topics, for the stream tests and the reliability suite."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from hub.settings import Settings
from hub.topics.admin import apply_topics
from tests.support import HubProcess, delete_topics_with_prefix, hub_environment


def _worker(settings: Settings, log_dir, name: str = "worker-1", **env: str) -> HubProcess:
    environment = hub_environment(settings, **{"KOORDINATE_WORKER__TICK_INTERVAL_S": "1",
                                               "KOORDINATE_WORKER__NAME": name, **env})
    return HubProcess(["worker"], environment, log_dir / f"{name}.log").start()


@pytest.fixture
def start_worker(hub_settings, hub_topics, tmp_path) -> Iterator:
    """Call it to start a worker process on this test's topics (again: a restart or a second worker)."""
    started: list[HubProcess] = []

    def start(name: str = "worker-1", **env: str) -> HubProcess:
        started.append(_worker(hub_settings, tmp_path, name, **env))
        return started[-1]

    yield start
    for process in started:
        process.stop()


@pytest.fixture(scope="module")
async def shared_hub(kafka, tmp_path_factory):
    """One worker for a whole module: tests tell their data apart by entity ids (saves a start per test)."""
    home = tmp_path_factory.mktemp("shared-hub")
    settings = Settings(bootstrap_servers=kafka.bootstrap_servers, topic_prefix=f"m{uuid.uuid4().hex[:10]}", home=home)
    await apply_topics(settings.bootstrap_servers, settings.topic_prefix)
    worker = _worker(settings, home)
    yield settings, worker
    worker.stop()
    await delete_topics_with_prefix(settings.bootstrap_servers, settings.topic_prefix)
