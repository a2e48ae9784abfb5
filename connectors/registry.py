"""Connector kinds and config files: which module serves a kind, and reading a YAML config into its model."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from connectors.base import ConnectorConfig, SourceConnector
from connectors.errors import ConfigError

# kind -> "module:class"; a new source kind is one new module and one line here
KINDS: dict[str, str] = {
    "csv": "connectors.spreadsheet:CsvConnector",
    "xlsx": "connectors.spreadsheet:XlsxConnector",
    "hxl": "connectors.hxl:HxlConnector",
    "ical": "connectors.ical:IcalConnector",
    "hsds": "connectors.hsds:HsdsConnector",
    "open311": "connectors.open311:Open311Connector",
    "json_rest": "connectors.json_rest:JsonRestConnector",
    "integreat": "connectors.integreat:IntegreatConnector",
}
PLANNED_KINDS = ("hsds", "open311", "json_rest", "integreat")


def connector_class(kind: str, where: str = "") -> type[SourceConnector[Any]]:
    """The connector class of a kind; `ConfigError` naming the known kinds when there is none."""
    target = KINDS.get(kind)
    if target is None:
        planned = " (planned, not yet available)" if kind in PLANNED_KINDS else ""
        raise ConfigError(f"{where}unknown connector kind {kind!r}{planned}; known: {', '.join(sorted(KINDS))}")
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)  # type: ignore[no-any-return]


def load_config(path: Path) -> ConnectorConfig:
    """Read and validate one connector config file; every problem names the file and the key."""
    where = f"connector config {path}: "
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{where}cannot be read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{where}must be a mapping of keys to values")
    kind = data.get("kind")
    if not isinstance(kind, str):
        raise ConfigError(f"{where}key 'kind' is missing; one of: {', '.join(sorted(KINDS))}")
    model = connector_class(kind, where).config_model
    try:
        return model.model_validate(data, context={"base_dir": path.resolve().parent})
    except ValidationError as exc:
        raise ConfigError(where + "; ".join(_describe(err, model) for err in exc.errors(include_url=False))) from None


def load_connector(path: Path) -> SourceConnector[Any]:
    """The connector a config file describes, ready for `open`."""
    config = load_config(path)
    return connector_class(config.kind)(config)


def _describe(err: Any, model: type[ConnectorConfig]) -> str:
    key = ".".join(str(p) for p in err["loc"])
    if err["type"] == "extra_forbidden":
        allowed = ", ".join(model.model_fields) if len(err["loc"]) == 1 else ""
        return f"unknown key {key!r}" + (f" (allowed: {allowed})" if allowed else "")
    if err["type"] == "missing":
        return f"key {key!r} is required"
    return f"key {key!r}: {err['msg']} (got {str(err.get('input'))[:60]!r})"
