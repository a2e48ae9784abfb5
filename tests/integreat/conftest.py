"""A fake Integreat API v3 on pytest-httpserver, serving examples/integreat/*.json; tests change what it serves."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

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


@pytest.fixture
def integreat(httpserver: HTTPServer) -> FakeIntegreat:
    lists = {}
    for file in FIXTURES.glob("augsburg-*-*.json"):
        _, language, name = file.stem.split("-")
        lists[(language, name)] = json.loads(file.read_text(encoding="utf-8"))
    fake = FakeIntegreat(httpserver.url_for("").rstrip("/"), copy.deepcopy(lists))

    def serve(request: Request) -> Response:
        fake.requests.append(request)
        parts = request.path.strip("/").split("/")  # api v3 augsburg de locations
        items = fake.lists.get((parts[3], parts[4])) if len(parts) == 5 and parts[2] == "augsburg" else None
        if items is None:
            return Response("not found", status=404)
        return Response(json.dumps(items), content_type="application/json")

    httpserver.expect_request(re.compile(r"^/api/v3/.*")).respond_with_handler(serve)
    return fake
