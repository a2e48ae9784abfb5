"""Screenshots of the dashboard's main views for the README, against a real hub with the Leipzig scenario.

Run: KOORDINATE_TEST_BOOTSTRAP=127.0.0.1:9092 .venv/bin/python -m tests.dashboard.screenshots [--keep]
Writes docs/screenshots/{heatmap,gaps,duplicate-review,parallel-offers}.png (1366x768). With --keep the hub
stays up afterwards (URL and token printed) until Ctrl-C, for looking at the page by hand.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import uuid
from pathlib import Path

from hub.settings import Settings
from hub.topics.admin import apply_topics
from tests.dashboard.browser import chromium
from tests.dashboard.scenario import produce_scenario
from tests.dashboard.stack import TOKENS, HubStack, run_async, wait_for_picture

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def sign_in(page, url: str, token: str) -> None:
    page.goto(url + "/")
    page.get_by_label("API-Schlüssel").fill(token)
    page.get_by_role("button", name="Anmelden").click()


def take(page, url: str, out: Path) -> list[Path]:
    """Shoots each view once its data is on screen (call after `wait_for_picture`)."""
    out.mkdir(parents=True, exist_ok=True)
    sign_in(page, url, TOKENS["coordinator"])
    clothing = page.locator('.cell-button[data-district="Grünau-Mitte"][data-category="clothing"]')
    clothing.wait_for(timeout=120_000)
    clothing.click()
    page.locator("#panel-needs li").first.wait_for(timeout=30_000)
    shots = [out / "heatmap.png"]
    page.screenshot(path=shots[-1])
    page.get_by_role("tab", name="Lücken").click()
    page.locator("#gap-list > li").first.wait_for(timeout=60_000)
    shots.append(out / "gaps.png")
    page.screenshot(path=shots[-1])
    page.get_by_role("tab", name="Dubletten prüfen").click()
    page.locator("#duplicate-list > li").first.wait_for(timeout=60_000)
    shots.append(out / "duplicate-review.png")
    page.screenshot(path=shots[-1])
    page.get_by_role("tab", name="Doppelstrukturen").click()
    page.locator("#parallel-list > li").first.wait_for(timeout=60_000)
    shots.append(out / "parallel-offers.png")
    page.screenshot(path=shots[-1])
    return shots


def main(keep: bool = False) -> None:
    bootstrap = os.environ.get("KOORDINATE_TEST_BOOTSTRAP", "127.0.0.1:9092")
    directory = Path(tempfile.mkdtemp(prefix="koordinate-screens-"))
    settings = Settings(bootstrap_servers=bootstrap, topic_prefix=f"s{uuid.uuid4().hex[:10]}", home=directory)
    run_async(apply_topics(settings.bootstrap_servers, settings.topic_prefix))
    stack = HubStack(settings, directory)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so the hub processes are stopped below
    try:
        stack.start()
        run_async(produce_scenario(settings))
        wait_for_picture(stack)
        with chromium() as browser:
            for shot in take(browser.new_page(), stack.url, OUT):
                print(shot)
        if keep:
            print(f"dashboard: {stack.url}/  token: {TOKENS['coordinator']}  (Ctrl-C to stop)", flush=True)
            signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main(keep="--keep" in sys.argv)
