"""The generated contract files: fresh, valid against their meta-schemas, and matching the models."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator

from hub.contract import contract_files, schemas_dir, stale_files, write_files
from hub.topics.spec import TOPICS
from schemas import EVENT_MODELS, dataschema_uri, model_for_type
from tests.schemas import asyncapi_spec
from tests.builders import derived_samples, sample_need_data, sample_offer_data, sample_status_data


def test_checked_in_files_are_fresh() -> None:
    assert stale_files() == [], "run `koordinate schemas export` and commit the result"


def test_stale_files_detected(tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_files(tmp_path)
    assert stale_files(tmp_path) == []
    (tmp_path / "json" / "need.v1.json").write_text("{}")
    (tmp_path / "json" / "old.v0.json").write_text("{}")
    (tmp_path / "asyncapi.yaml").unlink()
    assert stale_files(tmp_path) == ["asyncapi.yaml", "json/need.v1.json", "json/old.v0.json"]


def test_one_schema_per_event_type_with_dataschema_id() -> None:
    for model in EVENT_MODELS.values():
        schema = json.loads((schemas_dir() / "json" / f"{model.schema_name}.json").read_text())
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == dataschema_uri(model)


SAMPLES = [("org.koordinate.need.v1", sample_need_data()), ("org.koordinate.offer.v1", sample_offer_data()),
           ("org.koordinate.status.v1", sample_status_data()), *derived_samples().items()]


@pytest.mark.parametrize(("event_type", "data"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_samples_valid_against_json_schema(event_type: str, data: dict) -> None:
    model = model_for_type(event_type)
    schema = json.loads(contract_files()[f"json/{model.schema_name}.json"])  # type: ignore[union-attr]
    jsonschema.validate(data, schema, cls=Draft202012Validator)
    jsonschema.validate(model.model_validate(data).model_dump(mode="json"), schema,  # type: ignore[union-attr]
                        cls=Draft202012Validator)


@pytest.mark.parametrize(
    "change", [{"area": {"ags": "17000000"}}, {"quantity": -1}, {"unexpected": 1}, {"category": "wohnen"}]
)
def test_json_schema_rejects_what_the_model_rejects(change: dict) -> None:
    schema = json.loads(contract_files()["json/need.v1.json"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(sample_need_data(**change), schema, cls=Draft202012Validator)


def test_asyncapi_valid_against_official_schema() -> None:
    schema, registry = asyncapi_spec.schema_and_registry()
    document = yaml.safe_load(contract_files()["asyncapi.yaml"])
    errors = sorted(Draft7Validator(schema, registry=registry).iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_asyncapi_describes_every_topic_and_event_type() -> None:
    document = yaml.safe_load(contract_files()["asyncapi.yaml"])
    addresses = {c["address"] for c in document["channels"].values()}
    assert addresses == {t.name() for t in TOPICS}
    names = {m["name"] for m in document["components"]["messages"].values()}
    assert names == {t for spec in TOPICS for t in spec.event_types}
    need = document["components"]["messages"]["needV1"]
    assert need["headers"]["properties"]["ce_type"]["const"] == "org.koordinate.need.v1"
    assert need["payload"]["$ref"] == "./json/need.v1.json"
    assert document["channels"]["needs"]["bindings"]["kafka"]["partitions"] == 6


def test_asyncapi_check_would_catch_a_broken_document() -> None:
    schema, registry = asyncapi_spec.schema_and_registry()
    document = yaml.safe_load(contract_files()["asyncapi.yaml"])
    document["channels"]["needs"]["bindings"]["kafka"]["partitions"] = "six"
    del document["info"]["title"]
    assert len(list(Draft7Validator(schema, registry=registry).iter_errors(document))) >= 1
