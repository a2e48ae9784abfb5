"""Shared helpers of the connect tests: config files, reading what the runtime wrote."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, TypeVar

import yaml

from connectors.base import Position, SourceConnector
from connectors.errors import RecordError
from connectors.registry import load_connector
from hub.connect import ConnectorState, dead_letter_view
from hub.kafka.reader import read_topic
from hub.settings import Settings
from schemas import from_kafka

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "connectors"

NEED_COLUMNS = {
    "title": "Bezeichnung", "description": "Beschreibung", "category": "Kategorie", "quantity": "Anzahl",
    "unit": "Einheit", "urgency": "Dringlichkeit", "area.ags": "AGS", "area.district": "Ortsteil",
    "needed_from": "Ab", "occurred_at": "Stand",
}
NEED_VALUES = {"unit": {"Personen": "people", "Termine": "slots"}, "urgency": {"hoch": "high", "normal": "normal"}}
NEED_HEADER = ["Nr", "Bezeichnung", "Beschreibung", "Kategorie", "Anzahl", "Einheit", "Dringlichkeit", "AGS",
               "Ortsteil", "Ab", "Stand"]


def need_row(nr: str, **changes: str) -> list[str]:
    row = {"Nr": nr, "Bezeichnung": f"Begleitung {nr}", "Beschreibung": "2 Termine pro Woche",
           "Kategorie": "Behördenbegleitung", "Anzahl": "2", "Einheit": "Termine", "Dringlichkeit": "hoch",
           "AGS": "14713000", "Ortsteil": "Paunsdorf", "Ab": "01.12.2026", "Stand": "20.11.2026"}
    row.update(changes)
    return [row[h] for h in NEED_HEADER]


def write_config(file: Path, /, **config: Any) -> Path:
    file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return file


def need_config(tmp: Path, folder: Path, name: str = "test-bedarfe", **extra: Any) -> Path:
    return write_config(
        tmp / f"{name}.yaml", name=name, kind="csv", source="urn:koordinate:source:test-sozialamt",
        path=str(folder), pattern="*.csv", entity="need", record_id="Nr", columns=NEED_COLUMNS,
        values=NEED_VALUES, **extra,
    )


async def events_on(settings: Settings, suffix: str) -> list[Any]:
    """The CloudEvents on a canonical topic, in topic order."""
    records = await read_topic(settings.bootstrap_servers, settings.topic_name(suffix))
    return [from_kafka(r.value, r.headers) for r in records]


async def dead_letters(settings: Settings) -> list[dict[str, Any]]:
    records = await read_topic(settings.bootstrap_servers, settings.topic_name("deadletter"))
    return [dead_letter_view(r.key, r.value, r.headers) for r in records]


async def offset_history(settings: Settings, connector: str) -> list[ConnectorState]:
    records = await read_topic(settings.bootstrap_servers, settings.topic_name("connect-offsets"))
    return [ConnectorState.from_json(r.value) for r in records if r.key == connector.encode()]


def ids(events: list[Any]) -> Counter[str]:
    return Counter(e.id for e in events)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


C = TypeVar("C", bound=SourceConnector)


def opened(config: Path, kind: type[C]) -> C:
    """The connector a config file describes, opened; fails the test if it is not of `kind`."""
    connector = load_connector(config)
    assert isinstance(connector, kind)
    connector.open()
    return connector


def read(connector: SourceConnector, position: Position | None = None) -> tuple[list[Any], list[RecordError], Position]:
    """Poll once after `position`: the events, the record errors, and the position after them."""
    position = position or Position()
    events, errors, records = [], [], list(connector.poll(position))
    for record in records:
        try:
            events.extend(connector.normalise(record))
        except RecordError as exc:
            errors.append(exc)
    return events, errors, position.advanced(records)
