"""The engine is a functional core: no broker, HTTP, database, files, event loop or clock in any of its modules."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import hub.engine

ENGINE_DIR = Path(hub.engine.__file__).parent
FORBIDDEN_MODULES = {
    "faust", "aiokafka", "confluent_kafka", "kafka", "httpx", "requests", "urllib", "socket", "sqlite3",
    "asyncio", "threading", "subprocess", "os", "io", "pathlib", "shutil", "tempfile", "time",
    "hub.kafka", "hub.broker", "hub.stream", "hub.cli", "hub.settings", "hub.replay", "hub.gateway", "hub.api",
}
FORBIDDEN_CALLS = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"), ("time", "time"), ("time", "monotonic")}
MODULES = sorted(ENGINE_DIR.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ENGINE_DIR.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_MODULES)


def test_engine_has_modules_to_check() -> None:
    names = {_module_name(path) for path in MODULES}
    assert {"hub.engine.engine", "hub.engine.store", "hub.engine.matching"} <= names
    assert any(name.startswith("hub.engine.dedupe.") for name in names)


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_module_imports_nothing_forbidden(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = sorted(name for name in _imports(tree) if _forbidden(name))
    assert not bad, f"{_module_name(path)} imports {bad}: the engine does no I/O"


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_module_reads_no_clock_and_opens_no_file(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            assert func.id != "open", f"{_module_name(path)}:{node.lineno} opens a file"
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            assert (func.value.id, func.attr) not in FORBIDDEN_CALLS, (
                f"{_module_name(path)}:{node.lineno} reads the clock; time comes in as `now`"
            )


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_module_imports_and_pulls_in_no_io_stack(path: Path) -> None:
    module = importlib.import_module(_module_name(path))
    # what the module itself refers to at top level must not be an I/O package either
    for value in vars(module).values():
        origin = getattr(value, "__module__", None) or getattr(value, "__name__", "")
        if isinstance(origin, str) and origin:
            assert not _forbidden(origin), f"{module.__name__} exposes {origin}"
