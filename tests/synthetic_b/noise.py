"""Small text distortions that different people and systems introduce into the same fact."""

from __future__ import annotations

import random
import re

_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}


def slug(text: str) -> str:
    """A lower-case ASCII slug, as used for invented domain names."""
    text = transliterate(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def transliterate(text: str) -> str:
    """Umlauts and ß in ASCII, as old databases and English listings store them."""
    return "".join(_UMLAUTS.get(ch, ch) for ch in text).replace("é", "e")


def typo(text: str, rng: random.Random) -> str:
    """One keyboard slip inside a word of at least five letters: swap, drop or double a letter."""
    words = [i for i, w in enumerate(text.split(" ")) if len(w) >= 5 and w.isalpha()]
    if not words:
        return text
    parts = text.split(" ")
    i = rng.choice(words)
    word = parts[i]
    pos = rng.randrange(1, len(word) - 2)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap" and word[pos] == word[pos + 1]:
        kind = "drop"  # swapping equal letters would change nothing
    if kind == "swap":
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2:]
    elif kind == "drop":
        word = word[:pos] + word[pos + 1:]
    else:
        word = word[:pos] + word[pos] + word[pos:]
    parts[i] = word
    return " ".join(parts)


def street_notation(street: str, rng: random.Random) -> tuple[str, str]:
    """The street in one of the spellings sources use; returns (street, note)."""
    style = rng.choice(("as_is", "str.", "strasse", "lower", "spaced_number", "no_hyphen"))
    out = street
    if style == "str.":
        out = re.sub(r"(?i)stra(ß|ss)e\b", "str.", out).replace("Str.", "Str.")
        out = re.sub(r"(?<=\w)str\.", "str.", out)
        out = re.sub(r" Straße\b", " Str.", out)
    elif style == "strasse":
        out = out.replace("straße", "strasse").replace("Straße", "Strasse")
    elif style == "lower":
        out = out.replace("Straße", "straße") if "-" not in out else out.replace("-Straße", "-Str.")
        out = out.replace("straße", "str")
    elif style == "spaced_number":
        out = re.sub(r"(\d+)([a-c])$", lambda m: f"{m.group(1)} {m.group(2)}", out)
        out = re.sub(r"(\d+)([a-c])$", lambda m: f"{m.group(1)}{m.group(2).upper()}", out)
    elif style == "no_hyphen":
        out = out.replace("-", " ")
    return out, f"street:{style}" if out != street else "street:as_is"


def e_v_variant(name: str, rng: random.Random) -> str:
    """'e.V.' written differently or dropped."""
    if "e.V." not in name:
        return name
    return name.replace("e.V.", rng.choice(("e. V.", "eV", "e.v.", "")).strip()).replace(" ,", ",").strip()


def case_variant(text: str, rng: random.Random) -> str:
    return rng.choice((text.lower(), text.upper(), text.title()))


_COMPOUND_HEADS = ("café", "cafe", "kurs", "hilfe", "begleitung", "werkstatt", "kammer", "gruppe", "treff",
                   "training", "beratung", "sprechstunde", "schulung", "ausgabe", "lager", "stube")


def compound_variant(title: str, rng: random.Random) -> str:
    """Split a compound at a known head ("Sprachcafé" -> "Sprach-Café") or join a hyphenated one."""
    if "-" in title and rng.random() < 0.5:
        return re.sub(r"(\w)-(\w)", lambda m: m.group(1) + m.group(2).lower(), title, count=1)
    for head in _COMPOUND_HEADS:
        m = re.search(rf"(\w{{3,}})({head})\b", title)
        if m:
            joiner = rng.choice(("-", " "))
            return title[:m.start(2)] + joiner + head.capitalize() + title[m.end(2):]
    return title


# how a terse spreadsheet shortens words ("Dt.-Kurs", "HA-Hilfe", "Begl. z. Behörden")
_ABBREVIATIONS = (
    ("Deutschkurs", "Dt.-Kurs"), ("Hausaufgaben", "HA"), ("Begleitung", "Begl."), ("Beratung", "Ber."),
    (" für ", " f. "), (" und ", " u. "), (" zu ", " z. "), ("Kinder", "Ki."), ("Jugendliche", "Jugendl."),
    ("Frauen", "Fr."), ("Ehrenamtliche", "Ehrenamtl."), ("Sprechstunde", "Sprechst."), ("Fahrrad", "Rad"),
    ("Internationaler", "Int."), ("Interkulturelle", "Interkult."), ("Interkultureller", "Interkult."),
)


def abbreviate(text: str) -> str:
    """Every abbreviation a terse spreadsheet would use in this text."""
    for long, short in _ABBREVIATIONS:
        # whole words only: "Frauensport" stays, "Kurs für Frauen" becomes "Kurs f. Fr."
        text = re.sub(rf"(?<!\w){re.escape(long.strip())}(?!\w)", short.strip(), text)
    return text
