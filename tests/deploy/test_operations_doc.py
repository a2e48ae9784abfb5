"""docs/operations.md names every Prometheus metric the hub exposes, and only commands the CLI has."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
from prometheus_client import REGISTRY, CollectorRegistry

import hub.metrics  # noqa: F401  (registers the worker's metrics on the default registry)
from hub.api.http_metrics import HttpInstruments
from hub.cli import deadletter_cmd
from hub.cli.main import app as koordinate_app
from hub.gateway.metrics import GatewayMetrics
from hub.readmodel.metrics import ReadModelMetrics
from tests.deploy.cli_check import assert_real_command

DOC = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def exposed_names() -> set[str]:
    """Metric names as Prometheus scrapes them (counters with `_total`)."""
    registries = [REGISTRY, GatewayMetrics().registry]
    readmodel = CollectorRegistry()
    ReadModelMetrics(readmodel)
    HttpInstruments(readmodel)
    registries.append(readmodel)
    names = set()
    for registry in registries:
        for family in registry.collect():
            if family.name.startswith("koordinate_"):
                names.add(family.name + "_total" if family.type == "counter" else family.name)
    return names


def test_every_metric_is_documented() -> None:
    text = DOC.read_text()
    names = exposed_names()
    assert len(names) >= 15
    missing = sorted(name for name in names if f"`{name}`" not in text)
    assert not missing, f"docs/operations.md does not list {missing}"
    documented = set(re.findall(r"`(koordinate_[a-z_]+)`", text))
    assert documented <= names | {n + "_bucket" for n in names}, documented - names


def _doc_commands() -> list[str]:
    text = DOC.read_text()
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()
             if line.strip().startswith("koordinate ")]
    inline = re.findall(r"`(koordinate [a-z][^`]*)`", re.sub(r"```.*?```", "", text, flags=re.S))
    return sorted(set(lines + inline))


@pytest.mark.parametrize("line", _doc_commands())
def test_documented_commands_exist(line: str) -> None:
    args = shlex.split(line)[1:]
    if args[0] == "deadletter" and "deadletter" not in typer.main.get_command(koordinate_app).commands:
        # until the sub-app is registered as `koordinate deadletter`, check it on its own
        assert_real_command(args[1:], "docs/operations.md", deadletter_cmd.app)
        return
    assert_real_command(args, "docs/operations.md")
