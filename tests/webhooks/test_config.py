"""Sink configs: the example loads, mistakes are named, a missing secret stops the sink before it reads."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from connectors import ConfigError
from connectors.sinks import load_sink_config, sink_kind_of
from connectors.sinks.webhook import WebhookConfig
from hub.connect.sink_runtime import run_sinks, split_sink_configs
from hub.errors import MisuseError
from hub.settings import Settings
from tests.webhooks.helpers import sink_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sinks" / "webhook.yaml"
SOURCE_EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "connectors" / "ehrenamt-3w.yaml"


def test_the_example_config_loads_and_is_told_apart_from_sources() -> None:
    config = load_sink_config(EXAMPLE)
    assert isinstance(config, WebhookConfig) and len(config.subscriptions) == 3
    assert sink_kind_of(EXAMPLE) == "webhook" and sink_kind_of(SOURCE_EXAMPLE) is None
    assert split_sink_configs([SOURCE_EXAMPLE, EXAMPLE]) == ([EXAMPLE], [SOURCE_EXAMPLE])


def test_mistakes_name_the_file_and_key(tmp_path: Path) -> None:
    path = sink_config(tmp_path / "bad.yaml", [{"name": "a", "url": "ftp://nope", "colour": "red"}])
    with pytest.raises(ConfigError) as caught:
        load_sink_config(path)
    message = str(caught.value)
    assert str(path) in message and "subscriptions.0.url" in message and "subscriptions.0.colour" in message


@pytest.mark.kafka
async def test_a_missing_secret_stops_the_sink(hub_settings: Settings, topics: dict[str, str], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOORDINATE_TEST_WEBHOOK_SECRET", raising=False)
    path = sink_config(tmp_path / "webhook.yaml", [{"name": "a", "url": "http://127.0.0.1:9/x"}])
    with pytest.raises(MisuseError, match="KOORDINATE_TEST_WEBHOOK_SECRET"):
        await asyncio.wait_for(run_sinks(hub_settings, [path], stop=asyncio.Event()), timeout=60)
