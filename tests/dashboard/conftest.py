"""One real hub for the dashboard's browser tests: topics, a `koordinate worker`, a `koordinate api`, the scenario."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest

from hub.settings import Settings
from hub.topics.admin import apply_topics
from tests.dashboard.browser import chromium, skip_reason
from tests.dashboard.scenario import produce_scenario
from tests.dashboard.stack import TOKENS, HubStack, run_async

if (reason := skip_reason()) is not None:
    pytest.skip(reason, allow_module_level=True)


@pytest.fixture(scope="module")
def dashboard_hub(kafka, tmp_path_factory) -> Iterator[HubStack]:
    home = tmp_path_factory.mktemp("dashboard-hub")
    settings = Settings(bootstrap_servers=kafka.bootstrap_servers, topic_prefix=f"d{uuid.uuid4().hex[:10]}", home=home)
    run_async(apply_topics(settings.bootstrap_servers, settings.topic_prefix))
    stack = HubStack(settings, home).start()
    try:
        run_async(produce_scenario(settings))
        wait_for_picture(stack)
        yield stack
    finally:
        stack.stop()


def wait_for_picture(stack: HubStack, timeout_s: float = 180.0) -> None:
    """Until the worker derived the scenario's gaps, coverage and both cluster kinds, and the API read them."""
    deadline = time.monotonic() + timeout_s
    seen: dict[str, object] = {}
    while time.monotonic() < deadline:
        coverage = stack.get("/v1/coverage").json()["items"]
        seen = {
            "gaps": len(stack.get("/v1/gaps").json()["items"]),
            "clothing gap in Grünau-Mitte": any(r["district"] == "Grünau-Mitte" and r["category"] == "clothing"
                                                 and r["is_gap"] for r in coverage),
            "coverage in Lindenau": any(r["district"] == "Lindenau" and r["category"] == "language_education"
                                        for r in coverage),
            "clusters": stack.get("/v1/stats").json()["clusters"],
        }
        if (seen["gaps"] >= 6 and seen["clothing gap in Grünau-Mitte"] and seen["coverage in Lindenau"]
                and {"same_offer", "parallel_offers"} <= set(seen["clusters"])):
            return
        time.sleep(0.5)
    raise AssertionError(f"the scenario's picture is incomplete after {timeout_s:.0f} s: {seen}\n{stack.logs()}")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as context:
        yield context


@pytest.fixture
def page(browser, dashboard_hub):
    """A signed-in page as the coordination office (coordinator role); sessionStorage is per page."""
    page = browser.new_page()
    page.goto(dashboard_hub.url + "/")
    sign_in(page, TOKENS["coordinator"])
    yield page
    page.close()


def sign_in(page, token: str) -> None:
    page.get_by_label("API-Schlüssel").fill(token)
    page.get_by_role("button", name="Anmelden").click()
