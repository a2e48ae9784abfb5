"""deploy/k8s: Kubernetes resources against the real OpenAPI schemas, offline, and against the hub itself.

Kubernetes kinds are validated with kubernetes-validate (a PyPI package that bundles the Kubernetes JSON
schemas; no cluster, no download). Strimzi kinds are checked against a small structural schema
(tests/deploy/strimzi_schema.py). Commands, settings, probes, selectors and references are checked
against the real CLI, settings classes, HTTP routes and the topic spec.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from kubernetes_validate.utils import all_versions
from typer.testing import CliRunner

from connectors.registry import load_config
from hub.api.app import create_app as _unused  # noqa: F401  (the API's routes must import)
from hub.api.routes_ops import router as api_ops
from hub.cli.main import app as koordinate_app
from hub.gateway.routes import router as gateway_routes
from hub.gateway.tokens import load_tokens
from hub.settings import Settings
from hub.topics.spec import TOPICS, hub_topics, topic
from tests.deploy.cli_check import assert_real_command, assert_real_setting, koordinate_args
from tests.deploy.strimzi_schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
STRIMZI_GROUP = "kafka.strimzi.io/"
# the oldest Kubernetes that Strimzi 0.51 runs on, and the newest schemas kubernetes-validate bundles
KUBERNETES_VERSIONS = ("1.27.0", all_versions()[-1])


def kustomization() -> dict[str, Any]:
    return yaml.safe_load((K8S / "kustomization.yaml").read_text())


def load_resources() -> list[dict[str, Any]]:
    resources = []
    for name in kustomization()["resources"]:
        resources.extend(doc for doc in yaml.safe_load_all((K8S / name).read_text()) if doc)
    return resources


RESOURCES = load_resources()


def by_kind(kind: str) -> list[dict[str, Any]]:
    return [r for r in RESOURCES if r["kind"] == kind]


def named(kind: str, name: str) -> dict[str, Any]:
    [found] = [r for r in by_kind(kind) if r["metadata"]["name"] == name]
    return found


def workloads() -> list[dict[str, Any]]:
    return [r for r in RESOURCES if r["kind"] in ("Deployment", "StatefulSet")]


def containers() -> Iterator[tuple[str, dict[str, Any]]]:
    for workload in workloads():
        for container in workload["spec"]["template"]["spec"]["containers"]:
            yield workload["metadata"]["name"], container


def _id(resource: dict[str, Any]) -> str:
    return f"{resource['kind']}/{resource['metadata']['name']}"


# --- schemas -------------------------------------------------------------------------------------


def test_kustomization_lists_every_manifest_and_generates_the_connector_configs() -> None:
    k = kustomization()
    assert k["namespace"] == "koordinate"
    assert sorted(k["resources"]) == sorted(p.name for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")
    [generator] = k["configMapGenerator"]
    assert generator["name"] == "koordinate-connectors"
    assert sorted(generator["files"]) == sorted(f"connectors/{p.name}" for p in (K8S / "connectors").glob("*.yaml"))
    for file in generator["files"]:
        load_config(K8S / file)  # a real connector config: kind, mapping and options validate


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("resource", [r for r in RESOURCES if not r["apiVersion"].startswith(STRIMZI_GROUP)], ids=_id)
def test_kubernetes_resources_match_the_openapi_schema(resource: dict[str, Any], version: str) -> None:
    kubernetes_validate.validate(resource, version, strict=True)  # strict: unknown fields fail too


@pytest.mark.parametrize("resource", [r for r in RESOURCES if r["apiVersion"].startswith(STRIMZI_GROUP)], ids=_id)
def test_strimzi_resources_match_their_structure(resource: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(SCHEMAS[resource["kind"]]).validate(resource)


def test_the_strimzi_schema_rejects_mistakes() -> None:
    kafka = named("Kafka", "koordinate")
    broken = {**kafka, "spec": {**kafka["spec"], "kafka": {**kafka["spec"]["kafka"], "replicas": 3}}}
    with pytest.raises(jsonschema.ValidationError):  # replicas belong to the node pool in KRaft
        jsonschema.Draft202012Validator(SCHEMAS["Kafka"]).validate(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMAS["KafkaTopic"]).validate({**by_kind("KafkaTopic")[0], "apiVersion": "kafka.strimzi.io/v1beta1"})


def test_kubectl_kustomize_builds_when_kubectl_is_there() -> None:
    if shutil.which("kubectl") is None:
        pytest.skip("kubectl is not installed; the resources are validated one by one above")
    built = subprocess.run(["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, check=True).stdout
    docs = [d for d in yaml.safe_load_all(built) if d]
    assert len(docs) == len(RESOURCES) + 1  # + the generated connector ConfigMap
    assert all(d["metadata"].get("namespace") == "koordinate" for d in docs if d["kind"] != "Namespace")


# --- Kafka and topics ----------------------------------------------------------------------------


def test_kraft_cluster_of_three_nodes_replicates_everything() -> None:
    kafka = named("Kafka", "koordinate")
    [pool] = by_kind("KafkaNodePool")
    assert pool["metadata"]["labels"]["strimzi.io/cluster"] == "koordinate"
    assert pool["spec"]["replicas"] == 3 and sorted(pool["spec"]["roles"]) == ["broker", "controller"]
    config = kafka["spec"]["kafka"]["config"]
    assert config["default.replication.factor"] == 3 and config["min.insync.replicas"] == 2
    assert config["offsets.topic.replication.factor"] == 3 and config["transaction.state.log.min.isr"] == 2
    assert re.fullmatch(r"4\.\d+\.\d+", kafka["spec"]["kafka"]["version"])
    bootstrap = named("ConfigMap", "koordinate-settings")["data"]["KOORDINATE_BOOTSTRAP_SERVERS"]
    plain = next(listener for listener in kafka["spec"]["kafka"]["listeners"] if not listener["tls"])
    assert bootstrap == f"koordinate-kafka-bootstrap:{plain['port']}"  # Strimzi's bootstrap Service


def test_checked_in_kafka_topics_are_rendered_from_the_current_spec() -> None:
    result = CliRunner().invoke(koordinate_app, ["topics", "render", "--format", "strimzi"], env={
        "KOORDINATE_REPLICATION_FACTOR": "3", "KOORDINATE_TOPIC_PREFIX": "koordinate", "KOORDINATE_CONFIG": None})
    assert result.exit_code == 0, result.output
    assert (K8S / "topics.yaml").read_text() == result.output, (
        "deploy/k8s/topics.yaml is stale: KOORDINATE_REPLICATION_FACTOR=3 koordinate topics render "
        "--format strimzi > deploy/k8s/topics.yaml")
    # the worker's own topics too: with the topic operator in charge, nothing else should create them
    assert {t["spec"]["topicName"] for t in by_kind("KafkaTopic")} == {spec.name("koordinate") for spec in hub_topics()}
    assert {spec.name("koordinate") for spec in TOPICS} < {t["spec"]["topicName"] for t in by_kind("KafkaTopic")}
    assert all(t["spec"]["replicas"] == 3 for t in by_kind("KafkaTopic"))


# --- hub processes -------------------------------------------------------------------------------


def test_every_container_runs_a_real_command() -> None:
    paths = {}
    for workload, container in containers():
        args = koordinate_args(container["command"]) if "command" in container else container["args"]
        paths[workload] = assert_real_command(args, workload)
    assert paths == {"koordinate-worker": ["worker"], "koordinate-gateway": ["gateway"], "koordinate-api": ["api"],
                     "koordinate-connect": ["connect", "run"]}


def test_every_koordinate_variable_is_a_real_setting() -> None:
    names = set(named("ConfigMap", "koordinate-settings")["data"])
    names |= {e["name"] for _, c in containers() for e in c.get("env", [])}
    assert names >= {"KOORDINATE_BOOTSTRAP_SERVERS", "KOORDINATE_REPLICATION_FACTOR", "KOORDINATE_WORKER__NAME"}
    for name in names:
        assert_real_setting(name, "deploy/k8s")
    Settings(**{k.removeprefix("KOORDINATE_").lower(): v
                for k, v in named("ConfigMap", "koordinate-settings")["data"].items()})


def test_workers_are_a_stateful_set_within_the_area_partitions() -> None:
    worker = named("StatefulSet", "koordinate-worker")
    partitions = Settings().worker.partitions  # the area stream's partitions (KOORDINATE_WORKER__PARTITIONS)
    assert "KOORDINATE_WORKER__PARTITIONS" not in named("ConfigMap", "koordinate-settings")["data"]
    assert 1 <= worker["spec"]["replicas"] <= partitions == 6
    assert worker["spec"]["replicas"] <= topic("needs").partitions
    [container] = worker["spec"]["template"]["spec"]["containers"]
    [name_env] = [e for e in container["env"] if e["name"] == "KOORDINATE_WORKER__NAME"]
    assert name_env["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"  # stable: koordinate-worker-N
    [claim] = worker["spec"]["volumeClaimTemplates"]
    assert {"name": claim["metadata"]["name"], "mountPath": "/var/lib/koordinate"} in container["volumeMounts"]
    assert named("ConfigMap", "koordinate-settings")["data"]["KOORDINATE_HOME"] == "/var/lib/koordinate"
    assert named("Service", worker["spec"]["serviceName"])["spec"]["clusterIP"] == "None"


@pytest.mark.parametrize(("name", "routes"), [("koordinate-gateway", gateway_routes), ("koordinate-api", api_ops)])
def test_gateway_and_api_probe_routes_that_exist(name: str, routes: Any) -> None:
    [container] = named("Deployment", name)["spec"]["template"]["spec"]["containers"]
    paths = {route.path for route in routes.routes}
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz" in paths
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz" in paths
    port = container["readinessProbe"]["httpGet"]["port"]
    [declared] = [p for p in container["ports"] if p["name"] == port]
    prefix = "KOORDINATE_GATEWAY_" if "gateway" in name else "KOORDINATE_API_"
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env[prefix + "PORT"] == str(declared["containerPort"]) and env[prefix + "HOST"] == "0.0.0.0"


def test_every_container_has_resources_and_runs_as_non_root() -> None:
    for workload, container in containers():
        assert container["resources"]["requests"].keys() >= {"cpu", "memory"}, workload
        assert "memory" in container["resources"]["limits"], workload
        assert container["securityContext"]["allowPrivilegeEscalation"] is False, workload
    for workload in workloads():
        assert workload["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_selectors_services_and_disruption_budgets_find_their_pods() -> None:
    pods = {w["metadata"]["name"]: (w["spec"]["template"]["metadata"]["labels"], w) for w in workloads()}
    for w in workloads():
        assert w["spec"]["selector"]["matchLabels"].items() <= w["spec"]["template"]["metadata"]["labels"].items()

    def selected(selector: dict[str, str]) -> list[str]:
        return [name for name, (labels, _) in pods.items() if selector.items() <= labels.items()]

    for service in by_kind("Service"):
        [target] = selected(service["spec"]["selector"])
        port_names = {p["name"] for c in pods[target][1]["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])}
        assert all(p["targetPort"] in port_names for p in service["spec"]["ports"]), service["metadata"]["name"]
    budgets = {pdb["metadata"]["name"]: selected(pdb["spec"]["selector"]["matchLabels"]) for pdb in by_kind("PodDisruptionBudget")}
    assert budgets == {"koordinate-worker": ["koordinate-worker"], "koordinate-gateway": ["koordinate-gateway"]}
    assert named("Deployment", "koordinate-gateway")["spec"]["replicas"] > named("PodDisruptionBudget", "koordinate-gateway")["spec"]["minAvailable"]


def test_volumes_refer_to_resources_that_exist() -> None:
    secrets = {s["metadata"]["name"] for s in by_kind("Secret")}
    claims = {c["metadata"]["name"] for c in by_kind("PersistentVolumeClaim")}
    config_maps = {c["metadata"]["name"] for c in by_kind("ConfigMap")} | {"koordinate-connectors"}
    for workload in workloads():
        spec = workload["spec"]["template"]["spec"]
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        templates = {c["metadata"]["name"] for c in workload["spec"].get("volumeClaimTemplates", [])}
        for container in spec["containers"]:
            for mount in container.get("volumeMounts", []):
                assert mount["name"] in volumes or mount["name"] in templates, (workload["metadata"]["name"], mount)
            for source in container.get("envFrom", []):
                ref = source.get("configMapRef") or source.get("secretRef")
                assert ref["name"] in config_maps | secrets or ref.get("optional"), ref
        for volume in volumes.values():
            if "secret" in volume:
                assert volume["secret"]["secretName"] in secrets
            if "persistentVolumeClaim" in volume:
                assert volume["persistentVolumeClaim"]["claimName"] in claims
            if "configMap" in volume:
                assert volume["configMap"]["name"] in config_maps


def test_tokens_secret_is_a_valid_tokens_file_with_placeholder_hashes(tmp_path: Path) -> None:
    secret = named("Secret", "koordinate-gateway-tokens")
    [(key, text)] = secret["stringData"].items()
    (tmp_path / key).write_text(text)
    assert len(load_tokens(tmp_path / key)) == 2
    for _, container in containers():
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        for variable in ("KOORDINATE_GATEWAY_TOKENS_FILE", "KOORDINATE_API_TOKENS_FILE"):
            if variable in env:
                mount = next(m for m in container["volumeMounts"] if env[variable].startswith(m["mountPath"] + "/"))
                assert env[variable] == f"{mount['mountPath']}/{key}"


def test_connect_reads_the_generated_connector_configs() -> None:
    spec = named("Deployment", "koordinate-connect")["spec"]
    assert spec["replicas"] == 1
    [container] = spec["template"]["spec"]["containers"]
    [glob] = [a for a in koordinate_args(container["command"]) if "*" in a]
    mount = next(m for m in container["volumeMounts"] if glob.startswith(m["mountPath"] + "/"))
    volumes = {v["name"]: v for v in spec["template"]["spec"]["volumes"]}
    assert volumes[mount["name"]]["configMap"]["name"] == "koordinate-connectors"
    inbox = next(m for m in container["volumeMounts"] if m["name"] == "inbox")["mountPath"]
    csv = load_config(K8S / "connectors" / "sozialamt-bedarfe.yaml")
    assert str(csv.path).startswith(inbox + "/")  # the CSV export lands in the inbox volume
