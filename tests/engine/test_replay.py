"""Effectively-once and determinism, and the replay/dedupe commands over JSON-lines files."""

from __future__ import annotations

import json
import random
from pathlib import Path

import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hub.cli import dedupe_cmd
from hub.cli.replay_cmd import replay
from hub.engine import Engine
from hub.engine.dedupe.config import DedupeConfig
from hub.replay import read_events, replay_events
from schemas import to_http_structured

DEMO = Path(__file__).parents[2] / "examples" / "events" / "demo.jsonl"
NOW = "2026-11-04T12:00:00+01:00"


def cli() -> typer.Typer:
    app = typer.Typer()
    app.command()(replay)
    app.add_typer(dedupe_cmd.app, name="dedupe")
    return app


def run_replay(lines: list[str]) -> list[str]:
    events, bad = read_events(lines)
    assert not bad
    return [to_http_structured(d).body.decode() for d in replay_events(events, Engine()).derived]


def test_redelivering_every_event_derives_nothing_new() -> None:
    events, _ = read_events(DEMO.read_text(encoding="utf-8").splitlines())
    engine = Engine()
    first = replay_events(events, engine)
    assert first.derived
    again = replay_events(events, engine)
    assert not again.derived and not again.rejections
    assert set(again.dispositions) == {"ignored"}


def test_two_fresh_engines_derive_identical_ids() -> None:
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    ids = [[json.loads(line)["id"] for line in run_replay(lines)] for _ in range(2)]
    assert ids[0] == ids[1] and len(ids[0]) == len(set(ids[0]))


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_any_arrival_order_gives_the_same_derived_events(rnd: random.Random) -> None:
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    shuffled = list(lines)
    rnd.shuffle(shuffled)
    assert run_replay(shuffled) == run_replay(lines)


def test_replay_cli_over_a_shuffled_file_writes_the_same_derived_events(tmp_path: Path) -> None:
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    shuffled = tmp_path / "shuffled.jsonl"
    random.Random(7).shuffle(lines)
    shuffled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for source, out in ((DEMO, tmp_path / "a.jsonl"), (shuffled, tmp_path / "b.jsonl")):
        result = CliRunner().invoke(cli(), ["replay", str(source), "--out", str(out), "--now", NOW])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    types = [json.loads(line)["type"] for line in outputs[0].splitlines()]
    assert types.count("org.koordinate.gap.v1") == 2 and "org.koordinate.duplicate.v1" in types
    first = json.loads(outputs[0].splitlines()[0])
    assert first["source"] == "urn:koordinate:hub" and first["specversion"] == "1.0"


def test_replay_cli_reports_bad_lines_and_a_summary(tmp_path: Path) -> None:
    good = DEMO.read_text(encoding="utf-8").splitlines()
    broken_model = json.loads(good[0])
    broken_model["data"]["area"]["ags"] = "99"
    derived_type = json.loads(good[0]) | {"type": "org.koordinate.match.v1"}
    source = tmp_path / "events.jsonl"
    source.write_text("\n".join([good[0], "{not json", json.dumps(broken_model), json.dumps(derived_type), *good[1:]]) + "\n",
                      encoding="utf-8")
    result = CliRunner().invoke(cli(), ["replay", str(source), "--out", str(tmp_path / "out.jsonl"), "--now", NOW])
    assert result.exit_code == 0, result.output
    assert f"{source}:2" in result.output and "not valid JSON" in result.output
    assert f"{source}:3" in result.output and "data.area.ags" in result.output
    assert f"{source}:4" in result.output
    assert "read 13 lines: 10 events, 3 bad lines; applied 10" in result.output.replace("\n", " ")


def test_replay_cli_refuses_a_now_without_offset(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli(), ["replay", str(DEMO), "--out", str(tmp_path / "o"), "--now", "2026-11-04T12:00"])
    assert result.exit_code != 0


def test_dedupe_cli_writes_one_line_per_cluster(tmp_path: Path) -> None:
    offers = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()
              if json.loads(line)["type"] == "org.koordinate.offer.v1"]
    source = tmp_path / "offers.jsonl"
    # one offer as a whole CloudEvent, the rest as bare data, and one bad line
    rows = [json.dumps(offers[0])] + [json.dumps(o["data"]) for o in offers[1:]] + ['{"id": "x"}']
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "clusters.jsonl"
    result = CliRunner().invoke(cli(), ["dedupe", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    [cluster] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert set(cluster) >= {"cluster_id", "kind", "offer_ids", "score", "evidence"}
    assert cluster["kind"] == "same_offer" and len(cluster["offer_ids"]) == 2
    assert f"{source}:5" in result.output
    assert "read 4 offers (1 bad lines); 1 clusters" in result.output.replace("\n", " ")


def _duplicate_events(out: Path) -> list[dict]:
    return [event for event in map(json.loads, out.read_text(encoding="utf-8").splitlines())
            if event["type"] == "org.koordinate.duplicate.v1"]


def test_replay_scores_duplicates_with_the_model_it_is_given(tmp_path: Path) -> None:
    shipped = json.loads((Path(__file__).parents[2] / "hub" / "engine" / "dedupe" / "model.json").read_text(encoding="utf-8"))
    # the same model with a prior so low that no evidence links a pair by itself
    sceptical = tmp_path / "sceptical.json"
    sceptical.write_text(json.dumps(shipped | {"version": "sceptical", "intercept": -60.0}), encoding="utf-8")
    default_out, sceptical_out = tmp_path / "default.jsonl", tmp_path / "sceptical.jsonl"
    result = CliRunner().invoke(cli(), ["replay", str(DEMO), "--out", str(default_out), "--now", NOW])
    assert result.exit_code == 0, result.output
    [duplicate] = _duplicate_events(default_out)
    assert duplicate["data"]["score"] >= DedupeConfig().auto_threshold
    # each field's weight travels with the evidence
    assert duplicate["data"]["evidence"][0]["weights"]
    result = CliRunner().invoke(cli(), ["replay", str(DEMO), "--out", str(sceptical_out), "--now", NOW,
                                        "--dedupe-model", str(sceptical)])
    assert result.exit_code == 0, result.output
    # nothing is linked; what the guards put before a person whatever the model (one organiser's same
    # title without place or time) stays at the review band's floor
    assert all(event["data"]["score"] <= DedupeConfig().review_threshold for event in _duplicate_events(sceptical_out))


def test_a_bad_model_file_is_refused_with_its_name_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({"format": "koordinate-dedupe-model/1", "version": "x", "intercept": 0, "weights": {}}),
                   encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "300"}).invoke(
        cli(), ["replay", str(DEMO), "--out", str(tmp_path / "o"), "--dedupe-model", str(bad)])
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "--dedupe-model" in message and "weights.title: missing" in message, result.output
