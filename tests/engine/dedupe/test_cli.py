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


def _exported(index: int, location: dict, **fields: object) -> str:
    """An offer line as another system exports it: its own names for some fields."""
    return json.dumps({
        "id": f"00000000-0000-4000-8000-00000000000{index}", "source": f"portal-{index}", "source_record_id": f"r{index}",
        "revision": 1, "title": "Sprachcafé", "category": "language_education",
        "organisation": {"name": "Sprachcafé Nord e.V.", "kind": "association"}, "area": {"ags": "09162000"},
        "location": location, "occurred_at": "2026-01-01T00:00:00+01:00", **fields,
    }, ensure_ascii=False) + "\n"


def test_an_export_naming_fields_otherwise_is_read_under_the_contracts_names_unless_strict(tmp_path: Path) -> None:
    offers = tmp_path / "export.jsonl"
    offers.write_text(
        _exported(1, {"venue": "Pfarrsaal St. Anna", "street": "Annastraße 3", "zip": "ABC 12"},
                  contact={"telephone": "+49 89 5550123"})
        + _exported(2, {"name": "Pfarrsaal St. Anna", "street": "Annastr. 3"}, contact={"phone": "089 5550123"})
        + _exported(3, {"name": "Pfarrsaal St. Anna"}, description="Anmeldung bei Frau A., geb. 12.03.1980"),
        encoding="utf-8")
    out = tmp_path / "clusters.jsonl"
    lenient = CliRunner().invoke(app, ["dedupe", str(offers), "--out", str(out)])
    assert lenient.exit_code == 0, lenient.output
    assert "read 2 offers (1 bad lines)" in lenient.output
    assert "location.venue -> location.name (1)" in lenient.output
    assert "contact.telephone -> contact.phone (1)" in lenient.output
    assert "location.postcode dropped as invalid (1)" in lenient.output
    assert "export.jsonl:3 description: contains a birth date" in lenient.output  # personal data: still refused
    clusters = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [sorted(c["offer_ids"]) for c in clusters] == [[f"00000000-0000-4000-8000-00000000000{i}" for i in (1, 2)]]
    venue = next(pair["fields"]["venue"] for c in clusters for pair in c["evidence"])
    assert venue == 1.0  # the renamed place name and the street are compared, not lost

    strict = CliRunner().invoke(app, ["dedupe", str(offers), "--out", str(out), "--strict"])
    assert strict.exit_code == 0, strict.output
    assert "read 1 offers (2 bad lines)" in strict.output
    assert "location.venue: unknown field: the contract calls it 'name'" in strict.output
