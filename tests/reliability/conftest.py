"""Fixtures of the reliability suite, re-exported from the packages that own them."""

from __future__ import annotations

from tests.gateway.conftest import gateway_settings, live_gateway  # noqa: F401 - fixtures, re-exported
from tests.stream.conftest import start_worker  # noqa: F401
