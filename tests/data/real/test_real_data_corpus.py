"""The real-data corpus is what its NOTES.md files say it is.

Connector and duplicate-detection tests rely on these files staying byte-identical to their public
sources (a CRLF converted by an editor or by git changes what a connector sees) and on the
hand-checked counts and labelled pairs agreeing with the data. Standard library only, so the
checks run in well under a second.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent


def read_records(relative: str, *, skip_tag_row: bool = False) -> list[dict[str, str]]:
    with (CORPUS / relative).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        records = list(reader)
    return records[1:] if skip_tag_row else records


def listed_checksums() -> list[tuple[str, str]]:
    lines = (CORPUS / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    return [(line[:64], line[66:]) for line in lines if line.strip()]


def as_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def valid_point(lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0, 0)


@pytest.mark.parametrize(("digest", "relative"), listed_checksums(), ids=lambda value: str(value)[:40])
def test_every_source_file_is_byte_identical_to_what_was_checked(digest: str, relative: str) -> None:
    assert hashlib.sha256((CORPUS / relative).read_bytes()).hexdigest() == digest, relative


def test_every_data_file_is_covered_by_a_checksum_or_made_here() -> None:
    listed = {relative for _, relative in listed_checksums()}
    made_here = {"muc_helferkreise/links.csv", "nyc_service_volunteer/audit_pairs.csv"}
    present = {
        path.relative_to(CORPUS).as_posix() for path in CORPUS.rglob("*") if path.suffix in {".csv", ".json"}
    }
    assert present == listed | made_here


@pytest.mark.parametrize(
    ("relative", "skip_tag_row", "count"),
    [
        ("unhcr_3w/unhcr-3w.csv", True, 2250),
        ("rowca_3w/rowca-3w-hxl.csv", True, 244),
        ("muc_helferkreise/helferkreise-2016.csv", False, 56),
        ("muc_helferkreise/helferkreise-2020.csv", False, 50),
        ("nyc_service_volunteer/nyc-service-volunteer-opportunities.csv", False, 665),
        ("openreferral_hsds/ohana_2014/location.csv", False, 21),
        ("openreferral_hsds/ohana_2014/address.csv", False, 40),
        ("openreferral_hsds/hsds3/csv/services.csv", False, 1),
    ],
)
def test_record_counts_match_the_notes(relative: str, skip_tag_row: bool, count: int) -> None:
    assert len(read_records(relative, skip_tag_row=skip_tag_row)) == count


def test_unhcr_3w_has_its_hxl_tag_row_and_a_valid_point_decimal_coordinate_in_every_row() -> None:
    rows = read_records("unhcr_3w/unhcr-3w.csv")
    assert rows[0]["Latitude"] == "#lat_deg" and rows[0]["Organisation name"] == "#org"
    points = [(as_float(row["Latitude"]), as_float(row["Longitude"])) for row in rows[1:]]
    assert sum(valid_point(lat, lon) for lat, lon in points) == 2250
    assert points[0] == (8.25, 16.42)


def test_rowca_3w_report_ids_repeat_only_across_the_two_partners_of_one_joint_project() -> None:
    rows = read_records("rowca_3w/rowca-3w-hxl.csv", skip_tag_row=True)
    by_report: dict[str, set[str]] = {}
    for row in rows:
        by_report.setdefault(row["ReportDetailId"], set()).add(row["Organization"])
    repeated = {report: orgs for report, orgs in by_report.items() if len(orgs) > 1}
    assert sorted(repeated) == ["622", "623", "624", "625"]
    partners = {
        "United Nations Entity for Gender Equality and the Empowerment of Women",
        "United Nations Population Fund",
    }
    assert all(orgs == partners for orgs in repeated.values())
    assert len({(row["ReportDetailId"], row["Organization"]) for row in rows}) == 244


@pytest.mark.parametrize(("relative", "valid"), [("helferkreise-2016.csv", 55), ("helferkreise-2020.csv", 49)])
def test_helper_circle_snapshots_have_one_circle_without_coordinates(relative: str, valid: int) -> None:
    rows = read_records(f"muc_helferkreise/{relative}")
    assert sum(valid_point(as_float(row["lat"]), as_float(row["long"])) for row in rows) == valid
    assert [row["name"] for row in rows if not row["lat"]] == ["Helferkreis Germering"]


def test_helper_circle_links_point_at_records_with_the_linked_names() -> None:
    old = read_records("muc_helferkreise/helferkreise-2016.csv")
    new = read_records("muc_helferkreise/helferkreise-2020.csv")
    links = read_records("muc_helferkreise/links.csv")
    assert len(links) == 49
    for link in links:
        assert old[int(link["record_2016"]) - 1]["name"] == link["name_2016"]
        assert new[int(link["record_2020"]) - 1]["name"] == link["name_2020"]
        assert (link["renamed"] == "yes") == (link["name_2016"].strip() != link["name_2020"].strip())
    assert len({link["record_2016"] for link in links}) == len({link["record_2020"] for link in links}) == 49
    assert sum(link["renamed"] == "yes" for link in links) == 1
    assert sum(link["homepage_changed"] == "yes" for link in links) == 11


def test_nyc_listing_coordinates_parse_from_both_sources() -> None:
    rows = read_records("nyc_service_volunteer/nyc-service-volunteer-opportunities.csv")
    columns = [row for row in rows if valid_point(as_float(row["Latitude"]), as_float(row["Longitude"]))]
    localities = [ast.literal_eval(row["locality"]) for row in rows if row["locality"]]
    assert len(columns) == 383
    assert sum(valid_point(as_float(item["latitude"]), as_float(item["longitude"])) for item in localities) == 595
    museum = next(row for row in rows if row["opportunity_id"] == "5049")
    assert (float(museum["Latitude"]), float(museum["Longitude"])) == (40.785298, -73.957263)
    assert json.loads(ast.literal_eval(museum["locality"])["human_address"])["address"] == "1109 Fifth Avenue"


def test_audit_pairs_name_real_records_and_carry_a_label_and_a_reason() -> None:
    rows = read_records("nyc_service_volunteer/nyc-service-volunteer-opportunities.csv")
    by_id = {row["opportunity_id"]: (number, row) for number, row in enumerate(rows, start=1)}
    pairs = read_records("nyc_service_volunteer/audit_pairs.csv")
    assert len(pairs) == 506
    seen: set[frozenset[str]] = set()
    for pair in pairs:
        for side in ("a", "b"):
            number, row = by_id[pair[f"opportunity_id_{side}"]]
            assert int(pair[f"record_{side}"]) == number
            assert row["title"].strip() == pair[f"title_{side}"]
            assert row["org_title"] == pair[f"organisation_{side}"]
        key = frozenset((pair["opportunity_id_a"], pair["opportunity_id_b"]))
        assert len(key) == 2 and key not in seen
        seen.add(key)
        assert pair["label"] in {"same", "different"} and pair["confidence"] in {"high", "medium"}
        assert pair["reason"].strip()
    assert sum(pair["label"] == "same" for pair in pairs) == 26
    same_organisation = [pair for pair in pairs if pair["organisation_a"] == pair["organisation_b"]]
    assert sum(pair["label"] == "different" for pair in same_organisation) == 422


def test_audit_pair_labels_are_transitively_consistent() -> None:
    pairs = read_records("nyc_service_volunteer/audit_pairs.csv")
    group: dict[str, str] = {}

    def root(opportunity: str) -> str:
        while group.setdefault(opportunity, opportunity) != opportunity:
            opportunity = group[opportunity]
        return opportunity

    for pair in pairs:
        if pair["label"] == "same":
            group[root(pair["opportunity_id_a"])] = root(pair["opportunity_id_b"])
    members = list(group)
    sizes = sorted(sum(root(member) == leader for member in members) for leader in {root(m) for m in members})
    assert sizes == [2] * 9 + [3, 7]
    inside_a_group = [
        pair["pair"]
        for pair in pairs
        if pair["label"] == "different" and root(pair["opportunity_id_a"]) == root(pair["opportunity_id_b"])
    ]
    assert inside_a_group == []
