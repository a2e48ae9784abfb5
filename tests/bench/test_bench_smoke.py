"""Each benchmark runs end to end at a trivial size (no assertions on speed: benchmarks are not tests)."""

from __future__ import annotations

import json

import pytest

from bench import dedupe_quality, dedupe_scaling, harness, latency, recovery, throughput, timers

pytestmark = pytest.mark.kafka


@pytest.fixture(autouse=True)
def _results_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setattr(harness, "RESULTS", tmp_path)


def test_throughput(kafka, tmp_path):
    figures = throughput.main(kafka.bootstrap_servers, 60, 1, 240, False)
    report = json.loads((tmp_path / "throughput.json").read_text())
    assert "ratio" in report and figures["raw_events_per_s"] > 0
    # the worker and the faust floor each read the whole backlog through both stages
    assert report["details"]["hub"]["complete"] and report["details"]["floor"]["complete"]
    assert report["details"]["floor"]["forwarded_to_area_stream"] == 60
    # the one-stage floor reads each record once and is done when the canonical topics are committed
    assert report["details"]["floor_one_stage"]["complete"] and report["details"]["floor_one_stage"]["events"] == 60
    assert (tmp_path / "throughput.png").exists()


def test_latency(kafka, tmp_path):
    latency.main(kafka.bootstrap_servers, [20], 2, 0.5, 60, 1)
    report = json.loads((tmp_path / "latency.json").read_text())
    assert {"p50_ms", "p95_ms", "p99_ms"} <= report.keys()


def test_timers(tmp_path):
    figures = timers.main([300, 600], 10)
    report = json.loads((tmp_path / "timers.json").read_text())
    # both engines raise the same gaps at each size
    assert [p["gaps_raised"] for p in report["heap"]] == [p["gaps_raised"] for p in report["listing_before"]]
    assert all(p["gaps_raised"] > 0 for p in figures["heap"])


def test_dedupe_scaling(tmp_path):
    dedupe_scaling.main([200, 400], [200], 1, 20)
    assert json.loads((tmp_path / "dedupe_scaling.json").read_text())["ms_per_offer"]


def test_dedupe_quality(tmp_path, monkeypatch):
    monkeypatch.setattr(dedupe_quality, "RESULTS", tmp_path / "dedupe_quality.json")
    dedupe_quality.main("smoke", 100)
    sets = json.loads((tmp_path / "dedupe_quality.json").read_text())["smoke"]["sets"]
    # every generator family and both real listings, each scored
    assert {"A-seed2", "B-seed2", "E-seed5-held-out", "real-muc_helferkreise", "real-nyc_service_volunteer"} <= sets.keys()
    assert all(figures["offers"] > 0 for figures in sets.values())


def test_recovery(kafka, tmp_path):
    recovery.main(kafka.bootstrap_servers, [200], 1, 240)
    seconds = json.loads((tmp_path / "recovery.json").read_text())["seconds"]["200"]
    assert seconds["cold_start_s"] is not None and seconds["cold_start_loop_held_max_s"] >= 0.0
    # the replacement (same name, empty state) and the restart (state kept) processed their probes
    assert seconds["replacement_from_kill_s"] is not None and seconds["restart_from_kill_s"] is not None
