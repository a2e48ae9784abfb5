"""Sink connectors: out of the hub to the systems (webhooks). Sink kinds and reading their config files.

A sink kind is one module: a `SinkConfig` subclass, a `SinkConnector` subclass (`add`/`flush`), and one
line in `SINK_KINDS`. Source kinds stay in `connectors.registry.KINDS`; `sink_kind_of` tells them apart.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from connectors.errors import ConfigError
from connectors.registry import _describe
from connectors.sink_base import Directory, SinkConfig, SinkConnector

SINK_KINDS: dict[str, str] = {
    "webhook": "connectors.sinks.webhook:WebhookSink",
}


def sink_class(kind: str) -> type[SinkConnector[Any]]:
    module_name, class_name = SINK_KINDS[kind].split(":")
    return getattr(importlib.import_module(module_name), class_name)  # type: ignore[no-any-return]


def sink_kind_of(path: Path) -> str | None:
    """The sink kind a config file declares, or None when it is not a sink (a source, or unreadable)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None  # the source loader reports the problem with its own message
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if kind in SINK_KINDS else None


def load_sink_config(path: Path) -> SinkConfig:
    """Read and validate one sink config file; every problem names the file and the key."""
    where = f"sink config {path}: "
    kind = sink_kind_of(path)
    if kind is None:
        raise ConfigError(f"{where}not a sink; kind must be one of: {', '.join(sorted(SINK_KINDS))}")
    model = sink_class(kind).config_model
    try:
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        raise ConfigError(where + "; ".join(_describe(err, model) for err in exc.errors(include_url=False))) from None


def load_sink(path: Path, directory: Directory | None = None) -> SinkConnector[Any]:
    """The sink a config file describes, ready for `open`."""
    config = load_sink_config(path)
    return sink_class(config.kind)(config, directory)


__all__ = ["SINK_KINDS", "load_sink", "load_sink_config", "sink_class", "sink_kind_of"]
