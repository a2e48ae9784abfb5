"""`koordinate dedupe --review --model` and `koordinate dedupe train` over files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from hub.cli.main import app

from tests.synthetic.offers import generate_offers


def _offers(tmp_path: Path, n: int = 300) -> tuple[Path, Path]:
    data = generate_offers(seed=5, n_offers=n)
    offers = tmp_path / "offers.jsonl"
    offers.write_text("".join(json.dumps({**r, "occurred_at": "2026-01-01T00:00:00+00:00"}) + "\n" for r in data.records),
                      encoding="utf-8")
    labels = tmp_path / "labels.csv"
    with labels.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["offer_id", "real_offer_id"])
        writer.writerows(sorted(data.cluster_of.items()))
    return offers, labels


def test_train_writes_a_model_that_dedupe_uses_and_review_writes_the_band(tmp_path: Path) -> None:
    offers, labels = _offers(tmp_path)
    model = tmp_path / "model.json"
    trained = CliRunner().invoke(app, ["dedupe", "train", "--offers", str(offers), "--labels", str(labels), "--out", str(model)])
    assert trained.exit_code == 0, trained.output
    stored = json.loads(model.read_text(encoding="utf-8"))
    assert stored["format"] == "koordinate-dedupe-model/1" and stored["version"] == "model"
    assert stored["trained_on"]["method"] == "logistic"

    out = tmp_path / "clusters.jsonl"
    found = CliRunner().invoke(app, ["dedupe", str(offers), "--model", str(model), "--review", "--out", str(out)])
    assert found.exit_code == 0, found.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["status"] for line in lines} >= {"suspected", "review"}
    for line in lines:
        assert line["weights"] and all(pair["weights"] for pair in line["evidence"])
    assert "pairs to review" in found.output


def test_a_broken_model_file_is_refused_naming_the_field(tmp_path: Path) -> None:
    offers, _ = _offers(tmp_path, 20)
    model = tmp_path / "model.json"
    model.write_text(json.dumps({"format": "koordinate-dedupe-model/1", "version": "x", "intercept": 0}), encoding="utf-8")
    result = CliRunner().invoke(app, ["dedupe", str(offers), "--model", str(model), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code != 0
    assert "weights" in result.output


def test_train_without_labels_or_reviews_asks_for_them(tmp_path: Path) -> None:
    offers, _ = _offers(tmp_path, 20)
    result = CliRunner().invoke(app, ["dedupe", "train", "--offers", str(offers), "--out", str(tmp_path / "m.json")])
    assert result.exit_code != 0
    assert "--labels" in result.output
