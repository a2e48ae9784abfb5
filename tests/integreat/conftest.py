"""A fake Integreat API v3 on pytest-httpserver (tests/integreat/fake.py); the read API's fixtures for the feeds."""

from __future__ import annotations

import copy
import json
import re

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.api.fixtures import api_settings, produce, producer, runtime, tokens_file  # noqa: F401 - fixtures
from tests.integreat.fake import FIXTURES, FakeIntegreat


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
