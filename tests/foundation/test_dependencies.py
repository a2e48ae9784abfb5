"""Every third-party package the code imports is declared in pyproject.toml, not only pulled in by another.

Why: a package that arrives only as another's dependency disappears, or changes major version, when
that other package changes its own requirements; the import then fails far from the cause.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OURS = {"hub", "connectors", "schemas", "tests", "bench"}
# where each folder's imports must be declared: the package's own dependencies, or an extra
DECLARED_IN = {"hub": ("",), "connectors": ("",), "schemas": ("",),
               "tests": ("", "test"), "bench": ("", "bench")}
# imported only where the extra that declares it is installed (the Postgres read model)
OPTIONAL = {"psycopg": "postgres"}


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def _imports(folder: str) -> dict[str, str]:
    """Top-level module imported -> first file importing it."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and top not in OURS and top != "__future__":
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {"": _names(project["dependencies"])}
    declared.update({extra: _names(reqs) for extra, reqs in project["optional-dependencies"].items()})
    distributions = metadata.packages_distributions()
    undeclared = []
    for folder, sections in DECLARED_IN.items():
        for module, where in _imports(folder).items():
            names = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
            allowed = [*sections, *([OPTIONAL[module]] if module in OPTIONAL else [])]
            if not any(names & declared[section] for section in allowed):
                undeclared.append(f"{module} ({', '.join(sorted(names))}), imported in {where}")
    assert not undeclared, "imported but not declared in pyproject.toml:\n" + "\n".join(undeclared)
