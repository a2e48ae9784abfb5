"""Debian's chromium under playwright: where it is, whether tests may run, how to launch it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path(os.environ.get("KOORDINATE_TEST_CHROMIUM", "/usr/bin/chromium"))
# playwright's own browser download is never used: it needs the internet; Debian's package is the browser
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 768}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_reason() -> str | None:
    """Why browser tests cannot run here, or None. In CI they always run (and fail loudly if chromium is missing)."""
    if in_ci() or CHROMIUM.exists():
        return None
    return f"{CHROMIUM} is missing (install chromium, see deploy/dev/setup-system.sh); set CI=true to fail instead"


@contextmanager
def chromium() -> Iterator[object]:
    """A playwright Browser on Debian's chromium with a fresh user data dir."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="koordinate-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True, viewport=VIEWPORT,
            locale="de-DE", timezone_id="Europe/Berlin")
        try:
            yield context
        finally:
            context.close()


def sign_in(page, token: str) -> None:
    """Sign in on the dashboard's login form with an API token."""
    page.get_by_label("API-Schlüssel").fill(token)
    page.get_by_role("button", name="Anmelden").click()
