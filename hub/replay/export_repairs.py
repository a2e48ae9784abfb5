"""Repairs of offers other systems exported, made before the contract reads them (`koordinate dedupe`).

A spreadsheet drops an AGS's leading zero, another system names its own ids ("svc-0042"), writes the
organisation as text, the status in German ("aktiv") or the category in its own words ("Sport"), and
carries columns the contract does not know ("tags", "updated"). Each of these used to cost the whole
offer, and with it every duplicate pair it is in. Read as a person would read them, the offer is
scored; each repair is counted under a name the user sees ("area.ags: leading zero restored").

The repairs change what the record *says about itself* only where the meaning is plain. Where it is
not, the value is left out: a category no word of the record names is no evidence either way. A text
with personal data is still refused, with the field and the reason. The gateway and the connectors
make only the smallest of these repairs (an AGS's leading zero, the source words of
`connectors/words.py`): there the publisher can fix the record.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from connectors.cells import ags_with_its_leading_zero, parse_date
from connectors.words import OFFER_STATUS_WORDS, ORGANISATION_KIND_WORDS
from schemas import OFFER_STATUSES, category_codes
from schemas._iso639 import ISO_639_1
from schemas.taxonomy import map_free_text

__all__ = ["REPAIRS", "Repaired", "repair"]

# The namespace of ids made for offers whose own id is no UUID: the same export gives the same ids.
EXPORT_ID_NAMESPACE = uuid.UUID("6f0c1f7e-4a44-5b8e-9d1b-0d3c6f1e2a57")
# occurred_at of an offer that names no time of its own: a day before any listing, so it never
# counts as the newer of two listings (hub/engine/dedupe/comparisons.py, `_ended_by`)
UNKNOWN_TIME = "1970-01-01T00:00:00+00:00"
EXPORT_SOURCE = "urn:koordinate:source:export"
# what an offer no word of which names a category carries through the contract; its profile has none
STAND_IN_CATEGORY = "everyday_help"

Repair = Callable[[dict[str, Any]], list[str]]


@dataclass
class Repaired:
    """What `repair` did to one record."""

    notes: list[str]  # the names of the repairs made; empty when none was needed
    original_id: str | None = None  # the export's own id, when the record's id had to be made
    category_unknown: bool = False  # nothing names a category: it stands in, the comparison leaves it out


def repair(data: dict[str, Any]) -> Repaired:
    """Repair `data` in place, and say what was done."""
    notes, original_id = _ids(data)
    notes += [note for fix in REPAIRS for note in fix(data)]
    category_unknown = not isinstance(data.get("category"), str) or data["category"] not in category_codes()
    if category_unknown:
        data["category"] = STAND_IN_CATEGORY
        notes.append("category: none named or unknown, left out of the comparison")
    return Repaired(notes, original_id, category_unknown)


def _ids(data: dict[str, Any]) -> tuple[list[str], str | None]:
    notes, original = [], None
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        data["source"] = EXPORT_SOURCE
        notes.append("source: missing or with spaces, read as a URI")
    elif re.search(r"\s", source):
        data["source"] = re.sub(r"\s+", "-", source.strip())
        notes.append("source: missing or with spaces, read as a URI")
    own = data.get("id")
    own_text = str(own).strip() if own not in (None, "") else ""
    if not data.get("source_record_id"):
        data["source_record_id"] = own_text or f"record-{uuid.uuid5(EXPORT_ID_NAMESPACE, repr(sorted(map(str, data.items()))))}"
        notes.append("source_record_id: missing, the record's id used")
    canonical = _canonical_uuid(own_text)
    if canonical is None:
        data["id"] = str(uuid.uuid5(EXPORT_ID_NAMESPACE, f"{data['source']}|{own_text or data['source_record_id']}"))
        if own_text:
            original = own_text
            notes.append("id: not a UUID, the output names the export's own id")
        else:
            notes.append("id: missing, made from source and source_record_id")
    elif canonical != own:
        data["id"], original = canonical, own_text
        notes.append("id: a UUID in another spelling, the output names the export's own")
    revision = data.get("revision")
    readable = (isinstance(revision, int) and not isinstance(revision, bool) and revision >= 0) or \
        (isinstance(revision, str) and revision.isdigit())  # the contract reads "12" as 12
    if not readable:
        digits = str(revision).strip() if revision is not None else ""
        data["revision"] = int(digits) if digits.isdigit() else 0
        notes.append("revision: missing or not a whole number, read as 0")
    return notes, original


def _canonical_uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def _occurred_at(data: dict[str, Any]) -> list[str]:
    value = data.get("occurred_at")
    if isinstance(value, str) and _iso_moment(value) is not None:
        return []
    german = parse_date(value) if isinstance(value, str) else None
    if isinstance(german, datetime):  # naive: the contract reads it as Berlin time
        data["occurred_at"] = german.isoformat()
        return ["occurred_at: a German date, read as that day"]
    data["occurred_at"] = UNKNOWN_TIME
    return ["occurred_at: missing or unreadable, read as unknown"]


def _iso_moment(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _area(data: dict[str, Any]) -> list[str]:
    area = data.get("area")
    if isinstance(area, (str, int)):
        area = data["area"] = {"ags": str(area)}
    if not isinstance(area, dict):
        return []
    ags = area.get("ags")
    if isinstance(ags, int) and not isinstance(ags, bool):
        ags = area["ags"] = str(ags)
    if not isinstance(ags, str):
        return []
    digits = re.sub(r"\s", "", ags)
    if padded := ags_with_its_leading_zero(digits):  # a spreadsheet read the key as a number
        area["ags"] = padded
        return ["area.ags: leading zero restored"]
    if digits.isdigit() and len(digits) == 12:
        # the Regionalschlüssel: Land, Regierungsbezirk and Kreis, the Gemeindeverband, the Gemeinde
        area["ags"] = digits[:5] + digits[9:]
        return ["area.ags: read from the 12-digit Regionalschlüssel"]
    if digits != ags:
        area["ags"] = digits
        return ["area.ags: spaces removed"]
    return []


# in this order: "Caritasverband" is the church's, "Stadtteilverein e.V." an association, "Ehrenamtsbörse" no office
_KINDS = (
    ("church", re.compile(r"kirch|pfarr|caritas|diakon|church|parish|moschee|mosque|synagog")),
    ("association", re.compile(r"e\.\s?v\b|verein|verband|stiftung|association|foundation|\bclub\b")),
    ("company", re.compile(r"gmbh|\bag\b|firma|unternehmen|company|\bltd\b|\binc\b")),
    ("municipal", re.compile(r"\bstadt\b|stadtverwaltung|städtisch|kommun|landkreis|(?<!ehren)amt\b|municipal|"
                             r"city of|\bcouncil\b|behörde|verwaltung")),
    ("initiative", re.compile(r"initiative|ehrenamt|gruppe|netzwerk|kreis|volunteer|group|network")),
)
_KIND_CODES = frozenset(kind for kind, _ in _KINDS)


def _kind_named_in(text: str) -> str | None:
    text = text.lower()
    return next((kind for kind, words in _KINDS if words.search(text)), None)


def _organisation(data: dict[str, Any]) -> list[str]:
    organisation = data.get("organisation")
    notes = []
    if isinstance(organisation, str) and organisation.strip():
        organisation = data["organisation"] = {"name": organisation.strip()}
        notes.append("organisation: given as text, read as its name")
    if not isinstance(organisation, dict) or not isinstance(organisation.get("name"), str):
        return notes
    kind = organisation.get("kind")
    word = kind.strip().lower() if isinstance(kind, str) else ""
    if word in _KIND_CODES:
        organisation["kind"] = word
        return notes
    named = ORGANISATION_KIND_WORDS.get(word) or (_kind_named_in(word) if word else None)
    organisation["kind"] = named or _kind_named_in(organisation["name"]) or "initiative"
    if kind is None:
        notes.append("organisation.kind: missing, read from the name")
    else:
        notes.append("organisation.kind: not a contract kind, read from its words or the name")
    return notes


def _category(data: dict[str, Any]) -> list[str]:
    category = data.get("category")
    if isinstance(category, str) and category in category_codes():
        return []
    if isinstance(category, str) and (code := map_free_text(category)):
        data["category"] = code
        return ["category: a source's own term, mapped by the taxonomy's labels and synonyms"]
    # Not guessed from the title: a wrong category counts against the true duplicate, none counts
    # neither way (`repair` lets a stand-in through the contract).
    return []


def _status(data: dict[str, Any]) -> list[str]:
    status = data.get("status")
    if status is None or status in OFFER_STATUSES:
        return []
    word = str(status).strip().lower()
    data["status"] = OFFER_STATUS_WORDS.get(word, "active")
    return ["status: a source's own word, read as " + ("the contract's" if word in OFFER_STATUS_WORDS else "active")]


_LANGUAGES = {
    "deutsch": "de", "german": "de", "englisch": "en", "english": "en", "arabisch": "ar", "arabic": "ar",
    "ukrainisch": "uk", "ukrainian": "uk", "russisch": "ru", "russian": "ru", "farsi": "fa", "persisch": "fa",
    "persian": "fa", "dari": "fa", "türkisch": "tr", "turkish": "tr", "kurdisch": "ku", "kurdish": "ku",
    "französisch": "fr", "french": "fr", "spanisch": "es", "spanish": "es", "tigrinya": "ti", "tigrinisch": "ti",
    "paschtu": "ps", "pashto": "ps", "paschto": "ps", "somali": "so", "polnisch": "pl", "polish": "pl",
    "rumänisch": "ro", "romanian": "ro", "italienisch": "it", "italian": "it", "albanisch": "sq",
    "albanian": "sq", "serbisch": "sr", "serbian": "sr", "bulgarisch": "bg", "bulgarian": "bg", "urdu": "ur",
    "amharisch": "am", "amharic": "am", "georgisch": "ka", "georgian": "ka", "vietnamesisch": "vi",
    "vietnamese": "vi", "chinesisch": "zh", "chinese": "zh", "portugiesisch": "pt", "portuguese": "pt",
}


def _items(value: Any) -> list[Any] | None:
    """A list field's items: the list, or a cell's text split at commas, semicolons, slashes, bars and
    "und" / "and"; None for anything else (the contract names it)."""
    if isinstance(value, str):
        return re.split(r"[,;/|]\s*|\s+und\s+|\s+and\s+", value)
    return value if isinstance(value, list) else None


def _languages(data: dict[str, Any]) -> list[str]:
    languages = _items(data.get("languages"))
    if languages is None:
        return []
    read = []
    for language in languages:
        if not isinstance(language, str) or not language.strip():
            continue
        word = language.strip().lower()
        code = word if word in ISO_639_1 else _LANGUAGES.get(word) or (word[:2] if re.fullmatch(r"[a-z]{2}[-_][a-z]{2}", word) else None)
        read.append(code or language)  # an unknown one is left for the contract to drop with a note
    read = list(dict.fromkeys(read))
    if read == data.get("languages"):
        return []
    data["languages"] = read
    return ["languages: names or regional codes read as ISO 639-1 codes"]


def _target_groups(data: dict[str, Any]) -> list[str]:
    groups = _items(data.get("target_groups"))
    if groups is None:
        return []
    codes = [code for code in map(_code_of, groups) if code]
    codes = list(dict.fromkeys(codes))
    if codes == data.get("target_groups"):
        return []
    data["target_groups"] = codes
    return ["target_groups: free words read as codes"]


def _code_of(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    folded = value.strip().lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    code = re.sub(r"[^a-z0-9]+", "_", folded).strip("_")
    code = code.lstrip("0123456789_")
    return code[:40]


def _texts(data: dict[str, Any]) -> list[str]:
    notes = []
    title, description = data.get("title"), data.get("description")
    if description is None and "description" in data:
        data["description"] = description = ""
    if (not isinstance(title, str) or not title.strip()) and isinstance(description, str) and description.strip():
        data["title"] = " ".join(description.split()[:10])
        notes.append("title: missing, the description's first words used")
    if isinstance(data.get("title"), str) and len(data["title"]) > 300:
        data["title"] = data["title"][:300]
        notes.append("title: longer than 300 characters, cut")
    if isinstance(description, str) and len(description) > 5000:
        data["description"] = description[:5000]
        notes.append("description: longer than 5,000 characters, cut")
    return notes


def _capacity(data: dict[str, Any]) -> list[str]:
    capacity = data.get("capacity")
    if capacity is None or (isinstance(capacity, int) and not isinstance(capacity, bool) and capacity >= 0):
        return []
    digits = re.fullmatch(r"\D{0,12}?(\d{1,6})\D{0,20}", str(capacity))  # "ca. 20", "20 Plätze"
    if digits:
        data["capacity"] = int(digits.group(1))
        return ["capacity: a number in words, read as the number"]
    del data["capacity"]
    return ["capacity: not a number, left out"]


def _validity(data: dict[str, Any]) -> list[str]:
    notes = []
    for name in ("valid_from", "valid_until"):
        value = data.get(name)
        if value is not None and not (isinstance(value, str) and _iso_moment(value) is not None):
            del data[name]
            notes.append(f"{name}: unreadable, left out")
    start, end = data.get("valid_from"), data.get("valid_until")
    if isinstance(start, str) and isinstance(end, str) and _order_known(start, end) is False:
        del data["valid_until"]
        notes.append("valid_until: before valid_from, left out")
    return notes


def _order_known(start: str, end: str) -> bool | None:
    first, last = _iso_moment(start), _iso_moment(end)
    try:
        return first <= last if first is not None and last is not None else None
    except TypeError:  # one with a zone, one without: the contract decides
        return None


def _location(data: dict[str, Any]) -> list[str]:
    location = data.get("location")
    if isinstance(location, dict) and isinstance(location.get("name"), str) and len(location["name"]) > 200:
        location["name"] = location["name"][:200]
        return ["location.name: longer than 200 characters, cut"]
    return []


REPAIRS: tuple[Repair, ...] = (_occurred_at, _area, _organisation, _texts, _category, _status, _languages,
                               _target_groups, _capacity, _validity, _location)
