"""Test harness: one real Kafka broker for the whole run, started through the hub's own code.

Each test gets its own topic prefix, so tests never see each other's records. Set
KOORDINATE_TEST_BOOTSTRAP=host:port to run against a broker that is already up instead.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import structlog

from hub.broker import LocalBroker
from hub.broker.ports import free_port_pair
from hub.errors import BrokerError
from hub.kafka.cluster import admin_client
from hub.settings import Settings
from hub.topics.admin import apply_topics
from hub.topics.spec import TOPICS
from tests.support import broker_settings, delete_topics_with_prefix, wait_until


@pytest.fixture(autouse=True)
def _logging_restored() -> Iterator[None]:
    """A test that configures logging (`hub.logs.configure_logging`) leaves the next one the defaults:
    tests that read a CLI's output expect the format it would have on its own."""
    config = structlog.get_config()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quieted = {name: logging.getLogger(name).level for name in ("aiokafka", "kafka", "httpx", "httpcore")}
    yield
    structlog.configure(**config)
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, previous in quieted.items():
        logging.getLogger(name).setLevel(previous)


def _started_broker(tmp_path_factory: pytest.TempPathFactory, attempts: int = 3) -> LocalBroker:
    """A broker on free ports; another process may take a port between the probe and the bind, so a
    start that fails on a port in use is tried again on other ports."""
    for attempt in range(1, attempts + 1):
        broker = LocalBroker(broker_settings(tmp_path_factory.mktemp("kafka-home"), free_port_pair()))
        try:
            broker.start()
            return broker
        except BrokerError as exc:
            if "Address already in use" not in str(exc) or attempt == attempts:
                raise
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class KafkaUnderTest:
    bootstrap_servers: str


@pytest.fixture(scope="session")
def kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaUnderTest]:
    """The real broker shared by the whole run."""
    external = os.environ.get("KOORDINATE_TEST_BOOTSTRAP")
    if external:
        yield KafkaUnderTest(external)
        return
    broker = _started_broker(tmp_path_factory)
    try:
        yield KafkaUnderTest(broker.address)
    finally:
        broker.stop()


@pytest.fixture
def topic_prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def hub_settings(kafka: KafkaUnderTest, topic_prefix: str, tmp_path: Path) -> AsyncIterator[Settings]:
    """Settings of a hub whose topics are private to this test (deleted after it)."""
    yield Settings(bootstrap_servers=kafka.bootstrap_servers, topic_prefix=topic_prefix, home=tmp_path)
    await delete_topics_with_prefix(kafka.bootstrap_servers, topic_prefix)


@pytest.fixture
async def hub_topics(hub_settings: Settings) -> dict[str, str]:
    """Creates every topic of the spec under the test's prefix; maps suffix -> full topic name."""
    await apply_topics(hub_settings.bootstrap_servers, hub_settings.topic_prefix)
    return {spec.suffix: spec.name(hub_settings.topic_prefix) for spec in TOPICS}


@pytest.fixture
async def topics(hub_settings: Settings, hub_topics: dict[str, str]) -> dict[str, str]:
    """`hub_topics`, once every topic shows in the broker's metadata (creation returns a little earlier)."""
    async with admin_client(hub_settings.bootstrap_servers) as admin:

        async def all_listed() -> bool:
            return not set(hub_topics.values()) - set(await admin.list_topics())

        await wait_until(all_listed, 30, "the topics in the metadata", interval_s=0.1)
    return hub_topics
