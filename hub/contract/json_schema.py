"""One JSON Schema (draft 2020-12) per event type, with ``$id`` = the events' ``dataschema`` URI."""

from __future__ import annotations

from typing import Any

from schemas import EVENT_MODELS, EventModel, dataschema_uri

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(model: type[EventModel]) -> dict[str, Any]:
    """The JSON Schema of a model's data as producers must write it (validation mode)."""
    schema = model.model_json_schema(mode="validation")
    # $schema and $id first, so a reader sees what the file is before its body
    return {"$schema": DRAFT, "$id": dataschema_uri(model), "x-event-type": model.event_type, **schema}


def all_json_schemas() -> dict[str, dict[str, Any]]:
    """File name (``need.v1.json``) -> schema, for every event type."""
    return {f"{m.schema_name}.json": json_schema(m) for m in EVENT_MODELS.values()}
