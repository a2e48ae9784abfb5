"""deploy/compose: the compose file checked statically against the real CLI, settings and topic spec.

`docker compose config` (deploy/compose/validate.sh) checks the file against the Compose spec where
Compose v2 exists; these tests need no Docker: every command is a real `koordinate` command with real
options, every KOORDINATE_* variable a real setting with a valid value, the start order holds, and the
cluster is replicated (3 KRaft nodes, replication factor 3, min.insync.replicas 2).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from hub.api.settings import ApiSettings
from hub.gateway.settings import GatewaySettings
from hub.gateway.tokens import load_tokens
from hub.settings import Settings, load_settings
from tests.deploy.cli_check import assert_real_command, assert_real_setting, koordinate_args, resolve, setting_exists

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_DIR = ROOT / "deploy" / "compose"
COMPOSE_FILE = COMPOSE_DIR / "compose.yaml"
DOCKERFILE = ROOT / "deploy" / "docker" / "Dockerfile"
KAFKA_NODES = ("kafka-1", "kafka-2", "kafka-3")
HUB_SERVICES = ("topics", "worker", "connect", "gateway", "api")
_INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}")


def interpolate(value: Any, environ: dict[str, str] | None = None) -> Any:
    """Compose's `${VAR:-default}` with the defaults (or `environ`), as `docker compose config` would."""
    env = environ or {}
    if isinstance(value, str):
        return _INTERPOLATION.sub(lambda m: env.get(m[1], m[2] or ""), value).replace("$$", "$")
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return interpolate(yaml.safe_load(COMPOSE_FILE.read_text()))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def service_args(service: dict[str, Any]) -> list[str]:
    return koordinate_args(service["command"])


