"""Gateway fixtures (tests/gateway/fixtures.py): a tokens registry of three sources, the app on the test's topics."""

from __future__ import annotations

from tests.gateway.fixtures import gateway, gateway_settings, live_gateway  # noqa: F401 - fixtures
