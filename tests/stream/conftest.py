"""Real `koordinate worker` processes on the test's own topics (tests/stream/fixtures.py)."""

from __future__ import annotations

from tests.stream.fixtures import shared_hub, start_worker  # noqa: F401 - fixtures