def env_of(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    assert isinstance(env, dict), "environment as a mapping"
    return {k: str(v) for k, v in env.items()}


# --- Kafka ---------------------------------------------------------------------------------------


def test_three_kraft_nodes_replicate_everything(services: dict[str, dict[str, Any]]) -> None:
    ids, cluster_ids = set(), set()
    for name in KAFKA_NODES:
        node = services[name]
        env = env_of(node)
        assert re.fullmatch(r"apache/kafka:4\.\d+\.\d+", node["image"]), node["image"]
        assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"  # combined mode
        assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093"
        assert env["KAFKA_ADVERTISED_LISTENERS"] == f"PLAINTEXT://{name}:9092"
        assert env["KAFKA_DEFAULT_REPLICATION_FACTOR"] == "3" and env["KAFKA_MIN_INSYNC_REPLICAS"] == "2"
        assert env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == "3"
        assert env["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] == "3"
        assert env["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] == "2"
        assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
        assert "healthcheck" in node and node["volumes"][0].startswith(f"{name}:")
        ids.add(env["KAFKA_NODE_ID"])
        cluster_ids.add(env["CLUSTER_ID"])
    assert ids == {"1", "2", "3"}
    [cluster_id] = cluster_ids
    import base64
    assert len(base64.urlsafe_b64decode(cluster_id + "==")) == 16  # a Kafka Uuid


def test_hub_talks_to_all_three_brokers_with_replication_three(services: dict[str, dict[str, Any]]) -> None:
    for name in HUB_SERVICES:
        env = env_of(services[name])
        assert env["KOORDINATE_BOOTSTRAP_SERVERS"] == ",".join(f"{n}:9092" for n in KAFKA_NODES)
        assert env["KOORDINATE_REPLICATION_FACTOR"] == "3"


# --- commands and settings -----------------------------------------------------------------------


@pytest.mark.parametrize("name", HUB_SERVICES)
def test_every_command_exists_in_the_cli_with_its_options(services: dict[str, dict[str, Any]], name: str) -> None:
    assert_real_command(service_args(services[name]), name)


def test_the_expected_commands_run(services: dict[str, dict[str, Any]]) -> None:
    paths = {name: resolve(service_args(services[name]))[0] for name in HUB_SERVICES}
    assert paths == {"topics": ["topics", "apply"], "worker": ["worker"], "connect": ["connect", "run"],
                     "gateway": ["gateway"], "api": ["api"]}
    assert resolve(service_args(services["connect"]))[2] == ["/config/connectors/*.yaml"]


@pytest.mark.parametrize("name", HUB_SERVICES)
def test_koordinate_variables_are_real_settings_with_valid_values(
        services: dict[str, dict[str, Any]], name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    env = env_of(services[name])
    for variable in env:
        if variable.startswith("KOORDINATE_"):
            assert_real_setting(variable, name)
    for variable in list(os.environ):
        if variable.startswith("KOORDINATE_"):
            monkeypatch.delenv(variable)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    settings = load_settings()
    assert settings.replication_factor == 3
    GatewaySettings()
    ApiSettings()


def test_entrypoint_names_each_worker_after_its_hostname(tmp_path: Path) -> None:
    # KOORDINATE_WORKER__NAME must be a real setting, and the entrypoint must fill it from the hostname
    assert setting_exists(Settings, "worker__name")
    fake = tmp_path / "koordinate"
    fake.write_text('#!/bin/sh\necho "name=$KOORDINATE_WORKER__NAME args=$*"\n')
    fake.chmod(0o755)
    entrypoint = ROOT / "deploy" / "docker" / "entrypoint.sh"
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin"}
    out = subprocess.run(["sh", str(entrypoint), "worker", "--metrics-port", "9100"], env=env,
                         capture_output=True, text=True, check=True).stdout
    hostname = subprocess.run(["hostname"], capture_output=True, text=True, check=True).stdout.strip()
    assert out.strip() == f"name={hostname} args=worker --metrics-port 9100"
    Settings(worker={"name": hostname})  # a hostname is a valid worker name
    named = subprocess.run(["sh", str(entrypoint), "worker"], env={**env, "KOORDINATE_WORKER__NAME": "w7"},
                           capture_output=True, text=True, check=True).stdout
    assert named.startswith("name=w7 ")


# --- order, scaling, files -----------------------------------------------------------------------


def test_start_order_kafka_then_topics_then_the_hub(services: dict[str, dict[str, Any]]) -> None:
    topics = services["topics"]
    assert topics["restart"] == "no"
    assert topics["depends_on"] == {n: {"condition": "service_healthy"} for n in KAFKA_NODES}
    for name in ("worker", "connect", "gateway", "api"):
        assert services[name]["depends_on"]["topics"] == {"condition": "service_completed_successfully"}, name
    assert services["api"]["depends_on"]["postgres"] == {"condition": "service_healthy", "required": False}
    assert services["postgres"]["profiles"] == ["postgres"] and "healthcheck" in services["postgres"]
    assert all("profiles" not in services[n] for n in (*KAFKA_NODES, *HUB_SERVICES))


def test_workers_scale_within_the_area_partitions(services: dict[str, dict[str, Any]]) -> None:
    worker = services["worker"]
    assert 1 <= worker["deploy"]["replicas"] <= Settings().worker.partitions
    # nothing that two replicas could not share
    for fixed in ("container_name", "hostname", "ports"):
        assert fixed not in worker, f"worker sets {fixed}: `--scale worker=3` would clash"
    assert "KOORDINATE_WORKER__NAME" not in env_of(worker)  # each replica: its hostname (entrypoint)


def test_gateway_and_api_listen_beyond_localhost_and_share_the_tokens_file(services: dict[str, dict[str, Any]]) -> None:
    gateway, api = env_of(services["gateway"]), env_of(services["api"])
    assert gateway["KOORDINATE_GATEWAY_HOST"] == "0.0.0.0" and api["KOORDINATE_API_HOST"] == "0.0.0.0"
    assert gateway["KOORDINATE_GATEWAY_TOKENS_FILE"] == api["KOORDINATE_API_TOKENS_FILE"]
    for name in ("gateway", "api"):
        assert "/readyz" in " ".join(services[name]["healthcheck"]["test"])


def test_postgres_url_reaches_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql://koordinate:koordinate@postgres:5432/koordinate"
    api = interpolate(yaml.safe_load(COMPOSE_FILE.read_text()), {"KOORDINATE_API_DATABASE_URL": url})["services"]["api"]
    monkeypatch.setenv("KOORDINATE_API_DATABASE_URL", env_of(api)["KOORDINATE_API_DATABASE_URL"])
    assert ApiSettings().store_url(Path("/x")) == url
    monkeypatch.setenv("KOORDINATE_API_DATABASE_URL", "")  # the default: SQLite in KOORDINATE_HOME
    assert ApiSettings().store_url(Path("/var/lib/koordinate")) == "sqlite:////var/lib/koordinate/readmodel.sqlite3"


def test_mounted_files_exist_and_the_tokens_file_loads(compose: dict[str, Any]) -> None:
    named = set(compose["volumes"])
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (COMPOSE_DIR / source).exists(), f"{name}: {source} does not exist"
            else:
                assert source in named, f"{name}: volume {source} is not declared"
    assert len(load_tokens(COMPOSE_DIR / "config" / "gateway-tokens.yaml")) == 2
    assert sorted((ROOT / "examples" / "connectors").glob("*.yaml"))  # what CONNECTORS_DIR defaults to


def test_hub_image_is_built_from_the_dockerfile(services: dict[str, dict[str, Any]]) -> None:
    for name in HUB_SERVICES:
        build = services[name]["build"]
        assert (COMPOSE_DIR / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE


def test_dockerfile_is_multi_stage_slim_and_non_root() -> None:
    text = DOCKERFILE.read_text()
    stages = re.split(r"(?m)^FROM ", text)[1:]
    assert len(stages) == 2, "build stage + runtime stage"
    assert re.search(r"(?m)^ARG PYTHON_IMAGE=python:3\.11-slim$", text)
    build, final = stages
    assert "build-essential" in build and "pip install" in build
    assert "apt-get install" not in final and "build-essential" not in final and "pip install" not in final
    assert "COPY --from=build /opt/koordinate /opt/koordinate" in final
    user = re.search(r"(?m)^USER (\S+)", final)
    assert user and user[1] not in ("root", "0", "0:0")
    for source in re.findall(r"(?m)^COPY (?!--from)(.+) \S+$", text):
        for path in source.split():
            assert (ROOT / path).exists(), f"COPY {path}: missing"
    ignore = (DOCKERFILE.parent / "Dockerfile.dockerignore").read_text()
    assert "!hub/**" in ignore and ".venv" not in ignore.replace("!", "")  # everything else is left out by '**'


def _compose_v2() -> list[str] | None:
    """`docker compose` or a standalone `docker-compose` of Compose v2 (v1 prints a lower-case banner)."""
    for candidate in (["docker", "compose"], ["docker-compose"]):
        if shutil.which(candidate[0]) is None:
            continue
        probe = subprocess.run([*candidate, "version"], capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.startswith("Docker Compose version"):
            return candidate
    return None


def test_docker_compose_config_accepts_the_file(services: dict[str, dict[str, Any]]) -> None:
    compose_cmd = _compose_v2()
    if compose_cmd is None:
        pytest.skip("Docker Compose v2 is not installed: the static tests above stand in for it")
    for extra in ([], ["--profile", "postgres"]):
        result = subprocess.run([*compose_cmd, "-f", str(COMPOSE_FILE), *extra, "config", "--quiet"],
                                capture_output=True, text=True, cwd=COMPOSE_DIR)
        assert result.returncode == 0, result.stderr
    # and Compose reads the file as the static tests above do (merge keys, interpolation defaults)
    rendered = subprocess.run([*compose_cmd, "-f", str(COMPOSE_FILE), "config", "--format", "json"],
                              capture_output=True, text=True, cwd=COMPOSE_DIR, check=True,
                              env={k: v for k, v in os.environ.items() if not k.startswith(("KOORDINATE_", "CONNECTORS_"))})
    real = json.loads(rendered.stdout)["services"]
    for name in HUB_SERVICES:
        assert real[name]["command"] == services[name]["command"], name
        assert real[name]["environment"] == env_of(services[name]), name
