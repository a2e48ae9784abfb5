"""A small structural JSON Schema of the Strimzi resources deploy/k8s uses (kafka.strimzi.io/v1beta2).

Written from the Strimzi 0.45-0.51 reference of Kafka, KafkaNodePool and KafkaTopic; it covers only the
fields these manifests use, and forbids unknown keys where they are, so a typo or a field of another API
version fails. The Kubernetes resources are checked against the real OpenAPI schemas (kubernetes-validate).
"""

from __future__ import annotations

from typing import Any

_CLUSTER_LABEL = {
    "type": "object",
    "required": ["labels"],
    "properties": {"labels": {"type": "object", "required": ["strimzi.io/cluster"]}},
}
_RESOURCES = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"requests": {"type": "object"}, "limits": {"type": "object"}},
}
_VOLUME = {
    "type": "object",
    "required": ["type"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer", "minimum": 0},
        "type": {"enum": ["ephemeral", "persistent-claim"]},
        "size": {"type": "string"},
        "class": {"type": "string"},
        "deleteClaim": {"type": "boolean"},
        "kraftMetadata": {"enum": ["shared"]},
    },
}


def _resource(kind: str, spec: dict[str, Any], metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "properties": {
            "apiVersion": {"const": "kafka.strimzi.io/v1beta2"},
            "kind": {"const": kind},
            "metadata": {"allOf": [{"type": "object", "required": ["name"]}, metadata or {}]},
            "spec": spec,
        },
    }


KAFKA = _resource("Kafka", {
    "type": "object",
    "required": ["kafka"],
    "additionalProperties": False,
    "properties": {
        "kafka": {
            "type": "object",
            "required": ["listeners"],
            "additionalProperties": False,
            "properties": {
                "version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
                "metadataVersion": {"type": "string"},
                "listeners": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["name", "port", "type", "tls"],
                        "additionalProperties": False,
                        "properties": {
                            "name": {"type": "string", "pattern": "^[a-z0-9]{1,11}$"},
                            "port": {"type": "integer", "minimum": 9092},
                            "type": {"enum": ["internal", "route", "loadbalancer", "nodeport", "ingress",
                                              "cluster-ip"]},
                            "tls": {"type": "boolean"},
                            "authentication": {"type": "object"},
                            "configuration": {"type": "object"},
                        },
                    },
                },
                "config": {"type": "object"},
                "authorization": {"type": "object"},
                "rack": {"type": "object"},
                "resources": _RESOURCES,
                "jvmOptions": {"type": "object"},
                "metricsConfig": {"type": "object"},
                "template": {"type": "object"},
            },
        },
        "entityOperator": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"topicOperator": {"type": "object"}, "userOperator": {"type": "object"},
                           "template": {"type": "object"}},
        },
        "cruiseControl": {"type": "object"},
        "kafkaExporter": {"type": "object"},
    },
})

KAFKA_NODE_POOL = _resource("KafkaNodePool", {
    "type": "object",
    "required": ["replicas", "roles", "storage"],
    "additionalProperties": False,
    "properties": {
        "replicas": {"type": "integer", "minimum": 0},
        "roles": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": ["controller", "broker"]}},
        "storage": {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"enum": ["ephemeral", "persistent-claim", "jbod"]},
                "volumes": {"type": "array", "minItems": 1, "items": _VOLUME},
            },
        },
        "resources": _RESOURCES,
        "jvmOptions": {"type": "object"},
        "template": {"type": "object"},
    },
}, _CLUSTER_LABEL)

KAFKA_TOPIC = _resource("KafkaTopic", {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "topicName": {"type": "string"},
        "partitions": {"type": "integer", "minimum": 1},
        "replicas": {"type": "integer", "minimum": 1, "maximum": 32767},
        "config": {"type": "object", "additionalProperties": {"type": ["string", "integer", "boolean", "number"]}},
    },
}, _CLUSTER_LABEL)

SCHEMAS = {"Kafka": KAFKA, "KafkaNodePool": KAFKA_NODE_POOL, "KafkaTopic": KAFKA_TOPIC}
