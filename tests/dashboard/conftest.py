"""One real hub for the dashboard's browser tests: topics, a `koordinate worker`, a `koordinate api`, the scenario."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from hub.settings import Settings
from hub.topics.admin import apply_topics
from tests.dashboard.browser import chromium, sign_in, skip_reason
from tests.dashboard.scenario import produce_scenario
from tests.dashboard.stack import TOKENS, HubStack, run_async, wait_for_picture

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
