"""Titles and description sentences of one real offer, in German and English, before a source's habits.

The facts that tell hard-negative siblings apart (group, term, special event, programme) are always
put into the title here, whatever the source: a source may shorten, but never silently merge offers.
"""

from __future__ import annotations

import random

from tests.synthetic_d.times import DE_MONTH, EN_MONTH, text_de
from tests.synthetic_d.vocab import LANGUAGE_WORDS, TARGET_WORDS
from tests.synthetic_d.world import Truth


def base_title(t: Truth, lang: str, mode: str, rng: random.Random) -> tuple[str, str]:
    """The activity's name: 'formal', 'variant', 'short' (German only) or 'brand'; plus a note."""
    act = t.act
    if lang == "en":
        if mode == "formal" or len(act.titles_en) == 1:
            return act.titles_en[0], "title:en"
        return rng.choice(act.titles_en[1:]), "title:en_variant"
    if mode == "short":
        return rng.choice(act.titles_short), "title:terse"
    if mode == "brand" and t.org.brand:
        return f"{t.org.brand}: {rng.choice(act.titles_de)}", "title:brand"
    if mode == "variant" and len(act.titles_de) > 1:
        return rng.choice(act.titles_de[1:]), "title:variant"
    return act.titles_de[0], "title:formal"


def decorate(t: Truth, base: str, lang: str, terse: bool, rng: random.Random) -> str:
    """The title with the facts that distinguish this offer from its look-alikes."""
    title = base
    if t.programme:
        forms = ((f"{t.programme}: {title}", f"{title} ({t.programme} programme)") if lang == "en" else
                 (f"{t.programme}: {title}", f"{title} – {t.programme}", f"„{t.programme}“ – {title}"))
        title = rng.choice(forms)
    if t.group:
        de, en, short = t.group
        if terse:
            title = f"{title} {short}"
        elif lang == "en":
            title = rng.choice((f"{title} – {en}", f"{title} ({en})"))
        else:
            title = rng.choice((f"{title} – {de}", f"{title} ({short})", f"{title}: {de}"))
    if t.term:
        de, en, short = t.term
        if terse:
            title = f"{title} {short}"
        elif lang == "en":
            title = f"{title} ({en})"
        else:
            title = rng.choice((f"{title} ({de})", f"{title} – {de}", f"{de}: {title}"))
    if t.special:
        de, en = t.special
        if lang == "en":
            title = rng.choice((f"{en.capitalize()} – {title}", f"{title}: {en}"))
        elif terse:
            title = f"{de} ({title})"
        else:
            title = rng.choice((f"{de} – {title}", f"{title}: {de}", f"Sonderveranstaltung: {de} ({title})"))
    return title


def about(t: Truth, lang: str, rng: random.Random) -> str:
    """What happens; a special event says what is special and may then repeat the regular text."""
    regular = t.act.about_en if lang == "en" else t.act.about_de
    if not t.special:
        return regular
    if lang == "en":
        text = (f"A special event of our '{t.act.titles_en[0]}': {t.special[1]}. Everyone interested is welcome, "
                "including people who have never been before.")
    else:
        text = (f"Eine besondere Veranstaltung unseres Angebots „{t.act.titles_de[0]}“: {t.special[0]}. "
                "Alle Interessierten sind eingeladen, auch wer noch nie dabei war.")
    return f"{text} {regular}" if rng.random() < 0.35 else text


def fact_sentences(t: Truth, lang: str) -> list[str]:
    """Sentences that repeat the distinguishing facts in the text (group, term, event day)."""
    out = []
    if t.group:
        out.append(f"This group is for {t.group[1]}." if lang == "en" else f"Gruppe: {t.group[0]}.")
    if t.term and t.when.first and t.when.until:
        f, u = t.when.first, t.when.until
        out.append(f"{t.term[1].capitalize()}: {f.day} {EN_MONTH[f.month - 1]} to {u.day} {EN_MONTH[u.month - 1]} {u.year}."
                   if lang == "en" else f"{t.term[0]}: {f:%d.%m.%Y} bis {u:%d.%m.%Y}.")
    if t.special and t.when.first:
        d = t.when.first
        out.append(f"A one-off event on {d.day} {EN_MONTH[d.month - 1]} {d.year}." if lang == "en"
                   else f"Einmalige Veranstaltung am {d.day}. {DE_MONTH[d.month - 1]} {d.year}.")
    return out


def practical(t: Truth, lang: str, rng: random.Random) -> str:
    if lang == "en":
        fee = "Free of charge." if t.free else "A small contribution is asked for."
        reg = "Please register in advance." if t.registration else "No registration needed."
        return f"{fee} {reg}"
    fee = rng.choice(("Die Teilnahme ist kostenlos.", "Kostenfrei.", "Das Angebot ist kostenlos.")) if t.free \
        else rng.choice(("Kostenbeitrag: 2 Euro pro Termin.", "Es wird ein kleiner Kostenbeitrag erhoben."))
    reg = rng.choice(("Bitte vorher anmelden.", "Anmeldung erforderlich.")) if t.registration \
        else rng.choice(("Eine Anmeldung ist nicht nötig.", "Ohne Anmeldung, einfach vorbeikommen."))
    return f"{fee} {reg}"


def targets_sentence(t: Truth, lang: str) -> str:
    words = [TARGET_WORDS[c][1 if lang == "en" else 0] for c in t.targets if c in TARGET_WORDS]
    return (f"For: {', '.join(words)}." if lang == "en" else f"Zielgruppe: {', '.join(words)}.") if words else ""


def languages_sentence(t: Truth, lang: str) -> str:
    words = [LANGUAGE_WORDS[c][1 if lang == "en" else 0] for c in t.languages if c in LANGUAGE_WORDS]
    if len(words) < 2:
        return ""
    return f"Languages: {', '.join(words)}." if lang == "en" else f"Sprachen: {', '.join(words)}."


def when_sentence_de(t: Truth, when_style: str, lead: str, outdated: bool) -> str:
    when = t.old_when if outdated else t.when
    if when.rhythm == "appointment":
        when_style = "abbr"  # "Termine: nach Vereinbarung", not "Termine: Termine nach ..."
    return f"{lead}{text_de(when, when_style)}."


_VENUE_ABBR = (("Stadtteilzentrum", "STZ"), ("Bürgerhaus", "BH"), ("Nachbarschaftshaus", "NBH"),
               ("Familienzentrum", "FZ"), ("Jugendhaus", "JH"), ("Mehrgenerationenhaus", "MGH"),
               ("Stadtteilbibliothek", "Bibl."), ("Gemeinschaftsunterkunft", "GU"), ("Nachbarschaftstreff", "NBT"),
               ("Gemeindehaus", "Gem.haus"), ("Ladenlokal", "Laden"), ("Sporthalle", "Halle"))


def venue_terse(name: str) -> str:
    """How a coordination office abbreviates a venue in its spreadsheet."""
    for long, short in _VENUE_ABBR:
        if name.startswith(long):
            return short + name[len(long):]
    return name
