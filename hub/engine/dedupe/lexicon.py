"""Activity concepts in German and English, and common organisation abbreviations.

Two systems name one offer differently ("Fußballtraining für Jugendliche" / "Sport-Treff für junge
Geflüchtete", "Begleitung zu Behörden" / "Behördenbegleitung"). A title is compared by the concepts
its words contain: a stem matches anywhere inside a folded word, so German compounds meet their
parts. The stems come from the taxonomy's de/en synonyms (schemas/taxonomy.json) and the usual words
of volunteer listings; they are deliberately general (what an activity *is*), never names of places
or organisations. Stems are folded (ä -> ae, ß -> ss) and lower case.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["ORGANISATION_ABBREVIATIONS", "concepts_of_phrases", "concepts_of_word"]

_CONCEPT_STEMS: dict[str, tuple[str, ...]] = {
    "language_course": ("deutschkurs", "sprachkurs", "germancourse", "germanlesson", "languagecourse",
                        "integrationskurs", "deutschunterricht", "deutschlernen", "learngerman", "germanclass",
                        "languageclass", "alphabetis", "literacy", "deutsch", "german", "sprachfoerder"),
    "conversation": ("sprachcafe", "sprachtreff", "languagecafe", "language cafe", "conversation cafe", "conversation", "konversation", "plaudern",
                     "sprachtandem", "tandem", "gespraech", "erzaehl"),
    "homework": ("hausaufgab", "homework", "nachhilfe", "lernhilfe", "tutoring", "tutor", "lernfoerder",
                 "lernpat", "schulhilfe", "lerncafe"),
    "accompaniment": ("begleit", "accompan", "escort", "lotse", "lotsen", "guide"),
    "authorities": ("behoerd", "amt", "aemter", "authorit", "jobcenter", "auslaenderbehoerde", "office visits",
                    "paperwork", "formular", "antraeg", "buerokratie", "bureaucra"),
    "doctor": ("arzt", "aerzt", "doctor", "medical", "klinik", "clinic", "gesundheit", "health", "praxis"),
    "interpreting": ("dolmetsch", "sprachmittl", "uebersetz", "interpret", "translat"),
    "counselling": ("beratung", "berat", "advice", "counsel", "sprechstunde", "consult", "hilfe bei"),
    "asylum": ("asyl", "asylum", "aufenthalt", "residence", "refugee law", "fluechtlingsrecht"),
    "job": ("bewerb", "job", "arbeit", "beruf", "career", "employment", "ausbildung", "praktik", "application",
            "lebenslauf", "cv"),
    "housing": ("wohnung", "wohnen", "housing", "flat", "apartment", "wohnraum", "mietsuche", "unterkunft"),
    "furniture": ("moebel", "furniture", "hausrat", "household goods"),
    "clothing": ("kleid", "kleider", "cloth", "kleidung", "textil", "garment", "second hand", "secondhand"),
    "swap": ("tausch", "swap", "exchange", "boerse", "flohmarkt", "flea market"),
    "food": ("lebensmittel", "essen", "food", "tafel", "mahlzeit", "meal", "kochen", "cook", "kueche", "kitchen",
             "mittagstisch", "lunch", "dinner", "fruehstueck", "breakfast", "backen", "bak"),
    "cafe": ("cafe", "kaffee", "coffee", "treff", "begegnung", "meeting point", "meetup", "get together",
             "encounter", "kulturen", "international", "welcome", "willkommen"),
    "sport": ("sport", "fussball", "football", "soccer", "kick", "basketball", "volleyball", "fitness", "yoga",
              "gymnastik", "lauf", "running", "bewegung", "turnen", "boxen", "tanz", "dance",
              "klettern", "climb", "tischtennis", "badminton"),
    "swimming": ("schwimm", "swim", "baden", "pool"),
    "cycling": ("fahrrad", "rad", "bike", "bicycle", "cycling", "cycle", "velo"),
    "repair": ("repair", "reparatur", "repar", "selbsthilfewerkstatt", "schrauber", "fahrradwerkstatt"),
    "computer": ("computer", "pc", "edv", "digital", "internet", "smartphone", "handy", "laptop", "it kurs",
                 "online"),
    "children": ("kind", "child", "kinder", "kita", "krabbel", "baby", "eltern", "parent", "famil", "spielgruppe",
                 "playgroup", "spiel", "play", "toddler", "mutter", "mother", "vater", "father"),
    "childcare": ("kinderbetreuung", "childcare", "betreuung", "babysit", "care for children", "aufsicht"),
    "youth": ("jugend", "youth", "teen", "junge", "young", "jugendlich", "schueler", "student"),
    "women": ("frauen", "women", "woman", "maedchen", "girls", "female", "muetter"),
    "seniors": ("senior", "aeltere", "elderly", "older"),
    "culture": ("kultur", "culture", "museum", "theater", "theatre", "musik", "music", "chor", "choir", "kunst",
                "art", "mal", "paint", "ausflug", "excursion", "trip", "film", "kino", "cinema", "lesen", "read",
                "bibliothek", "library", "buch", "book"),
    "sewing": ("naeh", "sew", "schneider", "tailor", "stricken", "knit", "handarbeit"),
    "hairdressing": ("friseur", "frisoer", "haarschnitt", "haircut", "hairdress", "barber"),
    "shopping": ("einkauf", "shopping", "groceries", "besorgung", "errand"),
    "garden": ("garten", "garden", "gaertner", "urban gardening", "pflanz", "plant"),
    "mentoring": ("pate", "paten", "patenschaft", "mentor", "buddy", "tandem partner", "begleitperson"),
    "psycho": ("psycho", "trauma", "seelisch", "mental", "therap", "zuhoer", "listening", "emotional"),
    "legal": ("recht", "legal", "law", "anwalt", "lawyer", "jurist"),
    "transport": ("fahrdienst", "transport", "fahrt", "driving", "ride", "shuttle", "umzug", "moving"),
    # roles in an organisation's back office are different roles, not one concept
    "office": ("buero", "office", "verwaltung", "admin", "ablage", "clerical", "reception", "empfang"),
    "coordination": ("koordination", "coordinat", "organisation", "einsatzplan", "scheduling"),
    "public_relations": ("oeffentlichkeitsarbeit", "public relations", "pr arbeit", "presse", "social media",
                         "website", "marketing", "kommunikation", "communication", "graphic", "grafik", "design"),
    "bookkeeping": ("buchhaltung", "bookkeep", "accounting", "finanz", "finance", "kasse", "treasur", "steuer"),
    "fundraising": ("fundrais", "spendenakquise", "grant", "foerdermittel"),
    "donations": ("spende", "donation", "sachspende", "ausgabe", "distribution", "sammel", "collect"),
    "translation_docs": ("dokument", "document", "brief", "letter", "post"),
    "driving_school": ("fuehrerschein", "driving licence", "driving license", "fahrschule"),
    "music": ("musik", "music", "band", "gitarre", "guitar", "singen", "sing"),
}

# Stems so short that they would hit inside unrelated words are matched as whole words only.
_WHOLE_WORD_ONLY = frozenset({"amt", "rad", "pc", "edv", "cv", "job", "kick", "art", "mal", "read", "play",
                              "spiel", "post", "band", "sing", "flat", "pool", "fahrt", "ride", "lauf", "bak",
                              "kind", "pate", "paten", "cook", "pate", "lesen", "buch", "book", "velo", "film",
                              "kino", "chor", "tanz", "yoga", "baby", "teen", "tutor", "mutter", "vater", "online",
                              "guide", "lotse", "plant", "brief", "recht", "law", "legal", "office", "junge",
                              "young", "eltern", "parent", "girls", "older"})

# Abbreviations organisations go by, expanded to their (normalised) full names.
ORGANISATION_ABBREVIATIONS: dict[str, str] = {
    "awo": "arbeiterwohlfahrt",
    "drk": "deutsches rotes kreuz",
    "asb": "arbeiter samariter bund",
    "vhs": "volkshochschule",
    "dpwv": "paritaetischer wohlfahrtsverband",
    "cvjm": "christlicher verein junger menschen",
    "ymca": "christlicher verein junger menschen",
    "juh": "johanniter unfall hilfe",
    "mhd": "malteser hilfsdienst",
    "skf": "sozialdienst katholischer frauen",
    "skm": "sozialdienst katholischer maenner",
    "ev": "",
}


@lru_cache(maxsize=65536)  # words repeat across every offer of a city
def concepts_of_word(word: str) -> frozenset[str]:
    """Concepts a folded word contains ("behoerdenbegleitung" -> authorities, accompaniment)."""
    found = set()
    for concept, stems in _CONCEPT_STEMS.items():
        for stem in stems:
            if " " in stem:
                continue  # phrases are matched on the whole title, see concepts_of_text
            if (word == stem) if stem in _WHOLE_WORD_ONLY else (stem in word):
                found.add(concept)
                break
    return frozenset(found)


def concepts_of_phrases(text: str) -> frozenset[str]:
    """Concepts named by multi-word phrases ("meeting point", "office visits") in folded text."""
    return frozenset(
        concept for concept, stems in _CONCEPT_STEMS.items()
        if any(" " in stem and stem in text for stem in stems)
    )
