"""A fake Integreat API v3: what it serves (examples/integreat/*.json, changed by the tests) and what it saw."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from werkzeug import Request

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIXTURES = EXAMPLES / "integreat"


@dataclass
class FakeIntegreat:
    """What the server serves, per (language, list); and every request it saw."""

    url: str
    lists: dict[tuple[str, str], list[dict[str, Any]]]
    requests: list[Request] = field(default_factory=list)

    def item(self, language: str, name: str, key: int) -> dict[str, Any]:
        inner = "location" if name == "locations" else "event"
        return next(i for i in self.lists[(language, name)] if (i.get(inner) or {}).get("id") == key)

    def remove(self, name: str, key: int) -> None:
        inner = "location" if name == "locations" else "event"
        for (_, which), items in self.lists.items():
            if which == name:
                items[:] = [i for i in items if (i.get(inner) or {}).get("id") != key]

    def config(self, tmp_path: Path, **changes: Any) -> Path:
        """examples/integreat.yaml pointing at this server (and with `changes`)."""
        config = yaml.safe_load((EXAMPLES / "integreat.yaml").read_text(encoding="utf-8"))
        config.update(base_url=self.url, **changes)
        path = tmp_path / "integreat.yaml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return path
