"""The privacy guard: finds personal data in text, so needs stay about demand, not people (DSGVO).

Rules, checked in this order (the first finding is reported):
- e-mail address: ``name@host.tld``, also ``name (at) host.tld``;
- IBAN: two letters, two check digits, 11-30 alphanumerics, *and* the mod-97 check holds;
- file number (Aktenzeichen): a keyword (Az, Aktenzeichen, Gesch.-Z., Geschäftszeichen, GZ,
  Kassenzeichen, file/case/reference no.) followed by a token with a digit; or a BAMF-style
  ``1234567-123``; or an office prefix form ``ABH-2024-12345``;
- birth date: a birth keyword (geb., geboren, Geburtsdatum, Geburtstag, born, DOB, date of birth,
  birthday) followed within 25 characters by a date or a year; or any full calendar date lying
  more than two years before the reference time (the record's ``occurred_at``; now when none is
  given). Need windows, deadlines and "seit"-dates are recent or ahead, so "ab 01.12.2026"
  passes; years alone ("seit 2015") pass;
- phone number: ``+49 …``/``0049 …`` with 7-15 digits; national ``0341 123456``, ``0151-1234567``,
  ``(030) 12345678``, ``0341/123456`` (a leading 0, then 7-15 digits; dots never count, so dates
  and times do not match); or a phone keyword (Tel., Telefon, Handy, Mobil, WhatsApp, phone, Fax)
  followed by 5+ digits. Postcodes (5 digits), house numbers and quantities are too short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from schemas.errors import PrivacyError

_OLD = timedelta(days=730)

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(?:@|\s*[(\[]at[)\]]\s*)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", re.IGNORECASE)
_FILE_KEYWORD = re.compile(
    r"(?<!\w)(?:az|aktenzeichen|gesch(?:äfts|aefts)?\.?\s*-?\s*z(?:eichen)?|gz|kassenzeichen"
    r"|(?:file|case|reference)\s*(?:no|nr|number|ref(?:erence)?)|file\s+ref(?:erence)?)"
    r"\.?\s*:?\s*(?:nr\.?\s*)?[A-Za-z]{0,6}[-./ ]?\d",
    re.IGNORECASE,
)
_FILE_BARE = re.compile(r"\b\d{7,8}-\d{3}\b|\b[A-Z]{2,6}-\d{4}-\d{3,}\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "january", "jan"), ("februar", "february", "feb"),
            ("märz", "maerz", "march", "mär", "mar"), ("april", "apr"), ("mai", "may"),
            ("juni", "june", "jun"), ("juli", "july", "jul"), ("august", "aug"),
            ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"),
            ("november", "nov"), ("dezember", "december", "dez", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = (
    # (pattern, order of its groups as day/month/year)
    (re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d])"), "dmy"),
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])"), "dmy"),
    (re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s+({_MONTH})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE), "dMy"),
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)", re.IGNORECASE), "Mdy"),
)
_BIRTH = re.compile(
    r"(?<!\w)(?:geb\.|geboren|geburtsdatum|geburtstag|geb\.?-?dat(?:um)?\.?|born|dob|d\.o\.b\."
    # a keyword ends where its word ends: "Bornaische Straße 53/55", "Bornheimer Landstraße 12/14" and a
    # "Geburtstagsfeier" are no birth dates
    r"|date\s+of\s+birth|birth\s*date|birthday)(?![^\W\d_])(?P<after>.{0,25})",
    re.IGNORECASE | re.DOTALL,
)
_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)\d{1,2}[./]\d{2,4}(?!\d)")
_PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)[1-9][\d ()/-]{5,22}\d")
_PHONE_NATIONAL = re.compile(r"(?<![\w./:-])\(?0[1-9]\d{1,4}\)?(?: ?[/-] ?| )?\d[\d -]{3,14}\d(?![\d.:])")
_PHONE_KEYWORD = re.compile(
    r"(?<!\w)(?:tel(?:efon)?|fon|phone|handy|mobil|mobile|whatsapp|fax)\.?\s*(?:nr\.?|no\.?)?\s*:?\s*"
    r"\+?\(?\d[\d ()/-]{3,}\d",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """What kind of personal data was found (``kind``) and a sentence for the integrator."""

    kind: str
    message: str


# Prefilters: every rule but the e-mail rule needs a digit, and the e-mail rule needs "@", "(at" or
# "[at". Most texts of a record (a district, a code, a short title) have neither, and the guard runs
# on every text of every record at the edge; the rules' patterns are the costly part.
_DIGIT = re.compile(r"\d")


def _maybe_email(text: str) -> bool:
    return "@" in text or "(at" in text or "[at" in text


def find_personal_data(text: str, reference: datetime | None = None) -> Finding | None:
    """The first piece of personal data in a need's text, or ``None`` (see the module's rules)."""
    email = _email(text, _NEED_HINT) if _maybe_email(text) else None
    if email or not _DIGIT.search(text):
        return email
    return (
        _iban(text)
        or _file_number(text)
        or _birth_date(text, reference or datetime.now(timezone.utc))
        or _phone(text, _NEED_HINT)
    )


def find_contact_data(text: str) -> Finding | None:
    """An e-mail address or phone number in an offer's free text, or ``None``."""
    if not _MAYBE_CONTACT.search(text):  # the cheap scan first (defined below; a superset of both rules)
        return None
    return _email(text, _OFFER_HINT) or _phone(text, _OFFER_HINT)


