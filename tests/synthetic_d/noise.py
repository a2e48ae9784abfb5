"""String-level habits of sources: street notation, phone formats, HTML residue, truncation.

Each function returns the changed text; the caller records which variant it chose, so the truth file
can say why two listings of one offer look different.
"""

from __future__ import annotations

import html
import re

def phone(area: str, local: str, style: str) -> str:
    """A phone number in one notation; `area` without the 0, `local` seven digits starting 555.

    Every style but 'paren' fits the contract's `contact.phone` pattern (a digit or '+' first).
    """
    if style == "intl":
        return f"+49 {area} {local}"
    if style == "intl_compact":
        return f"+49{area}{local}"
    if style == "intl_zero":
        return f"+49 (0){area} {local}"
    if style == "slash":
        return f"0{area}/{local}"
    if style == "grouped":
        return f"0{area} {local[:3]} {local[3:5]} {local[5:]}"
    if style == "dash":
        return f"0{area}-{local}"
    if style == "block":
        return f"0{area} {local[:4]}-{local[4:]}"
    if style == "paren":  # only for text: the contract's phone field wants a digit first
        return f"(0{area}) {local[:4]}-{local[4:]}"
    return f"0{area} {local}"


def street(name: str, number: str, style: str) -> str:
    """A street address: 'full', 'abbr' (Str.), 'abbr_nodot', 'ss' (no ß), 'no_number', 'first_number'."""
    if style in ("abbr", "abbr_nodot"):
        dot = "." if style == "abbr" else ""
        name = re.sub(r"(?<=\w)straße$", "str" + dot, name)
        name = re.sub(r" Straße$", " Str" + dot, name)
    elif style == "ss":
        name = name.replace("ß", "ss")
    if style == "no_number":
        return name
    if style == "first_number":
        number = number.split("-")[0]
    elif style == "range_dash":
        number = number.replace("-", "–")
    elif style == "spaced" and "-" in number:
        number = number.replace("-", " - ")
    elif style == "spaced" and number[-1].isalpha():
        number = f"{number[:-1]} {number[-1]}"
    return f"{name} {number}"


_ENTITY_CHARS = {"ä": "&auml;", "ö": "&ouml;", "ü": "&uuml;", "Ä": "&Auml;", "Ö": "&Ouml;", "Ü": "&Uuml;",
                 "ß": "&szlig;", "–": "&ndash;", "„": "&bdquo;", "“": "&ldquo;", "é": "&eacute;"}


def entities(text: str, umlauts: bool) -> str:
    """HTML escaping as an old CMS does it: & always, umlauts and dashes as named entities if `umlauts`."""
    text = text.replace("&", "&amp;")
    if umlauts:
        for ch, ent in _ENTITY_CHARS.items():
            text = text.replace(ch, ent)
    return text


def strip_html(text: str) -> str:
    """What a re-posting aggregator makes of an HTML description: tags gone, entities decoded."""
    text = re.sub(r"<br\s*/?>|</p>\s*<p>", " ", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut at the last word boundary before `limit` characters, as feed teasers do."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-– ")
    return cut + ellipsis
