"""Fixtures of the read API tests (tests/api/fixtures.py): a tokens file, a started runtime on the test's
topics, an HTTP client."""

from __future__ import annotations

from tests.api.fixtures import (  # noqa: F401 - fixtures
    api_settings,
    client,
    produce,
    producer,
    runtime,
    server_url,
    tokens_file,
)