def check_need_text(text: str, reference: datetime | None = None) -> None:
    """Raise ``PrivacyError`` when a need's text carries personal data."""
    if found := find_personal_data(text, reference):
        raise PrivacyError(found.kind, found.message)


def check_offer_text(text: str) -> None:
    """Raise ``PrivacyError`` when an offer's free text carries an e-mail address or phone number."""
    if found := find_contact_data(text):
        raise PrivacyError(found.kind, found.message)


_NEED_HINT = "; needs describe demand, not people (no personal data, DSGVO)"
_OFFER_HINT = "; put the organisation's contact in the `contact` field"


def _email(text: str, hint: str) -> Finding | None:
    if _EMAIL.search(text):
        return Finding("e-mail address", f"contains an e-mail address{hint}")
    return None


def _phone(text: str, hint: str) -> Finding | None:
    # an IBAN's digit groups look like an international number; it has its own rule
    text = _IBAN.sub(lambda m: " " if _iban_valid(m.group()) else m.group(), text)
    for pattern in (_PHONE_INTL, _PHONE_NATIONAL, _PHONE_KEYWORD):
        for match in pattern.finditer(text):
            digits = sum(ch.isdigit() for ch in match.group())
            if (7 <= digits <= 15) or (pattern is _PHONE_KEYWORD and digits >= 5):
                return Finding("phone number", f"contains a phone number{hint}")
    return None


def _iban_valid(candidate: str) -> bool:
    candidate = candidate.replace(" ", "").upper()
    rearranged = candidate[4:] + candidate[:4]
    # mod-97 == 1 is the IBAN check; it keeps order numbers and codes from matching by chance
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _iban(text: str) -> Finding | None:
    if any(_iban_valid(m.group()) for m in _IBAN.finditer(text)):
        return Finding("IBAN", f"contains an IBAN (bank account){_NEED_HINT}")
    return None


def _file_number(text: str) -> Finding | None:
    if _FILE_KEYWORD.search(text) or _FILE_BARE.search(text):
        return Finding("file number", f"contains a file number (Aktenzeichen){_NEED_HINT}")
    return None


def _dates(text: str) -> list[tuple[date, int]]:
    """Every full calendar date in the text with its position."""
    found = []
    for pattern, order in _DATES:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups()))
            month = _MONTHS[parts["M"].lower()] if "M" in parts else int(parts["m"])
            year = int(parts["y"])
            if year < 100:
                year += 2000
            try:
                found.append((date(year, month, int(parts["d"])), m.start()))
            except ValueError:
                continue  # 31.02. or 18.30.10 is no date
    return found


def _birth_date(text: str, reference: datetime) -> Finding | None:
    for m in _BIRTH.finditer(text):
        after = m.group("after")
        if _YEARISH.search(after) or _dates(after):
            return Finding("birth date", f"contains a birth date{_NEED_HINT}")
    cutoff = (reference - _OLD).date()
    for when, _ in _dates(text):
        if when < cutoff:
            return Finding(
                "birth date",
                f"contains a full date more than two years before the record: read as a birth date{_NEED_HINT}",
            )
    return None


