"""`koordinate dedupe` reads offers other systems exported the way a person would read them.

Each habit of an exporting system (its own ids, an AGS without its leading zero, the organisation as
text, German status words, columns the contract does not know...) used to cost the whole offer and
every duplicate pair it is in. These tests hold what each repair reads, that the output and the
training labels keep the export's own ids, that a record the contract accepts is never touched, and
that personal data is still refused.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hub.cli.main import app
from hub.replay import find_clusters_in_lines
from hub.replay.export_repairs import repair
from hub.replay.lenient_offers import Leniency
from hub.replay.offers import offer_of_line
from hub.replay.reading import BadLine
from hub.replay.training import read_profiles
from schemas import Offer
from tests.synthetic.offers import generate_offers
from tests.synthetic_e import generate as generate_e


def _listing(**fields: Any) -> dict[str, Any]:
    """A weekly language café as a volunteer exchange lists it; `fields` replace or (None) remove fields."""
    record: dict[str, Any] = {
        "id": "2b7f3c52-9d4e-4c1a-8f0e-5a6b7c8d9e01", "source": "https://ehrenamt.kassel.example",
        "source_record_id": "post-881", "revision": 3, "title": "Sprachcafé für Geflüchtete",
        "description": "Jeden Mittwoch von 17 bis 19 Uhr üben wir gemeinsam Deutsch bei Kaffee und Kuchen.",
        "category": "language_education",
        "organisation": {"name": "Nachbarschaftshilfe Vorderer Westen e.V.", "kind": "association"},
        "area": {"ags": "06611000", "districts": ["Vorderer Westen"]},
        "location": {"name": "Stadtteilzentrum Vorderer Westen", "street": "Friedrich-Ebert-Straße 125",
                     "postcode": "34119", "city": "Kassel"},
        "schedule": {"timezone": "Europe/Berlin", "rules": [
            {"rrule": "FREQ=WEEKLY;BYDAY=WE", "dtstart": "2026-05-27T17:00:00+02:00", "duration_minutes": 120}]},
        "contact": {"email": "sprachcafe@nachbarschaftshilfe-vw.example"},
        "occurred_at": "2026-06-01T10:00:00+02:00",
    }
    for name, value in fields.items():
        if value is None:
            record.pop(name, None)
        else:
            record[name] = value
    return record


def _read(record: dict[str, Any]) -> tuple[Offer | BadLine, Leniency]:
    leniency = Leniency()
    return offer_of_line(1, json.dumps(record, ensure_ascii=False), leniency), leniency


@pytest.mark.parametrize(("fields", "read_as", "note"), [
    ({"area": {"ags": "6611000"}}, lambda o: o.area.ags == "06611000", "area.ags: leading zero restored"),
    ({"area": {"ags": 6611000}}, lambda o: o.area.ags == "06611000", "area.ags: leading zero restored"),
    ({"area": {"ags": "066110000000"}}, lambda o: o.area.ags == "06611000", "12-digit Regionalschlüssel"),
    ({"organisation": "Nachbarschaftshilfe Vorderer Westen e.V."},
     lambda o: (o.organisation.name, o.organisation.kind) == ("Nachbarschaftshilfe Vorderer Westen e.V.", "association"),
     "organisation: given as text"),
    ({"organisation": {"name": "Stadt Kassel, Sozialamt", "kind": "Behörde"}},
     lambda o: o.organisation.kind == "municipal", "organisation.kind: not a contract kind"),
    ({"organisation": {"name": "Ehrenamtsbörse Kassel", "kind": "Sonstige"}},
     lambda o: o.organisation.kind == "initiative", "organisation.kind: not a contract kind"),
    ({"status": "ausgebucht"}, lambda o: o.status == "full", "status: a source's own word"),
    ({"category": "Deutschkurs"}, lambda o: o.category == "language_education", "category: a source's own term"),
    ({"languages": "Deutsch, Arabisch und Farsi"}, lambda o: o.languages == ["de", "ar", "fa"], "languages:"),
    ({"languages": ["DE", "uk-UA"]}, lambda o: o.languages == ["de", "uk"], "languages:"),
    ({"target_groups": ["Frauen", "Geflüchtete Familien"]},
     lambda o: o.target_groups == ["frauen", "gefluechtete_familien"], "target_groups: free words"),
    ({"capacity": "ca. 20 Plätze"}, lambda o: o.capacity == 20, "capacity: a number in words"),
    ({"capacity": "nach Absprache"}, lambda o: o.capacity is None, "capacity: not a number, left out"),
    ({"occurred_at": "01.06.2026"}, lambda o: o.occurred_at.date().isoformat() == "2026-06-01", "a German date"),
    ({"occurred_at": None}, lambda o: o.occurred_at.year == 1970, "occurred_at: missing or unreadable"),
    ({"revision": "v3"}, lambda o: o.revision == 0, "revision: missing or not a whole number"),
    ({"valid_from": "ab sofort"}, lambda o: o.valid_from is None, "valid_from: unreadable, left out"),
    ({"title": "", "description": "Sprachcafé: jeden Mittwoch Deutsch üben bei Kaffee und Kuchen im Stadtteilzentrum"},
     lambda o: o.title == "Sprachcafé: jeden Mittwoch Deutsch üben bei Kaffee und Kuchen im", "title: missing"),
    ({"description": "Deutsch üben. " * 500}, lambda o: len(o.description) == 5000, "description: longer than 5,000"),
    ({"source": "Ehrenamt Kassel"}, lambda o: o.source == "Ehrenamt-Kassel", "source: missing or with spaces"),
    ({"tags": ["#sprache"], "updated": "gestern"}, lambda o: "tags" not in o.model_dump(), "tags ignored"),
])
def test_a_habit_of_an_exporting_system_is_read_not_refused(fields: dict[str, Any], read_as: Any, note: str) -> None:
    offer, leniency = _read(_listing(**fields))
    assert isinstance(offer, Offer), offer
    assert read_as(offer), offer.model_dump(mode="json")
    assert note in leniency.summary()
    assert leniency.records == 1


def test_the_output_and_the_training_labels_keep_the_exports_own_ids(tmp_path: Path) -> None:
    one = _listing(id="svc-0042")
    # the same café in a municipal app: its own id spelling, street abbreviated, no schedule
    other = _listing(id="2B7F3C52-9D4E-4C1A-8F0E-5A6B7C8D9E02", source="https://app.kassel.example",
                     title="Sprach-Café", schedule=None,
                     location={"name": "Stadtteilzentrum Vorderer Westen", "street": "Friedrich-Ebert-Str. 125",
                               "postcode": "34119", "city": "Kassel"})
    lines = [json.dumps(one), json.dumps(other)]
    result = find_clusters_in_lines(lines)
    assert [sorted(cluster.members) for cluster in result.clusters] == [
        ["2B7F3C52-9D4E-4C1A-8F0E-5A6B7C8D9E02", "svc-0042"]]
    profiles, bad = read_profiles(lines, Leniency())
    assert not bad
    assert sorted(profile.offer_id for profile in profiles) == ["2B7F3C52-9D4E-4C1A-8F0E-5A6B7C8D9E02", "svc-0042"]

    offers = tmp_path / "export.jsonl"
    offers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "clusters.jsonl"
    run = CliRunner().invoke(app, ["dedupe", str(offers), "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert "id: not a UUID, the output names the export's own id (1)" in run.output
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["offer_ids"] == [
        "2B7F3C52-9D4E-4C1A-8F0E-5A6B7C8D9E02", "svc-0042"]


def test_an_offer_no_word_of_which_names_a_category_is_compared_without_one() -> None:
    unnamed = _listing(id="svc-1", category="Sonstiges")
    named = _listing(id="svc-2")
    assert isinstance(offer_of_line(1, json.dumps(_listing(category=None)), Leniency()), Offer)
    leniency = Leniency()
    offer = offer_of_line(1, json.dumps(unnamed), leniency)
    assert isinstance(offer, Offer)
    assert leniency.profile(offer).category == ""
    result = find_clusters_in_lines([json.dumps(unnamed), json.dumps(named)])
    assert [sorted(cluster.members) for cluster in result.clusters] == [["svc-1", "svc-2"]]
    assert all("category" not in pair.fields for pair in result.clusters[0].evidence)  # no evidence either way


@pytest.mark.parametrize(("fields", "problem"), [
    ({"description": "Ansprechpartnerin Frau A., geb. 12.03.1980"}, "description: contains a birth date"),
    ({"area": {"ags": "Kassel"}}, "area.ags: AGS"),
    ({"area": {"ags": "1471300"}}, "area.ags: AGS"),  # Leipzig with its last zero lost: no guess
    ({"title": "", "description": ""}, "title:"),
])
def test_what_no_repair_can_read_is_still_refused_naming_the_field(fields: dict[str, Any], problem: str) -> None:
    offer, leniency = _read(_listing(**fields))
    assert isinstance(offer, BadLine)
    assert problem in offer.reason
    assert leniency.records == 0


@pytest.mark.parametrize("generated", [
    pytest.param(lambda: [{**record, "occurred_at": "2026-01-01T00:00:00+00:00"}
                          for record in generate_offers(seed=3, n_offers=300).records], id="generator-a"),
    pytest.param(lambda: generate_e(seed=3, n_offers=300)[0], id="generator-e"),
])
def test_a_record_the_contract_accepts_is_never_repaired(generated: Any) -> None:
    for record in generated():
        Offer.model_validate(record)
        data = copy.deepcopy(record)
        repaired = repair(data)
        assert repaired.notes == [] and repaired.original_id is None and not repaired.category_unknown, record["id"]
        assert data == record


@pytest.mark.parametrize("layout", ["array", "object", "lines with a byte-order mark"])
def test_an_export_written_as_one_json_document_is_read_item_by_item(tmp_path: Path, layout: str) -> None:
    records = [_listing(id="svc-1"), _listing(id="svc-2", source="https://app.kassel.example", title="Sprach-Café")]
    offers = tmp_path / "export.json"
    if layout == "array":
        offers.write_text(json.dumps(records, indent=2, ensure_ascii=False), encoding="utf-8")
    elif layout == "object":
        offers.write_text(json.dumps({"count": 2, "offers": records}, indent=2, ensure_ascii=False), encoding="utf-8")
    else:
        offers.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8-sig")
    out = tmp_path / "clusters.jsonl"
    run = CliRunner().invoke(app, ["dedupe", str(offers), "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert "read 2 offers (0 bad lines); 1 clusters holding 2 offers" in run.output
    assert json.loads(out.read_text(encoding="utf-8"))["offer_ids"] == ["svc-1", "svc-2"]
