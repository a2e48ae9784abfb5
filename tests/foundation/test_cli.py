"""The `koordinate` command: help everywhere, version, settings from env and file, one-line errors."""

from __future__ import annotations

import json

import pytest
import structlog
import typer
from typer.testing import CliRunner

from hub.cli.main import app
from hub.logs import configure_logging, event_logger
from hub.settings import load_settings

runner = CliRunner()


def _command_paths(command, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    if hasattr(command, "commands"):  # a group (typer vendors its own click classes)
        for name, sub in command.commands.items():
            paths += _command_paths(sub, (*prefix, name))
    return paths


@pytest.mark.parametrize("path", _command_paths(typer.main.get_command(app)), ids=" ".join)
def test_every_command_has_help(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("koordinate ")


def test_wrong_setting_in_environment_is_one_line_naming_it():
    result = runner.invoke(app, ["topics", "render"], env={"KOORDINATE_REPLICATION_FACTOR": "zero"})
    assert result.exit_code == 1
    assert "replication_factor" in result.output and "'zero'" in result.output
    assert "Traceback" not in result.output


def test_settings_file_toml_and_yaml_and_env_precedence(tmp_path, monkeypatch):
    toml = tmp_path / "hub.toml"
    toml.write_text('topic_prefix = "stadt-a"\nreplication_factor = 3\n[broker]\nport = 19092\n')
    monkeypatch.setenv("KOORDINATE_CONFIG", str(toml))
    monkeypatch.setenv("KOORDINATE_REPLICATION_FACTOR", "2")
    settings = load_settings()
    assert (settings.topic_prefix, settings.replication_factor, settings.broker.port) == ("stadt-a", 2, 19092)

    yml = tmp_path / "hub.yaml"
    yml.write_text("topic_prefix: stadt-b\n")
    monkeypatch.setenv("KOORDINATE_CONFIG", str(yml))
    assert load_settings().topic_prefix == "stadt-b"


def test_unknown_key_in_settings_file_is_refused(tmp_path):
    bad = tmp_path / "hub.yaml"
    bad.write_text("topik_prefix: typo\n")
    result = runner.invoke(app, ["--config", str(bad), "topics", "render"])
    assert result.exit_code == 1
    assert "topik_prefix" in result.output


def test_missing_settings_file_is_named(tmp_path):
    result = runner.invoke(app, ["--config", str(tmp_path / "nope.toml"), "topics", "render"])
    assert result.exit_code == 1
    assert "nope.toml" in result.output and "does not exist" in result.output


def test_json_log_lines_carry_event_id_and_source(capsys):
    configure_logging("json", "info")
    log = event_logger(structlog.get_logger("test"), event_id="ev-1", source="urn:koordinate:source:demo")
    log.info("applied", topic="koordinate.needs")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["event_id"] == "ev-1" and line["source"] == "urn:koordinate:source:demo"
    assert line["event"] == "applied" and line["level"] == "info" and "timestamp" in line


def test_console_log_format_is_not_json(capsys):
    configure_logging("console", "info")
    structlog.get_logger("test").info("applied", event_id="ev-2")
    err = capsys.readouterr().err
    assert "applied" in err and "ev-2" in err
    with pytest.raises(json.JSONDecodeError):
        json.loads(err.strip().splitlines()[-1])
