"""Renders the topic spec as Strimzi KafkaTopic resources for Kubernetes."""

from __future__ import annotations

from typing import Any

import yaml

from hub.topics.spec import TOPICS, TopicSpec, hub_topics


def kafka_topic_resources(
    prefix: str, replication_factor: int, cluster: str = "koordinate", namespace: str | None = None,
    specs: tuple[TopicSpec, ...] = TOPICS,
) -> list[dict[str, Any]]:
    resources = []
    for spec in specs:
        metadata: dict[str, Any] = {
            # Kubernetes names allow no '_' and no upper case; the real topic name goes in spec.topicName.
            "name": spec.name(prefix).replace("_", "-").replace(".", "-").lower(),
            "labels": {"strimzi.io/cluster": cluster, "app.kubernetes.io/part-of": "koordinate"},
        }
        if namespace:
            metadata["namespace"] = namespace
        resources.append({
            "apiVersion": "kafka.strimzi.io/v1beta2",
            "kind": "KafkaTopic",
            "metadata": metadata,
            "spec": {
                "topicName": spec.name(prefix),
                "partitions": spec.partitions,
                "replicas": replication_factor,
                "config": dict(spec.configs()),
            },
        })
    return resources


def render_strimzi(prefix: str, replication_factor: int, cluster: str = "koordinate", namespace: str | None = None,
                   worker_partitions: int = 6) -> str:
    """Every topic of the hub, the worker's own included, so the topic operator owns them all."""
    return yaml.safe_dump_all(
        kafka_topic_resources(prefix, replication_factor, cluster, namespace, hub_topics(worker_partitions)),
        sort_keys=False,
    )
