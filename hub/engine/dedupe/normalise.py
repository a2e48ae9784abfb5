"""German-aware normalisation of offer text, organisation names, venues and contacts.

Every comparison in dedupe runs on these normal forms, never on raw input.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "fold",
    "normalise_email",
    "normalise_content",
    "normalise_organisation",
    "normalise_phone",
    "normalise_street",
    "normalise_text",
    "normalise_url",
    "words_of",
]

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})

# Abbreviations are expanded on the raw (folded) text because their dots matter:
# "Do." is Thursday, "do" is not; "u." is "und".
_ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\be\.\s?v\.?(?=\W|$)", " "),  # e.V. carries no identity
        (r"(?<=[a-z])str\.?(?=\W|$)", "strasse"),  # Hauptstr. -> hauptstrasse
        (r"\bstr\.?(?=\W|$)", "strasse"),  # Karl-Heine-Str.
        (r"\bpl\.(?=\W|$)", "platz"),
        (r"\bu\.(?=\W|$)", " und "),
        (r"&", " und "),
        (r"\bz\.\s?b\.", " "),
        (r"\bggf\.", " "),
        (r"\bca\.", " "),
        (r"\bnr\.", " "),
    )
)

# Weekday spellings collapse to one token so "Di"/"dienstags"/"Tue" compare equal as text.
WEEKDAY_TOKENS: dict[str, int] = {}
for _day, _names in enumerate(
    (
        ("mo", "mon", "montag", "montags", "monday", "mondays"),
        ("di", "tue", "tues", "dienstag", "dienstags", "tuesday", "tuesdays"),
        ("mi", "wed", "weds", "mittwoch", "mittwochs", "wednesday", "wednesdays"),
        ("do", "thu", "thur", "thurs", "donnerstag", "donnerstags", "thursday", "thursdays"),
        ("fr", "fri", "freitag", "freitags", "friday", "fridays"),
        ("sa", "sat", "samstag", "samstags", "sonnabend", "sonnabends", "saturday", "saturdays"),
        ("so", "sun", "sonntag", "sonntags", "sunday", "sundays"),
    )
):
    for _name in _names:
        WEEKDAY_TOKENS[_name] = _day
_WEEKDAY_CANONICAL = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
# Short forms are ambiguous in running text ("so", "die", "do"), so only the long forms
# are rewritten by the text normaliser; the slot parser handles the short ones in context.
_LONG_WEEKDAYS = {name: day for name, day in WEEKDAY_TOKENS.items() if len(name) > 4}

STOP_WORDS = frozenset(
    """
    der die das den dem des ein eine einer eines einem einen und oder fuer mit von vom im in
    am an auf aus bei zu zum zur ab bis um ueber unter nach vor als auch sich sie wir ihr es
    ist sind wird werden wer wie was wo hier dort alle jeden jede jeder jeweils immer sowie
    the a an and or for with of in on at to by from
    uhr
    """.split()
)

# Words every offer text in this field uses ("kommt einfach vorbei", "kostenlos", "für
# Geflüchtete"): they make unrelated descriptions look alike, so content comparison drops them.
GENERIC_OFFER_WORDS = frozenset(
    """
    angebot angebote bieten bietet anbieten findet finden statt willkommen herzlich kommt kommen
    einfach vorbei anmeldung noetig erforderlich kosten kostenlos kostenfrei entstehen keine kein
    ehrenamtlich organisiert neuangekommene angekommene neu treffpunkt ort zeit zeiten termin
    bitte vorher kurz melden stadtteil uns unser unsere gefluechtete gefluechteten menschen
    pm am h
    ehrenamtliche ehrenamtlicher ehrenamtlichen helfer helferin helferinnen gesucht mithilfe mitmachen
    unterstuetzung unterstuetzen mitarbeit engagement engagieren
    volunteer volunteers volunteering needed wanted help helper helpers opportunity opportunities support
    """.split()
)

# Words systems use for the same kind of offer. Deliberately small and general: a concept
# missing here makes a retyped title look different and the pair goes to review instead.
_CONCEPTS = {
    concept: canonical
    for canonical, concepts in {
        "anfaenger": "einsteiger einsteigerinnen anfaengerinnen beginner grundkurs",
        "computer": "pc edv",
        "treff": "begegnungscafe stadtteiltreff treffpunkt begegnung",
        "spielgruppe": "krabbelgruppe spielkreis",
        "moebelboerse": "moebelausgabe moebelbank",
        "kleiderkammer": "kleiderstube kleiderausgabe kleiderladen",
        "dolmetschen": "sprachmittlung dolmetscherdienst dolmetscher sprachmittler",
        "behoerdenbegleitung": "aemterbegleitung behoerdengaenge behoerdengaengen",
        "arztbegleitung": "arztbesuch arztbesuchen arztterminen",
        "asylberatung": "asylverfahrensberatung asylrecht",
        "bewerbung": "bewerbungstraining bewerbungswerkstatt bewerbungscoaching bewerbungen",
        "fahrradkurs": "radfahrkurs fahrradfahrkurs",
        "hausaufgabenhilfe": "lernhilfe",
        "schwimmen": "frauenschwimmen schwimmkurs",
    }.items()
    for concept in concepts.split()
}

# Legal forms and generic words do not distinguish one group from another.
_ORGANISATION_NOISE = frozenset(
    """
    ev eingetragener verein vereins ggmbh gmbh ggmbh gug gemeinnuetzig gemeinnuetzige
    gemeinnuetziger gemeinnuetziges gemeinnuetzigen mbh ug kg ag
    """.split()
) | STOP_WORDS

_NON_WORD = re.compile(r"[^a-z0-9]+")


_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,200}>")


def without_markup(text: str) -> str:
    """The text without HTML tags and with its entities read: web exports carry "<p>…</p>",
    "&auml;" and "&nbsp;" in titles and descriptions, which would read as words of their own."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def fold(text: str | None) -> str:
    """Lower case, umlauts as ae/oe/ue/ss, other diacritics dropped (é -> e); markup removed."""
    if not text:
        return ""
    text = without_markup(text).lower().translate(_UMLAUTS)
    if text.isascii():  # most text once umlauts are spelled out: nothing to decompose
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _expand_abbreviations(folded: str) -> str:
    for pattern, replacement in _ABBREVIATIONS:
        folded = pattern.sub(replacement, folded)
    return folded


