"""Titles and descriptions of a listing, in the style of the system it appears in."""

from __future__ import annotations

import random

from tests.synthetic_b.facts import some_facts
from tests.synthetic_b.noise import abbreviate, case_variant, compound_variant, slug, transliterate, typo
from tests.synthetic_b.slots import ABBR_DE, DAY_DE, DAY_EN
from tests.synthetic_b.sources import Habits
from tests.synthetic_b.world import RealOffer

LANGUAGE_DE = {"de": "Deutsch", "ar": "Arabisch", "fa": "Farsi", "uk": "Ukrainisch", "ru": "Russisch", "tr": "Türkisch",
               "en": "Englisch", "fr": "Französisch", "ti": "Tigrinya", "ku": "Kurdisch", "ps": "Paschtu", "so": "Somali"}
LANGUAGE_EN = {"de": "German", "ar": "Arabic", "fa": "Farsi", "uk": "Ukrainian", "ru": "Russian", "tr": "Turkish",
               "en": "English", "fr": "French", "ti": "Tigrinya", "ku": "Kurdish", "ps": "Pashto", "so": "Somali"}


def title_for(rng: random.Random, offer: RealOffer, kind: str, district: str, habits: Habits, notes: list[str]) -> str:
    """The title in the source's style: its wording, decorations, and the slips its editors make."""
    concept, venue = offer.concept, offer.venue
    org = offer.org
    if kind == "english_listing":
        base = rng.choice(concept.titles_en)
        title = rng.choice((base, f"{base} in {district}", f"{base} ({org.name_en})",
                            f"{base} – {org.municipality.name_en}"))
        notes.append("title:en")
    else:
        base = rng.choice(concept.titles_de)
        notes.append(f"wording:{slug(base)}")
        short = org.aliases[0] if org.aliases else org.name
        if kind == "municipal_portal":
            title = rng.choice((base, base, f"{base} – {venue.name}", f"{base} in {district}", f"{base} ({short})"))
            if rng.random() < 0.06:
                title = f"{title} / {rng.choice(concept.titles_en)}"
                notes.append("title:bilingual")
        elif kind == "volunteer_agency":
            title = rng.choice((base, f"{base} in {district}", f"Angebot: {base}", f"{base} – {short}",
                                f"{short}: {base}"))
        elif kind == "organisation_website":
            title = rng.choice((base, base, f"{base} in {district}", f"Unser Angebot: {base}", f"{base} – {venue.name}"))
        elif kind == "church_website":
            title = rng.choice((base, f"{base} im Gemeindehaus", f"{base} – herzliche Einladung",
                                f"{base} bei uns in {district}"))
        else:
            title = rng.choice((base, f"{base} {short}", f"{base} ({district})", f"{base} {venue.short_names[0]}"))
            if offer.slot is not None and offer.slot.on is None and rng.random() < 0.15:
                title += f" {ABBR_DE[offer.slot.days[0]]} {offer.slot.start[0]} Uhr"
                notes.append("title:time")
            if rng.random() < 0.3:
                shortened = abbreviate(title)
                if shortened != title:
                    title = shortened
                    notes.append("title:abbreviated")
    if offer.label and rng.random() < 0.35:
        # listings of one family sometimes say which group or branch they are
        if offer.label.startswith("Gruppe") and offer.slot is not None and rng.random() < 0.6:
            day = offer.slot.days[0]
            title += f" ({DAY_EN[day]}s)" if kind == "english_listing" else f" am {DAY_DE[day]}"
            notes.append("title:weekday")
        elif offer.label.startswith("Gruppe"):
            title += f" – {'Group' if kind == 'english_listing' else 'Gruppe'} {offer.label.split()[-1]}"
            notes.append("title:group")
        elif offer.label not in title:
            title += f" {offer.label}"
            notes.append("title:branch")
    if rng.random() < habits.compound:
        changed = compound_variant(title, rng)
        if changed != title:
            title = changed
            notes.append("title:compound")
    if rng.random() < habits.typo:
        title = typo(title, rng)
        notes.append("title:typo")
    if rng.random() < habits.title_case:
        title = case_variant(title, rng)
        notes.append("title:case")
    return title[:300]


def description_for(rng: random.Random, offer: RealOffer, kind: str, sched: str, notes: list[str]) -> str:
    """The free text in the source's style; `sched` is the time as text, empty when the listing has none."""
    concept, org, venue = offer.concept, offer.org, offer.venue
    picked = rng.sample(concept.lines_de, rng.randint(1, len(concept.lines_de)))
    lines_de = " ".join(picked + some_facts(rng, offer.facts, english=False))
    where = venue.name
    if kind == "municipal_portal":
        parts = [lines_de, f"Ort: {where.rstrip('.')}."]
        if rng.random() < 0.3:
            parts.insert(0, org.intro_de)
            notes.append("text:intro")
        if sched:
            parts.append(f"Termine: {sched}.")
        return " ".join(parts)
    if kind == "volunteer_agency":
        parts = []
        if rng.random() < 0.8:
            parts.append(org.intro_de)
            notes.append("text:intro")
        parts.append(f"Das Angebot: {lines_de}")
        if sched:
            parts.append(f"Wann: {sched}")
        parts.append(f"Wo: {where}, {venue.street}, {venue.district.postcode} {venue.municipality.name}")
        if len(offer.languages) > 1:
            parts.append("Sprachen: " + ", ".join(LANGUAGE_DE[code] for code in offer.languages))
        if rng.random() < 0.1:
            # exported from the agency's web editor with its markup left in
            notes.append("text:html")
            return "<p>" + "<br>".join(part.replace("&", "&amp;") for part in parts) + "</p>"
        return "\n".join(parts)
    if kind == "organisation_website":
        parts = [org.intro_de, lines_de]
        notes.append("text:intro")
        if sched:
            parts.append(f"Wann? {sched}")
        parts.append(f"Wo? {where}, {venue.street}")
        return "\n\n".join(parts)
    if kind == "church_website":
        intro = rng.choice(("Herzliche Einladung!", "Alle sind willkommen.", "Schauen Sie gern vorbei!"))
        text = f"{intro} {lines_de}"
        if sched:
            meet = offer.slot is not None and rng.random() < 0.5
            text += f" Wir treffen uns {sched}." if meet else f" Zeit: {sched}."
        return text
    if kind == "coordination_spreadsheet":
        choice = rng.random()
        if choice < 0.4 or not sched:
            notes.append("text:empty" if not sched else "text:time_only")
            return sched
        return f"{sched}, {venue.short_names[0]}"
    if rng.random() < 0.12:
        # an English listing that only translated the title
        notes.append("text:german")
        return f"{lines_de} When: {sched}." if sched else lines_de
    picked = rng.sample(concept.lines_en, rng.randint(1, len(concept.lines_en)))
    lines_en = " ".join(picked + some_facts(rng, offer.facts, english=True))
    parts = [lines_en]
    if rng.random() < 0.4:
        parts.insert(0, org.intro_en)
        notes.append("text:intro")
    if sched:
        parts.append(f"When: {sched}.")
    if len(offer.languages) > 1 and rng.random() < 0.5:
        parts.append("Languages: " + ", ".join(LANGUAGE_EN[code] for code in offer.languages) + ".")
    parts.append(f"Where: {where}, {transliterate(venue.street)}.".replace("..", "."))
    return " ".join(parts)
