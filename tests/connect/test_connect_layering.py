"""Connectors know formats, not Kafka: no module of `connectors` imports hub, aiokafka or faust."""

from __future__ import annotations

import ast
from pathlib import Path

import connectors

FORBIDDEN = ("hub", "aiokafka", "faust", "confluent_kafka")


def test_connectors_import_no_kafka_and_no_hub() -> None:
    offenders = []
    for path in sorted(Path(connectors.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_every_kind_resolves_to_a_connector_with_its_config_model() -> None:
    for kind in connectors.KINDS:
        cls = connectors.connector_class(kind)
        assert issubclass(cls, connectors.SourceConnector)
        assert cls.config_model.model_fields["kind"].annotation.__args__ == (kind,)  # type: ignore[union-attr]