def _tokens(text: str | None) -> list[str]:
    return [token for token in _NON_WORD.split(_expand_abbreviations(fold(text))) if token]


# "HaushaltswarenAusgabe", "BürgerTreff": two words run together, the second by its capital (after
# three small letters at least: "iPhone", "eBay" stay one word)
_CAMEL_CASE = re.compile(r"(?<=[a-zäöüß]{3})(?=[A-ZÄÖÜ][a-zäöüß])")


def words_run_together_apart(text: str) -> str:
    """Words written together with a capital inside set apart ("HaushaltswarenAusg." ->
    "Haushaltswaren Ausg.")."""
    return _CAMEL_CASE.sub(" ", text)


def words_of(text: str | None) -> list[str]:
    """Folded words with abbreviations expanded, stop words kept ("nach hilfe fuer schueler")."""
    return _tokens(text)


def _canonical_token(token: str) -> str:
    day = _LONG_WEEKDAYS.get(token)
    return _WEEKDAY_CANONICAL[day] if day is not None else token


@lru_cache(maxsize=8192)  # an offer's texts come again with each revision and each of its comparisons
def normalise_text(text: str | None) -> str:
    """Title/description normal form: folded, abbreviations expanded, stop words dropped."""
    return " ".join(
        _canonical_token(token) for token in _tokens(text) if token not in STOP_WORDS
    )


def normalise_content(text: str | None) -> str:
    """What an offer is about: normal form without generic offer words, weekdays and times.

    Schedules are compared as slots; leaving "dienstag 18" in the text would make every
    Tuesday offer look alike.
    """
    return " ".join(
        _CONCEPTS.get(token, token)
        for token in normalise_text(text).split()
        if token not in GENERIC_OFFER_WORDS
        and token not in WEEKDAY_TOKENS
        and token not in _WEEKDAY_CANONICAL
        and not token.isdigit()
        and not (token[:-2].isdigit() and token[-2:] in ("am", "pm"))
    )


def normalise_organisation(name: str | None) -> str:
    """Organisation name without legal form, 'Verein', 'gemeinnützige' and stop words."""
    return " ".join(token for token in _tokens(name) if token not in _ORGANISATION_NOISE)


_HOUSE_NUMBER_LETTER = re.compile(r"(\d)\s+([a-zA-Z])\b")


def normalise_street(street: str | None) -> str:
    """Street with 'Str.'/'Straße'/'Strasse' unified and glued: 'karlheinestrasse 12'."""
    tokens = _tokens(_HOUSE_NUMBER_LETTER.sub(r"\1\2", street or ""))  # "31 a" and "31a" are one house number
    # Hyphens and spaces inside street names vary between systems; joining the name parts
    # makes "Karl-Heine-Str." and "Karl Heine Straße" equal. House numbers stay apart.
    name = "".join(token for token in tokens if not token[0].isdigit())
    numbers = " ".join(token for token in tokens if token[0].isdigit())
    return f"{name} {numbers}".strip()


_TRUNK_ZERO_IN_BRACKETS = re.compile(r"(?<=\d)\s*\(0\)")


def normalise_phone(phone: str | None) -> str:
    """Digits only, international German prefix as national trunk prefix (+49 341 -> 0341, and the
    trunk zero some write after it, "+49 (0)341", counted once)."""
    if not phone:
        return ""
    digits = re.sub(r"\D", "", _TRUNK_ZERO_IN_BRACKETS.sub("", phone.split(" ext")[0]))
    if phone.strip().startswith("+49") or digits.startswith("0049"):
        digits = "0" + digits[2 if digits.startswith("49") else 4 :]
    elif digits.startswith("49") and len(digits) > 10:
        digits = "0" + digits[2:]
    return digits


def normalise_email(email: str | None) -> str:
    return email.strip().lower() if email and "@" in email else ""


def normalise_url(url: str | None) -> str:
    """Host without www plus path without trailing slash, query and fragment."""
    if not url:
        return ""
    folded = url.strip().lower()
    folded = re.sub(r"^[a-z]+://", "", folded)
    folded = re.split(r"[?#]", folded, maxsplit=1)[0]
    if folded.startswith("www."):
        folded = folded[4:]
    return folded.rstrip("/")
