"""Fixtures of the reliability suite, from the packages that own them."""

from __future__ import annotations

from tests.gateway.fixtures import gateway_settings, live_gateway  # noqa: F401 - fixtures
from tests.stream.fixtures import start_worker  # noqa: F401
