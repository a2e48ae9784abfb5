"""The real fixtures under tests/data/real/ as offer JSON lines plus labels, for bench/dedupe_quality.py.

- muc_helferkreise: the 2016 and 2020 snapshots of Munich's helper-circle list as offers; links.csv
  (hand-made, ODbL) says which records are the same circle: precision and recall of the linkage.
- nyc_service_volunteer: NYC Service's 2011 listing of 665 volunteer roles (English), one-time roles with
  their day as a one-off window; audit_pairs.csv
  holds hand-labelled pairs: audit precision of what is found among them, and the largest cluster
  (one organisation's different roles must not chain).

The listings are not German offers: their fields are mapped as each NOTES.md says; category and
municipality code are placeholders (the contract requires them; dedupe scopes by the code, and one
listing is one municipality).
"""

from __future__ import annotations

import ast
import csv
import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
_NAMESPACE = uuid.UUID("5d0c4a1e-7b1f-5c2e-9f3a-1c2b3d4e5f60")
Pair = tuple[str, str]


def _offer(offer_id: str, source: str, ags: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": offer_id, "source": source, "source_record_id": offer_id, "revision": "1",
        "category": fields.pop("category", "everyday_help"), "area": {"ags": ags, "districts": []},
        "status": "active", "occurred_at": "2026-01-01T00:00:00+00:00", **fields,
    }


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text and text.strip() else None
    except ValueError:
        return None


def munich() -> tuple[list[str], dict[str, str]] | None:
    folder = REAL / "muc_helferkreise"
    if not (folder / "links.csv").exists():
        return None
    lines: list[str] = []
    label_of: dict[str, str] = {}
    ids: dict[tuple[str, int], str] = {}
    for year in ("2016", "2020"):
        with (folder / f"helferkreise-{year}.csv").open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=1):
                offer_id = str(uuid.uuid5(_NAMESPACE, f"muc:{year}:{number}"))
                ids[(year, number)] = offer_id
                label_of[offer_id] = f"{year}-{number}"
                street = " ".join(part.strip() for part in (row.get("street") or "", row.get("number") or "") if part.strip())
                postcode = (row.get("city code") or "").strip()
                location = {"street": street or None, "postcode": postcode if len(postcode) == 5 else None,
                            "city": (row.get("city") or "").strip() or None,
                            "lat": _number(row.get("lat")), "lon": _number(row.get("long"))}
                email = (row.get("email") or "").strip()
                contact = {"email": email if "@" in email and " " not in email else None,
                           "url": (row.get("homepage") or "").strip() or None, "phone": None}
                lines.append(json.dumps(_offer(
                    offer_id, f"urn:koordinate:initiative:helferkreise-{year}", "09162000",
                    title=row["name"].strip(), description=(row.get("desc") or "").strip(),
                    organisation={"name": row["name"].strip(), "kind": "initiative"},
                    location=location if any(location.values()) else None,
                    contact=contact if contact["email"] or contact["url"] else None,
                ), ensure_ascii=False))
    with (folder / "links.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            old, new = ids[("2016", int(row["record_2016"]))], ids[("2020", int(row["record_2020"]))]
            label_of[new] = label_of[old]
    return lines, label_of


def _nyc_coordinates(row: dict[str, str]) -> tuple[float | None, float | None, str | None]:
    lat, lon = _number(row.get("Latitude")), _number(row.get("Longitude"))
    street = None
    if row.get("locality"):
        try:
            locality = ast.literal_eval(row["locality"])
            address = json.loads(locality.get("human_address") or "{}")
            street = address.get("address") or None
            if lat is None:
                lat, lon = _number(locality.get("latitude")), _number(locality.get("longitude"))
        except (ValueError, SyntaxError):
            pass
    return lat, lon, street


_NYC_CATEGORIES = {"Education": "language_education", "Health": "health", "Helping Neighbors in Need": "everyday_help",
                   "Strengthening Communities": "support_training", "Environment": "leisure_sport",
                   "Emergency Preparedness": "support_materials"}


def _nyc_one_off_day(row: dict[str, str]) -> dict[str, Any] | None:
    """A one-time opportunity as a one-off window over its day (the listing gives no hour)."""
    if (row.get("recurrence_type") or "").strip() != "onetime" or not (row.get("start_date_date") or "").strip():
        return None
    day = datetime.strptime(row["start_date_date"].strip(), "%B %d %Y").replace(tzinfo=ZoneInfo("America/New_York"))
    return {"timezone": "America/New_York",
            "windows": [{"start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat()}]}


def new_york() -> tuple[list[str], dict[Pair, bool]] | None:
    folder = REAL / "nyc_service_volunteer"
    if not (folder / "audit_pairs.csv").exists():
        return None
    lines: list[str] = []
    id_of: dict[str, str] = {}
    with (folder / "nyc-service-volunteer-opportunities.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            offer_id = str(uuid.uuid5(_NAMESPACE, f"nyc:{row['opportunity_id']}"))
            id_of[row["opportunity_id"]] = offer_id
            lat, lon, street = _nyc_coordinates(row)
            postcode = (row.get("Postcode") or "").strip()
            location = {"street": street, "postcode": None, "city": "New York", "lat": lat, "lon": lon}
            schedule = _nyc_one_off_day(row)
            lines.append(json.dumps(_offer(
                offer_id, "urn:koordinate:municipal:nyc:nycservice", "02000000",
                title=row["title"].strip(), description=(row.get("summary") or "").strip(),
                organisation={"name": row["org_title"].strip(), "kind": "association"},
                location=location, contact=None, **({"schedule": schedule} if schedule else {}),
                category=_NYC_CATEGORIES.get((row.get("category_desc") or "").strip(), "everyday_help"),
                **({"source_record_id": f"{row['opportunity_id']}-{postcode}"} if postcode else {}),
            ), ensure_ascii=False))
    audit: dict[Pair, bool] = {}
    with (folder / "audit_pairs.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            a, b = id_of[row["opportunity_id_a"]], id_of[row["opportunity_id_b"]]
            audit[(a, b) if a < b else (b, a)] = row["label"].strip() == "same"
    return lines, audit
