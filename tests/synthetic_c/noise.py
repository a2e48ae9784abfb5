"""Small text distortions real listings carry: typos, abbreviations, markup, address and phone notations."""

from __future__ import annotations

import random
import re

ABBREVIATIONS = [
    ("Hausaufgabenhilfe", "HA-Hilfe"), ("Hausaufgabenbetreuung", "HA-Betreuung"), ("Deutschkurs", "Dt.-Kurs"),
    ("Deutsch", "Dt."), ("Beratung", "Ber."), ("Kinderbetreuung", "KiBe"), ("Fahrradwerkstatt", "Radwerkstatt"),
    ("für", "f."), ("Jugendliche", "Jugendl."), ("Anfänger", "Anf."), ("Fortgeschrittene", "Fortg."),
    ("Sprechstunde", "Sprechst."), ("Evangelische", "Ev."), ("Katholische", "Kath."), ("Gemeinde", "Gem."),
    (" und ", " u. "), (" und ", " & "), ("Begleitung", "Begl."), ("Migrationsberatung", "MBE"),
]
ENTITIES = {"ä": "&auml;", "ö": "&ouml;", "ü": "&uuml;", "ß": "&szlig;", "&": "&amp;", "é": "&eacute;", "–": "&ndash;"}


def typo(text: str, rng: random.Random) -> str:
    """One slip of the finger in a word of four or more letters."""
    words = [i for i, w in enumerate(text.split(" ")) if len(w) >= 4 and w.isalpha()]
    if not words:
        return text
    parts = text.split(" ")
    i = rng.choice(words)
    w = parts[i]
    j = rng.randint(1, len(w) - 2)
    kind = rng.randint(0, 3)
    if kind == 0:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif kind == 1:
        w = w[:j] + w[j + 1:]
    elif kind == 2:
        w = w[:j] + w[j] + w[j:]
    else:
        w = w.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss") if re.search("[äöüß]", w) \
            else w[:j] + w[j + 1:]
    parts[i] = w
    return " ".join(parts)


def abbreviate(text: str, rng: random.Random) -> str:
    out = text
    for long, short in rng.sample(ABBREVIATIONS, k=len(ABBREVIATIONS)):
        if long in out and rng.random() < 0.8:
            out = out.replace(long, short, 1)
    if out == text and len(text) > 18:
        out = text.replace("-", "").replace(" – ", " ")[:18].rstrip() + "."
    return out


def html_noise(text: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        return "".join(ENTITIES.get(ch, ch) for ch in text)
    if r < 0.7:
        return f"<b>{text}</b>" if rng.random() < 0.5 else f"<p>{text}</p>"
    if r < 0.85:
        return text.replace(" ", "&nbsp;", 1)
    return text + " <br>"


def html_description(text: str, rng: random.Random) -> str:
    sentences = text.split(". ")
    if len(sentences) > 1 and rng.random() < 0.6:
        return "<p>" + ".</p>\n<p>".join(sentences) + "</p>"
    return html_noise(text, rng)


def shorten(text: str) -> str:
    """The first sentence only."""
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def truncate(text: str, rng: random.Random) -> str:
    if len(text) < 60:
        return text
    cut = rng.randint(50, min(len(text) - 1, 160))
    head = text[:cut].rsplit(" ", 1)[0]
    return head + rng.choice([" …", "...", " [...]", " mehr"])


def street_variant(street: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        street = re.sub(r"straße\b", "str.", street)
        street = re.sub(r"Straße\b", "Str.", street)
    elif rng.random() < 0.3:
        street = street.replace("ß", "ss")
    return street


def number_variant(number: str, rng: random.Random) -> str:
    if re.fullmatch(r"\d+[ab]", number):
        return rng.choice([number[:-1] + " " + number[-1], number.upper(), number[:-1]])
    if "-" in number:
        a, b = number.split("-")
        return rng.choice([f"{a}–{b}", f"{a}/{b}", a, f"{a} - {b}"])
    return number


def phone_variant(phone: str, rng: random.Random) -> str:
    """'+49 341 5550123' as people write it."""
    _, area, rest = phone.split(" ")
    return rng.choice([
        f"0{area} {rest}", f"0{area}/{rest}", f"0{area}-{rest}", f"+49 (0){area} {rest}",
        f"0{area} {rest[:3]} {rest[3:5]} {rest[5:]}", f"+49{area}{rest}", f"0049 {area} {rest}",
    ])


def drop_ev(name: str) -> str:
    return re.sub(r",?\s*e\.\s?V\.?", "", name).strip()


def flip_ev(name: str, rng: random.Random) -> str:
    if "e.V." in name:
        return drop_ev(name) if rng.random() < 0.7 else name.replace("e.V.", "e. V.")
    return name + " e.V."
