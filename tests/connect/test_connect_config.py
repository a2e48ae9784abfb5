"""Connector configs: unknown keys, kinds and fields are errors naming the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors import ConfigError, load_config
from hub.connect import load_connectors
from hub.errors import MisuseError
from tests.connect.helpers import EXAMPLES, need_config, write_config


def test_every_example_config_loads() -> None:
    configs = sorted(EXAMPLES.glob("*.yaml"))
    assert len(configs) >= 5
    assert {"csv", "hxl", "ical", "xlsx", "hsds", "open311", "json_rest"} <= {c.kind for c in map(load_config, configs)}


def test_unknown_top_level_key_is_named_with_the_file(tmp_path: Path) -> None:
    path = need_config(tmp_path, tmp_path, colums={"title": "x"})
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "unknown key 'colums'" in message and str(path) in message and "columns" in message


def test_unknown_canonical_field_in_columns_is_named(tmp_path: Path) -> None:
    path = write_config(tmp_path / "c.yaml", name="c", kind="csv", source="urn:x", path=".", entity="need",
                        record_id="Nr", columns={"titel": "Bezeichnung"})
    with pytest.raises(ConfigError, match=r"key 'columns'.*unknown field 'titel' for a need"):
        load_config(path)


def test_unknown_and_planned_kinds(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown connector kind 'cvs'.*known: csv, (\w+, )*xlsx"):
        load_config(write_config(tmp_path / "a.yaml", name="a", kind="cvs", source="urn:x"))
    # a planned kind says so; once it is available its own keys are asked for instead
    with pytest.raises(ConfigError, match="key 'services' is required"):
        load_config(write_config(tmp_path / "b.yaml", name="b", kind="open311", source="urn:x"))


def test_missing_key_and_bad_values(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"key 'source' is required"):
        load_config(write_config(tmp_path / "a.yaml", name="a", kind="hxl", path="."))
    with pytest.raises(ConfigError, match=r"key 'name'"):
        load_config(write_config(tmp_path / "b.yaml", name="Has Spaces", kind="hxl", source="urn:x", path="."))
    with pytest.raises(ConfigError, match="exactly one of 'url' and 'path'"):
        load_config(write_config(tmp_path / "c.yaml", name="c", kind="ical", source="urn:x",
                                 organisation={"name": "X", "kind": "initiative"}, area={"ags": "14713000"}))
    (tmp_path / "d.yaml").write_text("- just\n- a list\n")
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_config(tmp_path / "d.yaml")


def test_relative_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    config = load_config(write_config(tmp_path / "conf" / "h.yaml", name="h", kind="hxl", source="urn:x",
                                      path="../drop"))
    assert config.path == tmp_path / "conf" / ".." / "drop"  # type: ignore[attr-defined]


def test_runtime_reports_every_bad_file_and_duplicate_names(tmp_path: Path) -> None:
    good = need_config(tmp_path, tmp_path, name="same")
    (tmp_path / "x").mkdir()
    twin = need_config(tmp_path / "x", tmp_path, name="same")
    bad = write_config(tmp_path / "bad.yaml", name="bad", kind="csv", source="urn:x", extra_key=1)
    with pytest.raises(MisuseError) as caught:
        load_connectors([good, twin, bad])
    assert "unknown key 'extra_key'" in str(caught.value)
    assert "connector name 'same' is used by more than one config" in str(caught.value)
