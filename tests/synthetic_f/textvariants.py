"""Spelling variants people and systems produce: "Str." for "Straße", a dropped legal form,
a typo, another case, an abbreviation, a URL-safe slug."""

from __future__ import annotations

import random
import re
import unicodedata

from tests.synthetic_f.rng import pick

_LEGAL_FORMS = (" e.V.", " e. V.", " eV", " gGmbH", " GmbH")


def abbreviate_street(street: str) -> str:
    """``Goethestraße`` → ``Goethestr.``, ``Breite Straße`` → ``Breite Str.``, ``Am Markt`` unchanged."""
    street = re.sub(r"Straße\b", "Str.", street)
    return re.sub(r"straße\b", "str.", street)


def swiss_street(street: str) -> str:
    """``Goethestraße`` → ``Goethestrasse`` (keyboards without ß)."""
    return street.replace("ß", "ss")


def drop_legal_form(name: str) -> str:
    for form in _LEGAL_FORMS:
        if name.endswith(form):
            return name[: -len(form)]
    return name


def respell_legal_form(name: str, rnd: random.Random) -> str:
    """``… e.V.`` written as ``… e. V.``, ``… eV`` or ``… e.V`` (the same form, another spelling)."""
    if name.endswith(" e.V."):
        return name[: -len(" e.V.")] + pick(rnd, (" e. V.", " eV", " e.V", " (e.V.)"))
    return name


def typo(text: str, rnd: random.Random) -> str:
    """One plausible typing error in a word of at least six letters (swap, drop or double a letter)."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long_words:
        return text
    i = pick(rnd, long_words)
    w = words[i]
    j = rnd.randrange(1, len(w) - 2)
    how = rnd.randrange(3)
    if how == 0:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif how == 1:
        w = w[:j] + w[j + 1:]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def recase(text: str, rnd: random.Random) -> str:
    return text.upper() if rnd.random() < 0.5 else text.lower()


def umlauts_ascii(text: str) -> str:
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return text


def slug(text: str) -> str:
    text = umlauts_ascii(text).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text


# word-level abbreviations the round table uses for names
_WORD_ABBREVIATIONS = (
    ("Freundeskreis", "FK"), ("Evangelische", "Ev."), ("Evangelisch-lutherische", "Ev.-luth."),
    ("Katholische", "Kath."), ("Kirchengemeinde", "KG"), ("Flüchtlingshilfe", "Fl.-Hilfe"),
    ("Willkommensinitiative", "WI"), ("Initiative", "Ini"), ("Netzwerk", "NW"), ("Volkshochschule", "VHS"),
    ("Nachbarschaftshilfe", "NBH"), ("Interkultureller", "Interkult."), ("Interkulturelles", "Interkult."),
    ("Stadtteilzentrum", "STZ"), ("Begegnungsstätte", "Begegnungsst."), ("Familienzentrum", "FamZ"),
    ("Kulturverein", "KV"), ("Patenschaftsnetzwerk", "Paten-NW"), ("Helferkreis", "HK"),
    ("Gemeinschaft", "Gem."), ("Beratungsstelle", "Ber.-Stelle"), ("Jugendamt", "JA"),
    ("Turn- und Sportverein", "TuS"), ("Sportverein", "SV"), ("Fußballclub", "FC"),
)


def abbreviate_words(text: str) -> str:
    for long, short in _WORD_ABBREVIATIONS:
        text = text.replace(long, short)
    return text


# venue-name abbreviations in the spreadsheet ("Gem.haus St. Marien")
_VENUE_ABBREVIATIONS = (
    ("Gemeindehaus", "Gem.haus"), ("Pfarrzentrum", "Pfarrz."), ("Stadtteilzentrum", "STZ"),
    ("Bürgerhaus", "BH"), ("Jugendzentrum", "JuZ"), ("Familienzentrum", "FamZ"),
    ("Stadtteilbibliothek", "Bibl."), ("Nachbarschaftstreff", "NBT"), ("Turnhalle der Grundschule", "TH GS"),
    ("Sportplatz", "Sportpl."), ("Interkultureller Garten", "Interkult. Garten"), ("Werkstatthof", "Werkstatth."),
    ("Kulturhaus", "Kulturh."), ("Bürgerbüro", "Bürgerb."), ("Sozialkaufhaus", "Sozialkaufh."),
    ("Beratungsstelle", "Ber.-Stelle"),
)


def abbreviate_venue(name: str) -> str:
    for long, short in _VENUE_ABBREVIATIONS:
        name = name.replace(long, short)
    return name
