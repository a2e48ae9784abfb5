"""`koordinate schemas export|validate`, driven through the typer sub-app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hub.cli import schemas_cmd
from schemas import Need, Offer, to_http_structured
from tests.builders import sample_need_data, sample_offer_data

runner = CliRunner()


def test_export_check_passes_on_repo_and_names_stale_files(tmp_path: Path) -> None:
    assert runner.invoke(schemas_cmd.app, ["export", "--check"]).exit_code == 0
    result = runner.invoke(schemas_cmd.app, ["export", "--check", "--root", str(tmp_path)])
    assert result.exit_code == 1 and "asyncapi.yaml" in result.output and "need.v1.json" in result.output
    assert runner.invoke(schemas_cmd.app, ["export", "--root", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "json" / "need.v1.json").is_file()
    assert runner.invoke(schemas_cmd.app, ["export", "--check", "--root", str(tmp_path)]).exit_code == 0


def _line(model: object) -> str:
    return to_http_structured(model).body.decode()  # type: ignore[arg-type]


def test_validate_reports_bad_lines_and_summary(tmp_path: Path) -> None:
    good_need = _line(Need.model_validate(sample_need_data()))
    good_offer = _line(Offer.model_validate(sample_offer_data()))
    bad_ags = json.loads(good_need)
    bad_ags["data"]["area"]["ags"] = "99123456"
    missing_type = json.loads(good_offer)
    del missing_type["type"]
    file = tmp_path / "events.jsonl"
    file.write_text("\n".join([good_need, json.dumps(bad_ags), "", good_offer, json.dumps(missing_type), "{oops"]) + "\n")
    result = runner.invoke(schemas_cmd.app, ["validate", str(file)])
    assert result.exit_code == 1
    out = result.output
    assert "line 2: data.area.ags: AGS must start with a Land code 01..16" in out and "(got 99123456)" in out
    assert "line 5: type: required attribute is missing" in out
    assert "line 6: body: is not valid JSON" in out
    assert out.strip().splitlines()[-1] == "2 valid, 3 invalid"


def test_validate_all_good_exits_zero(tmp_path: Path) -> None:
    file = tmp_path / "events.jsonl"
    file.write_text(_line(Need.model_validate(sample_need_data())) + "\n")
    result = runner.invoke(schemas_cmd.app, ["validate", str(file)])
    assert result.exit_code == 0 and result.output.strip().endswith("1 valid, 0 invalid")


def test_validate_never_echoes_personal_data(tmp_path: Path) -> None:
    event = json.loads(_line(Need.model_validate(sample_need_data())))
    event["data"]["description"] = "Rückruf 0151-1234567"
    file = tmp_path / "events.jsonl"
    file.write_text(json.dumps(event) + "\n")
    result = runner.invoke(schemas_cmd.app, ["validate", str(file)])
    assert result.exit_code == 1 and "data.description: contains a phone number" in result.output
    assert "1234567" not in result.output