# --- offers: an organisation's contact in the text moves into `contact`; other personal data is refused

_URL_IN_TEXT = re.compile(r"(?<![\w@/])(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]", re.IGNORECASE)
_CONTACT_FIELDS = (("email", "e-mail address"), ("phone", "phone number"), ("url", "URL"))
# one cheap scan first: most offer texts hold nothing like a contact, and every offer is validated
# (every e-mail form has "@" or "(at)"; every phone form has 5+ digits joined only by " ()/-")
_MAYBE_CONTACT = re.compile(r"@|[(\[]at[)\]]|www\.|https?://|\d(?:[ ()/-]*\d){4}", re.IGNORECASE)


def find_offer_personal_data(text: str) -> Finding | None:
    """An IBAN, a file number or a birth date (by its keyword) in an offer's text, or ``None``.

    Old dates without a birth keyword pass: in an offer they are founding or opening dates.
    """
    if not _DIGIT.search(text):  # each of these rules needs a digit
        return None
    if found := _iban(text) or _file_number(text):
        return Finding(found.kind, found.message.replace(_NEED_HINT, "; offers carry no personal data"))
    for m in _BIRTH.finditer(text):
        after = m.group("after")
        if _YEARISH.search(after) or _dates(after):
            return Finding("birth date", "contains a birth date; offers carry no personal data")
    return None


def _contact_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, contact field, value for that field) of every e-mail address, phone number and URL."""
    spans: list[tuple[int, int, str, str]] = []
    for m in _EMAIL.finditer(text):
        spans.append((m.start(), m.end(), "email", re.sub(r"\s*[(\[]at[)\]]\s*", "@", m.group())))
    for m in _URL_IN_TEXT.finditer(text):
        url = m.group()
        spans.append((m.start(), m.end(), "url", url if url.lower().startswith("http") else "https://" + url))
    masked = _IBAN.sub(lambda m: " " * len(m.group()) if _iban_valid(m.group()) else m.group(), text)
    for pattern in (_PHONE_INTL, _PHONE_NATIONAL, _PHONE_KEYWORD):
        for m in pattern.finditer(masked):
            digits = sum(ch.isdigit() for ch in m.group())
            if not ((7 <= digits <= 15) or (pattern is _PHONE_KEYWORD and digits >= 5)):
                continue
            first = re.search(r"[+(\d]", m.group())  # there is one: the pattern matched digits
            number = m.group()[first.start() if first else 0:].strip()
            spans.append((m.start(), m.end(), "phone", number))
    # overlapping finds (a phone inside a URL, a keyword form around a national one): the first, longest wins
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def move_offer_contacts(data: dict[str, Any], marker: str) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """An offer's raw data with e-mail addresses, phone numbers and URLs cut from title and description.

    Each one found is replaced by `marker`; it fills its `contact` field when that is empty (the first
    one found wins), otherwise it is only cut (e-mail and phone) or left in the text (a URL, which is no
    personal data). Returns the new data and one note (field, code, reason, value_shown) per change.
    """
    texts = [data.get(field) for field in ("title", "description")]
    if not any(isinstance(t, str) and _MAYBE_CONTACT.search(t) for t in texts):
        return data, []  # the common case: nothing that looks like a contact, nothing copied
    contact = dict(data.get("contact") or {})
    notes: list[dict[str, str]] = []
    out = dict(data)
    for field in ("title", "description"):
        text = data.get(field)
        if not isinstance(text, str) or not _MAYBE_CONTACT.search(text):
            continue
        pieces, last = [], 0
        for start, end, kind, value in _contact_spans(text):
            label = dict(_CONTACT_FIELDS)[kind]
            if not contact.get(kind):
                contact[kind] = value
                notes.append({"field": f"{field}", "code": "contact_moved",
                              "reason": f"{label} moved from the {field} into contact.{kind}", "value_shown": ""})
            elif kind == "url":
                continue  # a second link is no personal data: it stays in the text
            else:
                notes.append({"field": f"{field}", "code": "text_cut",
                              "reason": f"{label} cut from the {field}; contact.{kind} was already set",
                              "value_shown": ""})
            pieces.append(text[last:start] + marker)
            last = end
        if pieces:
            out[field] = "".join(pieces) + text[last:]
    if notes:
        out["contact"] = contact
    return out, notes
