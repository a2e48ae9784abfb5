"""How `koordinate connect preview` and `connect explain` look on the terminal (rich tables)."""

from __future__ import annotations

from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from connectors import SourceConnector
from connectors.mapping import FieldMapping, Join, spec_references
from hub.connect.preview import PreviewReport


def render_preview(console: Console, name: str, report: PreviewReport) -> None:
    """Counts, dead letters by reason with example positions, dropped fields, duplicate keys, samples."""
    console.print(f"[bold]{name}[/bold]: read {report.read} = ok {report.ok} + dead-lettered {report.dead_lettered}"
                  f" + duplicate keys {report.duplicate_keys}; {len(report.events)} events, "
                  f"{len(report.entity_ids)} distinct entities", highlight=False)
    if report.reasons:
        table = Table(title="Dead letters by reason")
        for column in ("reason", "records", "examples"):
            table.add_column(column, overflow="fold")
        for reason, group in sorted(report.reasons.items(), key=lambda kv: -kv[1].count):
            table.add_row(reason, str(group.count), "; ".join(group.examples))
        console.print(table)
    for file, fields in report.unmatched.items():
        console.print(f"{file}: no column for {', '.join(fields)}", highlight=False)
    if report.duplicate_keys:
        console.print(f"duplicate record keys: {report.duplicates.count} records, e.g. "
                      f"{'; '.join(report.duplicates.examples)} (set `record_id` to columns that tell them apart)",
                      highlight=False)
    if report.dropped or report.moved:
        table = Table(title="Values dropped or moved (data-quality notes on the events)")
        for column in ("field", "dropped", "contact moved or cut"):
            table.add_column(column)
        for field in sorted(set(report.dropped) | set(report.moved)):
            table.add_row(field, str(report.dropped[field]), str(report.moved[field]))
        console.print(table)
    if report.samples:
        table = Table(title=f"First {len(report.samples)} records")
        for column in ("record key", "title", "category", "organisation / area", "location", "quality notes"):
            table.add_column(column, overflow="fold")
        for event in report.samples:
            table.add_row(*_sample_row(event))
        console.print(table)


def _sample_row(event: Any) -> list[str]:
    org = getattr(event, "organisation", None)
    area = getattr(event, "area", None)
    where = f"{org.name} ({org.kind})\n" if org else ""
    if area is not None:
        where += f"AGS {area.ags} {', '.join(getattr(area, 'districts', None) or [getattr(area, 'district', None) or ''])}"
    location = getattr(event, "location", None)
    place = ""
    if location is not None:
        parts = [location.name, location.street, location.postcode, location.city]
        place = ", ".join(p for p in parts if p)
        if location.lat is not None and location.lon is not None:
            place += f"\n{location.lat:.5f}, {location.lon:.5f}"
    notes = "\n".join(f"{n.field}: {n.reason}" for n in getattr(event, "quality", None) or ())
    return [event.source_record_id, getattr(event, "title", ""), getattr(event, "category", ""), where, place, notes]


def render_explain(console: Console, connector: SourceConnector[Any]) -> None:
    """The effective config as YAML, and for mapped kinds the field -> source table with built-ins marked."""
    config = connector.config
    console.print(f"# effective config of {connector.name} (kind {config.kind}); built-ins merged, defaults filled",
                  highlight=False)
    console.print(yaml.safe_dump(config.model_dump(mode="json"), allow_unicode=True, sort_keys=False), highlight=False)
    if not isinstance(config, FieldMapping):
        return
    table = Table(title="Field mapping (first reference the source has wins; join: cells joined)")
    for column in ("field", "source", "from"):
        table.add_column(column, overflow="fold")
    given = config.model_fields_set
    for field, spec in config.columns.items():
        source = f"join {spec.join} with {spec.sep!r}" if isinstance(spec, Join) else " | ".join(spec_references(spec))
        builtin = type(config).builtin_columns.get(field) == spec
        table.add_row(field, source, "built-in" if builtin else "config")
    for field, value in config.defaults.items():
        table.add_row(field, f"default {value!r}", "built-in" if type(config).builtin_defaults.get(field) == value
                      else "config")
    console.print(table)
    key = config.record_id
    console.print(f"record key: {key!r}" + (" (the whole row)" if key == "*" else ""), highlight=False)
    decimal = config.decimal or "from the file: ',' in a ';'-delimited file, '.' otherwise"
    console.print(f"decimal mark: {decimal}; coordinates take '.' or ',' and never a thousands separator",
                  highlight=False)
    if "columns" not in given:
        console.print("columns: the built-in mapping only", highlight=False)
