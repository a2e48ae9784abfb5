"""Small text transformations the sources apply: typos, hyphenation, truncation, HTML, OCR noise.

Each one is a pure function of its input and the random stream it is given.
"""

from __future__ import annotations

import html
import random
import re

UMLAUT_ASCII = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss"))


def ascii_umlauts(text: str) -> str:
    """'Holländische Straße' -> 'Hollaendische Strasse', as old databases and spreadsheets write."""
    for umlaut, spelled in UMLAUT_ASCII:
        text = text.replace(umlaut, spelled)
    return text


def typo(text: str, rng: random.Random) -> str:
    """One keyboard slip in one longer word: swapped, dropped or doubled letter."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = words[i]
    pos = rng.randint(1, len(word) - 3)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2:]
    elif kind == "drop":
        word = word[:pos] + word[pos + 1:]
    else:
        word = word[:pos] + word[pos] + word[pos:]
    words[i] = word
    return " ".join(words)


def hyphenate_lines(text: str, rng: random.Random, width: int = 38) -> str:
    """Wrap like a flyer column and split some long words with a hyphen at the line end
    ('Sprach-\\ncafé'), as PDF-to-text conversion leaves them."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if len(current) + 1 + len(word) <= width:
            current = f"{current} {word}".strip()
            continue
        if len(word) >= 8 and rng.random() < 0.6 and len(current) < width - 4:
            cut = rng.randint(3, min(len(word) - 3, max(3, width - len(current) - 2)))
            lines.append(f"{current} {word[:cut]}-".strip())
            current = word[cut:]
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return "\n".join(line for line in lines if line)


def ocr_noise(text: str, rng: random.Random, rate: float = 0.01) -> str:
    """A few character confusions of scanned flyers (umlaut dots lost, rn/m, l/I)."""
    swaps = {"ü": "u", "ö": "o", "ä": "a", "ß": "B", "m": "rn", "l": "I", "é": "e"}
    out = []
    for ch in text:
        if ch in swaps and rng.random() < rate:
            out.append(swaps[ch])
        else:
            out.append(ch)
    return "".join(out)


def truncate(text: str, limit: int, rng: random.Random) -> str:
    """Cut at a word boundary and mark it the way feeds do ('…', '... mehr', '[...]')."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + rng.choice(("…", " …", "... mehr", " [...]", "… weiterlesen"))


def htmlify(paragraphs: list[str], rng: random.Random) -> str:
    """Paragraphs as a CMS exports them: tags, entities, non-breaking spaces."""
    style = rng.choice(("p", "br", "entities", "mixed"))
    if style == "p":
        return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    if style == "br":
        return "<br />\n".join(paragraphs)
    if style == "entities":
        text = "\n\n".join(paragraphs)
        text = text.replace("&", "&amp;").replace("ä", "&auml;").replace("ö", "&ouml;").replace("ü", "&uuml;")
        return text.replace("ß", "&szlig;").replace(" – ", " &ndash; ").replace("é", "&eacute;")
    text = "\n".join(f"<p>{p}</p>" if i % 2 == 0 else p for i, p in enumerate(paragraphs))
    return text.replace(" Uhr", "&nbsp;Uhr").replace(" & ", " &amp; ")


def html_title(title: str, rng: random.Random) -> str:
    """Titles of CMS pages keep entities now and then."""
    if rng.random() < 0.5:
        return title.replace("&", "&amp;").replace("é", "&eacute;")
    return f"<strong>{title}</strong>" if rng.random() < 0.3 else title.replace("ü", "&uuml;")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def shorten_sentence(text: str) -> str:
    """The first sentence only: short app texts and spreadsheet cells keep little."""
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text
