"""Connectors: adapters that read a source's format and normalise it into the contract; they know no Kafka.

A source kind is one module: a `ConnectorConfig` subclass (its YAML keys), a `SourceConnector`
subclass (`poll` records with partition/offset, pure `normalise`), and one line in `registry.KINDS`.
"""

from __future__ import annotations

from connectors.base import ConfigPath, ConnectorConfig, Event, Position, SourceConnector, SourceRecord, partition_key
from connectors.errors import (
    ConfigError,
    ConnectorError,
    ConnectorMisuse,
    Problem,
    RecordError,
    SourceRefused,
    SourceUnavailable,
)
from connectors.registry import KINDS, PLANNED_KINDS, connector_class, load_config, load_connector

__all__ = [
    "KINDS",
    "PLANNED_KINDS",
    "ConfigError",
    "ConfigPath",
    "ConnectorConfig",
    "ConnectorError",
    "ConnectorMisuse",
    "Event",
    "Position",
    "Problem",
    "RecordError",
    "SourceConnector",
    "SourceRecord",
    "SourceRefused",
    "SourceUnavailable",
    "connector_class",
    "load_config",
    "load_connector",
    "partition_key",
]
