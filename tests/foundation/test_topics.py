"""`koordinate topics`: apply creates what is missing, is idempotent, and reports drift without touching data."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from aiokafka.admin import NewTopic
from typer.testing import CliRunner

from hub.cli.main import app
from hub.kafka.cluster import admin_client
from hub.topics.spec import hub_topics

pytestmark = pytest.mark.kafka
runner = CliRunner()


def _env(settings) -> dict[str, str]:
    return {"KOORDINATE_BOOTSTRAP_SERVERS": settings.bootstrap_servers,
            "KOORDINATE_TOPIC_PREFIX": settings.topic_prefix}


def test_apply_twice_creates_every_topic_then_changes_nothing(hub_settings):
    first = runner.invoke(app, ["topics", "apply"], env=_env(hub_settings))
    assert first.exit_code == 0, first.output
    # the worker's area stream and table changelogs too: nothing may subscribe to a topic that is not there
    assert f"created {len(hub_topics())} topics, 0 already existed" in first.output
    for spec in hub_topics():
        assert f"created {spec.name(hub_settings.topic_prefix)}" in first.output
    assert f"created {hub_settings.topic_prefix}.worker.by-area" in first.output

    second = runner.invoke(app, ["topics", "apply"], env=_env(hub_settings))
    assert second.exit_code == 0, second.output
    assert "nothing to change" in second.output
    assert "created" not in second.output

    listing = runner.invoke(app, ["topics", "list"], env={**_env(hub_settings), "COLUMNS": "200"})
    assert listing.exit_code == 0, listing.output
    for spec in hub_topics():
        line = next(l for l in listing.output.splitlines() if f" {spec.name(hub_settings.topic_prefix)} " in l)
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        assert cells[1] == str(spec.partitions)
        assert cells[3] == spec.cleanup_policy
        assert cells[5] == "ok"


async def test_drift_is_reported_and_left_alone(hub_settings):
    needs = f"{hub_settings.topic_prefix}.needs"
    async with admin_client(hub_settings.bootstrap_servers) as admin:
        await admin.create_topics([NewTopic(needs, 2, 1, topic_configs={"cleanup.policy": "delete"})])

    # The CLI runs its own event loop, so it gets a thread of its own here.
    result = await asyncio.to_thread(runner.invoke, app, ["topics", "apply"], env=_env(hub_settings))
    assert result.exit_code == 0, result.output
    assert f"drift {needs}: partitions: spec 6, cluster 2" in result.output
    assert f"drift {needs}: cleanup.policy: spec compact, cluster delete" in result.output
    assert f"created {needs}" not in result.output
    async with admin_client(hub_settings.bootstrap_servers) as admin:
        described = await admin.describe_topics([needs])
    assert len(described[0]["partitions"]) == 2  # nothing destroyed or repartitioned


def test_unreachable_broker_is_one_line_and_exit_1():
    from hub.broker.ports import free_port_pair

    env = {"KOORDINATE_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port_pair()}", "KOORDINATE_REQUEST_TIMEOUT_S": "2"}
    result = runner.invoke(app, ["topics", "list"], env=env)
    assert result.exit_code == 1
    assert "no Kafka broker answers at 127.0.0.1:" in result.output
    assert "Traceback" not in result.output


def test_render_strimzi_has_one_kafkatopic_per_spec_topic():
    result = runner.invoke(app, ["topics", "render", "--format", "strimzi", "--namespace", "hub"],
                           env={"KOORDINATE_REPLICATION_FACTOR": "3"})
    assert result.exit_code == 0, result.output
    resources = list(yaml.safe_load_all(result.output))
    assert [r["spec"]["topicName"] for r in resources] == [s.name("koordinate") for s in hub_topics()]
    assert {r["kind"] for r in resources} == {"KafkaTopic"}
    assert all(r["spec"]["replicas"] == 3 and r["metadata"]["namespace"] == "hub" for r in resources)
    compacted = {r["spec"]["topicName"] for r in resources if r["spec"]["config"]["cleanup.policy"] == "compact"}
    assert "koordinate.connect-offsets" in compacted and "koordinate.matches" not in compacted
