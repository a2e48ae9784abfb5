"""Applies the topic spec to a cluster: creates what is missing, reports drift, never deletes data."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiokafka.admin import NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from hub.errors import BrokerUnavailable, PermanentError
from hub.kafka.cluster import admin_client
from hub.settings import Settings
from hub.topics.spec import TOPICS, TopicSpec, hub_topics


@dataclass(frozen=True)
class TopicState:
    """A topic as the cluster holds it."""

    name: str
    partitions: int
    replication_factor: int
    configs: dict[str, str]


@dataclass
class ApplyReport:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    drift: dict[str, list[str]] = field(default_factory=dict)

    @property
    def changed_nothing(self) -> bool:
        return not self.created


def drift_of(spec: TopicSpec, state: TopicState, replication_factor: int) -> list[str]:
    """What differs between the spec and the cluster, one readable line each."""
    problems = []
    if state.partitions != spec.partitions:
        problems.append(f"partitions: spec {spec.partitions}, cluster {state.partitions}")
    if state.replication_factor != replication_factor:
        problems.append(f"replication factor: spec {replication_factor}, cluster {state.replication_factor}")
    for key, wanted in spec.configs().items():
        actual = state.configs.get(key)
        if actual != wanted:
            problems.append(f"{key}: spec {wanted}, cluster {actual}")
    return problems


async def describe_topics(bootstrap_servers: str, names: list[str], timeout_s: float = 10.0) -> dict[str, TopicState]:
    """The state of those of `names` that exist on the cluster."""
    async with admin_client(bootstrap_servers, timeout_s) as admin:
        described = [t for t in await admin.describe_topics(names) if t["error_code"] == 0]
        if not described:
            return {}
        configs = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, t["topic"]) for t in described]
        )
    config_by_topic: dict[str, dict[str, str]] = {}
    for response in configs:
        for resource in response.resources:
            _, _, _, name, entries = resource[:5]
            config_by_topic[name] = {entry[0]: entry[1] for entry in entries}
    states = {}
    for topic in described:
        partitions = topic["partitions"]
        replicas = len(partitions[0]["replicas"]) if partitions else 0
        states[topic["topic"]] = TopicState(
            topic["topic"], len(partitions), replicas, config_by_topic.get(topic["topic"], {})
        )
    return states


async def apply_topics(
    bootstrap_servers: str, prefix: str, replication_factor: int = 1,
    specs: tuple[TopicSpec, ...] = TOPICS, timeout_s: float = 10.0,
) -> ApplyReport:
    """Create the missing topics of the spec; report drift of existing ones without touching them."""
    report = ApplyReport()
    names = {spec.name(prefix): spec for spec in specs}
    states = await describe_topics(bootstrap_servers, list(names), timeout_s)
    missing = [spec for name, spec in names.items() if name not in states]
    if missing:
        async with admin_client(bootstrap_servers, timeout_s) as admin:
            try:
                response = await admin.create_topics(
                    [NewTopic(s.name(prefix), s.partitions, replication_factor, topic_configs=s.configs())
                     for s in missing],
                    timeout_ms=int(timeout_s * 1000),
                )
            except KafkaError as exc:
                raise BrokerUnavailable(f"creating topics failed: {exc}") from exc
        raced = []
        for name, code, *message in response.topic_errors:
            if code == TopicAlreadyExistsError.errno:
                raced.append(name)  # created since we looked (another process, or metadata lag)
            elif code != 0:
                raise PermanentError(f"creating topic {name} failed: {message[0] if message else code}")
            else:
                report.created.append(name)
        await _wait_for_leaders(bootstrap_servers, report.created, timeout_s)
        for _ in range(20):  # a topic created a moment ago reaches the metadata a moment later
            if not raced:
                break
            found = await describe_topics(bootstrap_servers, raced, timeout_s)
            states.update(found)
            raced = [name for name in raced if name not in found]
            await asyncio.sleep(0.25)
    for name, state in states.items():
        problems = drift_of(names[name], state, replication_factor)
        if problems:
            report.drift[name] = problems
        else:
            report.unchanged.append(name)
    return report


async def apply_hub_topics(settings: Settings) -> ApplyReport:
    """Create every topic the hub needs, the worker's own included, with the settings' partitions."""
    return await apply_topics(settings.bootstrap_servers, settings.topic_prefix, settings.replication_factor,
                              specs=hub_topics(settings.worker.partitions), timeout_s=settings.request_timeout_s)


async def _wait_for_leaders(bootstrap_servers: str, names: list[str], timeout_s: float) -> None:
    """Wait until every partition of freshly created topics has a leader (bounded by `timeout_s`).

    Without it the first records written right after `apply` meet NotLeaderForPartition and wait
    in the producer's retry loop instead.
    """
    if not names:
        return
    deadline = asyncio.get_running_loop().time() + timeout_s
    async with admin_client(bootstrap_servers, timeout_s) as admin:
        while asyncio.get_running_loop().time() < deadline:
            if led_topics(await admin.describe_topics(names)) >= set(names):
                return
            await asyncio.sleep(0.1)


def led_topics(described: list[dict[str, Any]]) -> set[str]:
    """Of the topics in a describe_topics answer, those that exist with a leader for every partition."""
    return {t["topic"] for t in described
            if t["error_code"] == 0 and t["partitions"] and all(p["leader"] >= 0 for p in t["partitions"])}
