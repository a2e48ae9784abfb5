"""The connector configs of examples/real/ on the real public files of tests/data/real/.

For every file: read = ok + dead-lettered + duplicate keys; one entity per distinct source record;
no traceback; and the counts and example values hand-checked in each dataset's NOTES.md.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors import load_connector
from hub.cli import connect_cmd
from hub.connect.preview import PreviewReport, preview, write_events
from hub.replay.offers import find_clusters_in_lines
from hub.replay.reading import read_events
from schemas import Offer

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = ROOT / "examples" / "real"

# config -> (records in the file, of them unreadable, distinct records, with valid coordinates), from NOTES.md
HAND_CHECKED = {
    "unhcr-3w.yaml": (2250, 0, 2250, 2250),
    "rowca-3w.yaml": (244, 0, 244, 0),
    "muc-helferkreise-2016.yaml": (56, 0, 56, 55),
    "muc-helferkreise-2020.yaml": (50, 0, 50, 49),
    "nyc-service-volunteer.yaml": (665, 0, 665, 383),  # the Latitude/Longitude columns (383 rows)
    "openreferral-hsds3.yaml": (1, 0, 1, 0),  # latitude 100
    "ohana-2014-locations.yaml": (21, 1, 21, 0),  # record 7 has 13 values for 12 columns; all "0.0,0.0"
}


@cache
def report(config: str) -> PreviewReport:
    return preview(load_connector(CONFIGS / config))


def offers(config: str) -> dict[str, Offer]:
    return {o.source_record_id: o for o in report(config).events if isinstance(o, Offer)}


def test_every_real_config_is_covered() -> None:
    assert sorted(p.name for p in CONFIGS.glob("*.yaml")) == sorted(HAND_CHECKED)


@pytest.mark.parametrize("config", sorted(HAND_CHECKED))
def test_counts_reconcile_with_the_hand_checked_values(config: str) -> None:
    records, unreadable, distinct, with_coordinates = HAND_CHECKED[config]
    r = report(config)
    assert r.read == r.ok + r.dead_lettered + r.duplicate_keys == records
    assert r.dead_lettered == unreadable and r.duplicate_keys == 0, (r.reasons, r.duplicates)
    assert len(r.entity_ids) + r.dead_lettered == len(r.events) + r.dead_lettered == distinct
    located = [e for e in r.events if e.location and e.location.lat is not None and e.location.lon is not None]
    assert len(located) == with_coordinates


@pytest.mark.parametrize(("key", "lat", "lon"), [
    ("Chad | Logone Oriental | Camp Management | CNARR", 8.25, 16.42),  # file line 3
    ("Kenya | Nairobi | Community Services | Centre for Domestic Training & Development", -1.29147, 36.8233),  # 328
    ("Liberia | Montserrado | Child Protection | UNICEF", 6.48725, -10.5526),  # line 384
])
def test_3w_coordinates_are_read_right(key: str, lat: float, lon: float) -> None:
    offer = offers("unhcr-3w.yaml")[key]
    assert offer.location is not None and (offer.location.lat, offer.location.lon) == (lat, lon)
    assert offer.title.endswith(key.rsplit(" | ", 1)[1]) and offer.location.name == key.split(" | ")[1]


def test_3w_untagged_url_column_is_mapped_and_repaired() -> None:
    urls = {o.contact.url for o in offers("unhcr-3w.yaml").values() if o.contact and o.contact.url}
    assert "http://www.unicef.org/infobycountry/liberia.html" in urls
    assert all(" " not in u and "\xa0" not in u and u.startswith(("http://", "https://")) for u in urls)


def test_3w_key_of_an_untagged_and_a_tagged_column() -> None:
    # ReportDetailId alone is not unique (240 of 244): combined with the organisation it is
    keys = list(offers("rowca-3w.yaml"))
    assert len({k.split(" | ")[0] for k in keys}) == 240 and len(set(keys)) == 244


@pytest.mark.parametrize(("name", "lat", "lon"), [
    ("Helferkreis Zorneding", 48.08696, 11.827109),
    ("Asylhelferkreis Otterfing", 47.909209, 11.675348),
    ("Helferkreis Moorenweis", 48.154812, 11.080725),
])
def test_helper_circle_coordinates_in_both_snapshots(name: str, lat: float, lon: float) -> None:
    for config in ("muc-helferkreise-2016.yaml", "muc-helferkreise-2020.yaml"):
        offer = offers(config)[name]
        assert offer.location is not None and (offer.location.lat, offer.location.lon) == (lat, lon)


def test_helper_circle_oddities_are_survived() -> None:
    circles = offers("muc-helferkreise-2016.yaml")
    bergkirchen = circles["Helferkreis Bergkirchen"]  # a homepage in the e-mail column
    assert bergkirchen.contact is not None and bergkirchen.contact.email is None
    assert [(n.field, n.code) for n in bergkirchen.quality or ()] == [("contact.email", "dropped_invalid")]
    assert circles["Helferkreis Asyl Würmtal"].contact.url == "http://www.asylkreis-wuermtal.de/"  # type: ignore[union-attr]
    erding = circles["AGA Aktionsgruppe Asyl Erding"]  # street and house number joined
    assert erding.location is not None and erding.location.street == "Postfach 1437"
    assert circles["Flüchtlingsunterstützerkreis Neufahrn"].title == "Flüchtlingsunterstützerkreis Neufahrn"


def test_nyc_examples_and_contacts_moved_out_of_the_text() -> None:
    postings = offers("nyc-service-volunteer.yaml")
    museum = postings["5049"]
    assert museum.location is not None and (museum.location.lat, museum.location.lon) == (40.785298, -73.957263)
    moved = [o for o in postings.values() if any(n.code == "contact_moved" for n in o.quality or ())]
    assert moved and all("[→ Kontakt]" in o.description and o.contact for o in moved)


def test_hsds_example_keeps_the_service_and_notes_what_it_dropped() -> None:
    [service] = offers("openreferral-hsds3.yaml").values()
    assert service.location is not None and service.location.name == "MyCity Civic Center"
    assert (service.location.lat, service.location.lon, service.location.postcode) == (None, None, None)
    assert service.contact is not None and service.contact.phone == "+44 1234 234567"
    assert service.schedule is None  # its one rule breaks RFC 5545 (BYWEEKNO with WEEKLY)
    notes = {n.field: n.reason for n in service.quality or ()}
    assert set(notes) == {"location.lat", "location.lon", "location.postcode", "schedule.rules[0]"}
    assert "BYWEEKNO" in notes["schedule.rules[0]"]


def test_broken_ohana_export_reads_what_it_can() -> None:
    [(reason, group)] = report("ohana-2014-locations.yaml").reasons.items()
    assert reason == "READ column 13: row has 13 cells, header 12" and group.examples == ["location.csv row 7"]
    centre = offers("ohana-2014-locations.yaml")["Lf8PJ9dQhHUmHNtNba8LxRfXo"]
    assert centre.contact is not None and centre.contact.email == "cgonzalez@peninsulafamilyservice.org"


def test_preview_cli_writes_events_replay_reads(tmp_path: Path) -> None:
    out = tmp_path / "circles.jsonl"
    result = CliRunner().invoke(connect_cmd.app, ["preview", str(CONFIGS / "muc-helferkreise-2020.yaml"),
                                                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "read 50 = ok 50 + dead-lettered 0 + duplicate keys 0" in " ".join(result.output.split())
    events, bad = read_events(out.read_text(encoding="utf-8").splitlines())
    assert not bad and len(events) == 50
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["specversion"] == "1.0"


def test_two_snapshots_as_two_sources_link_the_same_circles_in_dedupe() -> None:
    # the acceptance of the helper-circle list: previewed events of both snapshots, one dedupe run
    out = StringIO()
    names: dict[str, tuple[str, str]] = {}
    for year in ("2016", "2020"):
        events = report(f"muc-helferkreise-{year}.yaml").events
        write_events(events, out)
        names.update({e.id: (year, e.source_record_id) for e in events})
    result = find_clusters_in_lines(out.getvalue().splitlines())
    found = set()
    for cluster in result.clusters:
        members = [names[i] for i in cluster.members if cluster.kind == "same_offer"]
        found |= {(a, b) for ya, a in members if ya == "2016" for yb, b in members if yb == "2020"}
    with (ROOT / "tests/data/real/muc_helferkreise/links.csv").open(encoding="utf-8", newline="") as f:
        links = {(r["name_2016"].strip(), r["name_2020"].strip()) for r in csv.DictReader(StringIO(f.read()))}
    assert not found - links  # no wrong link
    assert len(found & links) >= 40  # of 49 (45 today: a rename and three circles filed apart are missed)


def test_3w_with_the_built_in_mapping_only_keeps_every_row_apart(tmp_path: Path) -> None:
    # no record_id, no columns: the whole-row key; the file's sectors are not mapped, so many dead-letter
    config = tmp_path / "plain.yaml"
    config.write_text(f"name: plain\nkind: hxl\nsource: urn:plain\npath: {ROOT / 'tests/data/real/unhcr_3w'}\n"
                      "defaults: {area.ags: '11000000'}\n", encoding="utf-8")
    r = preview(load_connector(config))
    assert r.read == r.ok + r.dead_lettered + r.duplicate_keys == 2250 and r.duplicate_keys == 0
    assert r.ok > 0 and len(r.entity_ids) == r.ok
    assert all(e.location and e.location.lat is not None for e in r.events)  # #lat_deg / #lon_deg are built in
    assert {reason.split(":")[0] for reason in r.reasons} == {"NORMALISE category"}
