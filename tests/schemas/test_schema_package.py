"""The package's shape: no imports of our other layers, a flat alphabetised public API."""

from __future__ import annotations

import ast
from pathlib import Path

import schemas


def test_schemas_imports_nothing_of_ours() -> None:
    for path in Path(schemas.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert name.split(".")[0] not in {"hub", "connectors"}, f"{path.name} imports {name}"


def test_public_api_flat_and_alphabetised() -> None:
    assert schemas.__all__ == sorted(schemas.__all__, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    assert all(hasattr(schemas, name) for name in schemas.__all__)


def test_modules_stay_small() -> None:
    for path in Path(schemas.__file__).parent.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 300, path.name
