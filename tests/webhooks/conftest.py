"""Fixtures of the webhook tests: a real threaded HTTP server for the receivers (`topics`: tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A receiver server of its own per test, threaded so parallel deliveries really overlap."""
    http = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    http.start()
    try:
        yield http
    finally:
        http.clear()
        http.stop()
