"""The local broker: data survives a restart; a taken port or a broken data directory is a clear error."""

from __future__ import annotations

import asyncio
import socket

import pytest
from typer.testing import CliRunner

from hub.broker import LocalBroker
from hub.broker.ports import free_port_pair
from hub.cli.main import app
from hub.kafka.producer import EventProducer
from hub.kafka.reader import read_topic
from hub.topics.admin import apply_topics, describe_topics
from tests.support import broker_settings

pytestmark = pytest.mark.kafka
runner = CliRunner()


async def _read_all(bootstrap: str, topic: str) -> list[tuple[bytes, bytes]]:
    return [(r.key, r.value) for r in await read_topic(bootstrap, topic)]


def test_stop_then_start_keeps_topics_and_records(tmp_path):
    port = free_port_pair()
    settings = broker_settings(tmp_path, port)
    broker = LocalBroker(settings)
    broker.start()
    try:
        asyncio.run(apply_topics(broker.address, "keep"))

        async def produce() -> None:
            async with EventProducer(broker.address) as producer:
                for i in range(5):
                    await producer.send("keep.offers", f"v{i}".encode(), key=f"k{i}".encode())

        asyncio.run(produce())
        assert broker.stop() is True
        assert broker.status().running is False

        restarted = broker.start()
        assert restarted.running and restarted.answering
        states = asyncio.run(describe_topics(broker.address, ["keep.offers", "keep.needs"]))
        assert states["keep.offers"].partitions == 6
        records = asyncio.run(_read_all(broker.address, "keep.offers"))
        assert sorted(records) == [(f"k{i}".encode(), f"v{i}".encode()) for i in range(5)]
        # A second start while it runs changes nothing and reports the running broker.
        assert broker.start().pid == restarted.pid
    finally:
        broker.stop()


def test_start_on_a_taken_port_fails_with_a_clear_message(tmp_path):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        result = runner.invoke(app, ["broker", "start", "--port", str(port), "--data-dir", str(tmp_path / "b")])
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("damage", ["meta-without-ids", "data-without-meta", "file-instead-of-dir"])
def test_start_with_a_broken_data_directory_fails_with_a_clear_message(tmp_path, damage):
    data_dir = tmp_path / "broker"
    if damage == "file-instead-of-dir":
        data_dir.write_text("not a directory")
    else:
        logs = data_dir / "kraft-logs"
        logs.mkdir(parents=True)
        if damage == "meta-without-ids":
            (logs / "meta.properties").write_text("garbage\n")
        else:
            (logs / "koordinate.needs-0").mkdir()
    result = runner.invoke(app, ["broker", "start", "--port", str(free_port_pair()), "--data-dir", str(data_dir)])
    assert result.exit_code == 1
    assert str(data_dir) in result.output
    assert "broken" in result.output or "not a directory" in result.output
    assert "Traceback" not in result.output


def test_status_of_a_broker_that_is_not_running(tmp_path):
    result = runner.invoke(app, ["broker", "status", "--data-dir", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert "not running" in result.output
