"""Config that extends the built-ins, joined columns, the AGS per row, RFC 5545 checks, preview and explain."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors import ConfigError, Position, load_config, load_connector
from connectors.hxl import DEFAULT_COLUMNS, HxlConfig
from connectors.rrule_check import rfc5545_problem
from hub.cli import connect_cmd
from hub.connect.preview import preview
from schemas import Offer
from tests.connect.helpers import write_config

TAGS = "Träger,Bereich,Straße,Nr.,Gemeinde\n#org,#sector,,,#adm3\n"


def hxl_config(tmp_path: Path, text: str, **config: object) -> Path:
    drop = tmp_path / "drop"
    drop.mkdir(parents=True, exist_ok=True)
    (drop / "3w.csv").write_text(text, encoding="utf-8")
    return write_config(tmp_path / "h.yaml", name="h", kind="hxl", source="urn:x", path=str(drop), **config)


def test_user_mapping_extends_the_builtins(tmp_path: Path) -> None:
    config = load_config(hxl_config(tmp_path, TAGS, columns={"title": "Bereich", "status": None},
                                    values={"status": {"läuft": "active"}}, defaults={"area.ags": "09162000"}))
    assert isinstance(config, HxlConfig)
    assert config.columns["title"] == "Bereich" and "status" not in config.columns  # null removes a built-in
    assert config.columns["organisation.name"] == DEFAULT_COLUMNS["organisation.name"]
    assert config.values["status"]["läuft"] == "active" and config.values["status"]["laufend"] == "active"
    # setting one default keeps the built-in organisation.kind (the trap of the replacing merge)
    assert config.defaults == {"organisation.kind": "initiative", "area.ags": "09162000"}


def test_joined_columns_and_ags_from_a_municipality_list(tmp_path: Path) -> None:
    (tmp_path / "gemeinden.csv").write_text("ags;name\n09162000;München\n09999001;Beispielheim\n", encoding="utf-8")
    text = TAGS + "Caritas,Bildung,Hauptstr.,12a,Beispielheim\nCaritas,Bildung,Ringstr.,3,Anderswo\n"
    c = load_connector(hxl_config(tmp_path, text, record_id=["#org", "Straße"],
                                  columns={"location.street": {"join": ["Straße", "Nr."], "sep": " "}},
                                  ags_lookup={"column": "#adm3", "by": "name", "table": "gemeinden.csv"},
                                  defaults={"area.ags": "09162000"}))
    first, second = (c.normalise(r)[0] for r in c.poll(Position()))
    assert isinstance(first, Offer) and isinstance(second, Offer)
    assert first.location is not None and first.location.street == "Hauptstr. 12a"
    assert (first.area.ags, second.area.ags) == ("09999001", "09162000")  # unknown name: the default


def test_municipality_list_problems_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "gemeinden.csv").write_text("schluessel,name\n1,X\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="gemeinden.csv needs the columns 'ags'"):
        load_config(hxl_config(tmp_path, TAGS, ags_lookup={"column": "#adm3", "table": "gemeinden.csv"}))


@pytest.mark.parametrize(("rule", "problem"), [
    ("FREQ=WEEKLY;BYDAY=TU,TH", None),
    ("FREQ=MONTHLY;BYDAY=2MO", None),
    ("FREQ=WEEKLY;BYWEEKNO=41,42", "BYWEEKNO is only allowed with FREQ=YEARLY"),
    ("FREQ=MONTHLY;BYYEARDAY=2", "BYYEARDAY is not allowed with FREQ=MONTHLY"),
    ("FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY is not allowed with FREQ=WEEKLY"),
    ("FREQ=WEEKLY;COUNT=3;UNTIL=20260101T000000Z", "COUNT and UNTIL"),
    ("FREQ=WEEKLY;BYDAY=1MO", "only allowed with MONTHLY or YEARLY"),
    ("FREQ=YEARLY;BYMONTH=13", "outside"),
    ("BYDAY=MO", "FREQ is required"),
])
def test_rrules_are_checked_against_rfc_5545(rule: str, problem: str | None) -> None:
    found = rfc5545_problem(rule)
    assert found is None if problem is None else (found is not None and problem in found)


def test_preview_exit_codes_and_explain(tmp_path: Path) -> None:
    runner = CliRunner()
    good = hxl_config(tmp_path, TAGS + "Caritas,Bildung,Hauptstr.,1,X\n", defaults={"area.ags": "09162000"})
    assert runner.invoke(connect_cmd.app, ["preview", str(good)]).exit_code == 0
    nothing = hxl_config(tmp_path / "n", TAGS + "Caritas,Bildung,Hauptstr.,1,X\n")  # no AGS: dead letter
    result = runner.invoke(connect_cmd.app, ["preview", str(nothing), "--limit", "5"])
    assert result.exit_code == 1 and "area.ags" in result.output
    bad = write_config(tmp_path / "bad.yaml", name="b", kind="hxl", source="urn:x", path=str(tmp_path), colums={})
    assert runner.invoke(connect_cmd.app, ["preview", str(bad)]).exit_code == 2
    explained = runner.invoke(connect_cmd.app, ["explain", str(good)])
    assert explained.exit_code == 0
    text = " ".join(explained.output.split())
    assert "#org+name | #org-type-code-id-acronym" in text and "record key: '*' (the whole row)" in text


def test_missing_key_column_refuses_the_file_and_preview_names_columns_it_lacks(tmp_path: Path) -> None:
    text = TAGS + "Caritas,Bildung,Hauptstr.,1,X\n"
    lacking = load_connector(hxl_config(tmp_path, text, record_id="Projekt-Nr"))
    [record] = list(lacking.poll(Position()))
    assert record.error is not None and "record key column 'Projekt-Nr' is not in the file" in str(record.error)
    assert "Träger #org" in str(record.error)
    c = load_connector(hxl_config(tmp_path, text, defaults={"area.ags": "09162000"},
                                  columns={"location.street": {"join": ["Straße", "Hausnummer"]}}))
    report = preview(c)
    assert report.ok == 1 and "location.street (Hausnummer)" in report.unmatched["3w.csv"]
    assert "contact.email (#contact+email)" in report.unmatched["3w.csv"]
