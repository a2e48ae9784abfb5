"""Comparison levels of two offers, field by field, as a Fellegi–Sunter model reads them.

Each comparison turns a pair into a level: 0 is the strongest agreement, the last level the
clearest disagreement; None means one side lacks the field (it then neither helps nor hurts).
Alongside the level each comparison reports its similarity in 0..1 for people to read.
The levels and their cut points are the model's vocabulary (`LEVELS`); what a level is worth
is learnt from data (see model.py and training.py), never set here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from rapidfuzz import fuzz

from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.lexicon import BROAD_ACTIVITIES, PEOPLE_AUDIENCES, PLACE_KINDS, concepts_of_word
from hub.engine.dedupe.normalise import fold, normalise_text, words_of
from hub.engine.dedupe.profile import OfferProfile, cut_short_words, title_terms
from hub.engine.dedupe.slots import MONTHS, other_weeks_of_month, parse_course_starts, slot_similarity

__all__ = [
    "LEVELS", "NO_SYNONYMS", "Comparison", "compare", "misspelt", "organisation_similarity", "schedule_similarity",
    "title_similarity", "two_pages_of_one_site", "venue_comparison",
]

# no title words taught by reviews (read-only, so it can be every default)
NO_SYNONYMS: Mapping[str, frozenset[str]] = MappingProxyType({})

# name -> the levels' labels, strongest agreement first. Changing these changes the model format.
LEVELS: Mapping[str, tuple[str, ...]] = {
    "title": ("same", "close", "related", "weak", "different"),
    # the title once more, for pairs of one group (same organisation or contact): one group runs
    # several offers at one place and time, and there the title is nearly all that tells them apart
    "title_in_group": ("same", "close", "related", "weak", "different"),
    # each title has a word of its own the other lacks: "in Brooklyn" / "in Queens", "Gruppe 1" / "Gruppe 2"
    "title_contrast": ("none", "contrast"),
    "description": ("same", "close", "related", "different"),
    "organisation": ("same", "close", "related", "different"),
    "contact": ("email_or_phone", "url_only", "different"),
    "venue": ("same", "near", "different"),
    "schedule": ("same", "overlap", "different"),
    "category": ("same", "different"),
    "district": ("same", "different"),
    # the same place at the same weekly time, whoever the systems name as organiser: an offer's
    # strongest identity, and not the sum of the two (one group's offers share their place)
    "place_and_time": ("both_same", "not_both"),
}

Comparison = tuple[int, float]  # (level, similarity 0..1)


def _level(value: float, cuts: tuple[float, ...]) -> int:
    """Index of the first cut the value reaches; past the last cut, the last level."""
    for index, cut in enumerate(cuts):
        if value >= cut:
            return index
    return len(cuts)


def misspelt(word: str, other: str) -> bool:
    """One word is the other with a typo or an inflection ("bewrbung" / "bewerbung",
    "jugendliche" / "jugendlichen"). Both keep a word's beginning: "eastern" / "western" are two words."""
    return word[:2] == other[:2] and fuzz.ratio(word, other) >= 85


def _weighted_overlap(terms_a: frozenset[str], terms_b: frozenset[str], weight: Callable[[str], float]) -> tuple[float, bool]:
    """IDF-weighted Jaccard of two term sets where near-identical words count as shared ("jugendliche" /
    "jugendlichen"), and whether each side has a word of its own the other lacks."""
    shared = terms_a & terms_b
    only_b = terms_b - shared
    words_b = sorted(term for term in only_b if term[0] not in "#@" and len(term) >= 5)
    shared_weight = sum(weight(term) for term in shared)
    union_weight = shared_weight + sum(weight(term) for term in only_b)
    unmatched_a = False
    for word in sorted(terms_a - shared):
        union_weight += weight(word)
        if word[0] in "#@":
            continue
        partner = next((other for other in words_b if len(word) >= 5 and misspelt(word, other)), None) if words_b else None
        if partner is not None:
            words_b.remove(partner)
            only_b = only_b - {partner}
            shared_weight += weight(word)
            union_weight -= weight(partner)
        else:
            unmatched_a = True
    contrast = unmatched_a and any(term[0] not in "#@" for term in only_b)
    return (shared_weight / union_weight if union_weight else 0.0), contrast


@lru_cache(maxsize=4096)  # an offer's title is looked at for each of its candidate pairs in a row
def _concept_words(title: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The words of a title as written (folded) that name a concept, each with its concepts."""
    found = ((word, concepts_of_word(word)) for word in normalise_text(title).split() if len(word) >= 5)
    return tuple((word, concepts) for word, concepts in found if concepts)


def _with_typos_read(terms: frozenset[str], other_terms: frozenset[str], own: OfferProfile,
                     other: OfferProfile) -> frozenset[str]:
    """A word that is a misspelling of one of the other title's concept words ("Bewrbungstraining",
    "Fahrardkurs") stands for that word's concepts: a typo must not hide the activity. A word cut
    short with a full stop ("Sprechst.", "Ausg.") stands for the other title's word it begins."""
    abbreviated = cut_short_words(own.title)
    unknown = [term for term in terms if term[0] not in "#@" and term not in other_terms
               and (len(term) >= 5 or term in abbreviated)]
    if not unknown:
        return terms
    concept_words = _concept_words(other.title)
    other_words = normalise_text(other.title).split() if abbreviated else ()
    repaired = set(terms)
    for word in unknown:
        if word in abbreviated:
            whole = next((other_word for other_word in other_words
                          if len(other_word) > len(word) and other_word.startswith(word)), None)
            if whole is not None:
                repaired.discard(word)
                repaired |= concepts_of_word(whole) or {whole}
                continue
        for other_word, concepts in concept_words:
            if misspelt(word, other_word):
                repaired.discard(word)
                repaired |= concepts
                break
    return frozenset(repaired)


# a word cut short inside a compound ("Hausaufg.hilfe", "Lebensm.ausgabe", "Whg.-Suche") and the
# letter words of a spreadsheet's shorthand ("KK", "FaWe", "KiWa", "AufenthR")
_SHORT_FORM = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}\.(?=[A-Za-zÄÖÜäöüß-]|\s|$)|\b(?:[A-ZÄÖÜ][a-zäöüß]{0,2}){2,3}R?\b")


def _names_an_activity(profile: OfferProfile) -> bool:
    return any(term[0] == "#" for term in profile.title_terms)


def _unread_short_form(own: OfferProfile, other: OfferProfile) -> bool:
    """A title written in shorthand that names no activity the lexicon knows ("KK", "FaWe",
    "Whg.-Suche") against a title that names one: the shorthand cannot be read, so the titles neither
    agree nor disagree, and the organiser, place and weekly time decide. A coordination office's
    spreadsheet writes its titles so; reading "KK" as "Kleiderkammer" needs the office's own key.
    Under two categories the shorthand may name another of the organisation's services at that place
    and hour ("MBE" / "Wohnungssuche-Sprechstunde"), and the titles are compared as written."""
    if _names_an_activity(own) or not _names_an_activity(other):
        return False
    if own.category and other.category and own.category != other.category:
        return False  # filed under other categories too: nothing says the shorthand names the same thing
    if _SHORT_FORM.search(own.title) is None:
        return False
    # a word cut short that the other title spells out ("Sprechst." / "Sprechstunde") is read
    read = _with_typos_read(own.title_terms, other.title_terms, own, other)
    return not any(term[0] == "#" for term in read)


def _kinds_apart(terms: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A title's kinds of activity ("#sport:yoga") and its other terms; kinds only tell siblings apart
    and carry no weight of their own."""
    kinds = frozenset(term for term in terms if ":" in term)
    return kinds, (terms - kinds if kinds else terms)


def _other_kind_of_one_activity(kinds_a: frozenset[str], kinds_b: frozenset[str], shared: frozenset[str]) -> bool:
    """Both titles name a kind of an activity they share, and no kind of it in common."""
    for activity in shared:
        prefix = f"{activity}:"
        own_a = {kind for kind in kinds_a if kind.startswith(prefix)}
        own_b = {kind for kind in kinds_b if kind.startswith(prefix)}
        if own_a and own_b and not own_a & own_b:
            return True
    return False


# Words that tell one group or level of an offer from its siblings: "Gruppe 1" / "Gruppe 2",
# "Deutschkurs A1" / "A2", "für Anfänger" / "für Fortgeschrittene". Each maps to (what it marks, value).
_LEVEL_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType({
    **{code: ("cefr", code) for code in ("a1", "a2", "b1", "b2", "c1", "c2")},
    **dict.fromkeys(("anfaenger", "einsteiger", "beginner", "beginners", "grundkurs"), ("stage", "beginner")),
    **dict.fromkeys(("fortgeschrittene", "fortgeschritten", "advanced", "aufbaukurs"), ("stage", "advanced")),
    **dict.fromkeys(("intermediate", "mittelstufe"), ("stage", "intermediate")),
    # a literacy course is the level below A1 in German course systems
    **dict.fromkeys(("alpha", "alphakurs", "alphabetisierung", "alphabetisierungskurs", "literacy"), ("cefr", "alpha")),
})
_GROUP_WORDS = frozenset({"gruppe", "group", "kurs", "course", "class", "klasse", "team"})
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
# the morning and the evening group of one offer, as titles name them ("Vormittagsgruppe", "(abends)",
# "morning group", "vorm."); "Abendessen" is a meal, not a group, so whole words only
_DAYTIME_WORDS: Mapping[str, str] = MappingProxyType({
    **dict.fromkeys(("vormittag", "vormittags", "vormittagsgruppe", "vormittagskurs", "vorm", "morgens", "morning",
                     "mornings", "fruehgruppe"), "morning"),
    **dict.fromkeys(("nachmittag", "nachmittags", "nachmittagsgruppe", "nachmittagskurs", "nachm", "afternoon",
                     "afternoons"), "afternoon"),
    **dict.fromkeys(("abend", "abends", "abendgruppe", "abendkurs", "evening", "evenings", "spaetgruppe"), "evening"),
})
# one course's terms and one holiday programme's holidays ("Herbstkurs 2025" / "Frühjahrskurs 2026",
# "autumn term", "Sommerferien"): each term is an offer of its own
_TERM = re.compile(r"(herbst|autumn|fruehjahrs?|fruehlings?|spring|sommer|summer|winter|oster|easter|pfingst)"
                   r"(kurs|ferien|semester|programm|term|course|holidays?)?")
_SEASONS = {"herbst": "autumn", "fruehjahr": "spring", "fruehjahrs": "spring", "fruehling": "spring",
            "fruehlings": "spring", "sommer": "summer", "oster": "easter", "pfingst": "whitsun"}
_YEAR = re.compile(r"20\d\d")
_MONTH_WORDS = frozenset(MONTHS)
_SEASON_OF_MONTH = {month: "spring" if month <= 5 else "summer" if month <= 8 else "autumn" for month in range(1, 13)}
# the children's and the youth group of one offer by age: "6-10 J.", "ab 11 Jahren", "Kinder von 6 bis
# 10 Jahren", "children aged 6 to 10", "12+"
_AGE_SPAN = re.compile(r"(?:\bage[ds]?\s*|\bvon\s*)?\b(\d{1,2})\s*(?:-|–|bis|to)\s*(\d{1,2})\s*"
                       r"(?=j\b|j\.|jahre|years?\b|yrs\b)|\bage[ds]?\s*(\d{1,2})\s*(?:-|–|to|bis)\s*(\d{1,2})\b")
_AGE_FROM = re.compile(r"\b(?:ab|from|over|ueber)\s*(\d{1,2})\s*(?:j\b|j\.|jahre|jahren|years?\b)|\b(\d{1,2})\s*\+")


@lru_cache(maxsize=4096)
def group_marks(title: str) -> frozenset[tuple[str, str]]:
    """What sets a group or level apart in a title: a level ("a1", "beginner"), the number after a
    group word ("Gruppe 2"), the ages of a group ("6-10 J.", "ab 11 Jahren"), the time of day of a
    group ("Vormittagsgruppe") or a course's term ("Herbstkurs 2025")."""
    words = normalise_text(title).split()
    marks = {_LEVEL_WORDS[word] for word in words if word in _LEVEL_WORDS}
    # "Gruppe 2", "Kurs II"; not the day of "Kurs ab 22. Februar" or "Kurs ab 14.09.2026"
    marks.update(("number", _ROMAN.get(number, number)) for word, number, after in zip(words, words[1:], [*words[2:], ""])
                 if word in _GROUP_WORDS and (number in _ROMAN or (number.isdigit() and after not in _MONTH_WORDS
                                                                   and not after.isdigit())))
    marks.update(("daytime", _DAYTIME_WORDS[word]) for word in words if word in _DAYTIME_WORDS)
    folded = fold(title)
    marks.update(("age", f"{span[0] or span[2]}-{span[1] or span[3]}") for span in _AGE_SPAN.findall(folded))
    marks.update(("age", f"{start[0] or start[1]}+") for start in _AGE_FROM.findall(folded))
    seasons = {_SEASONS.get(found[1], found[1]) for word in words if (found := _TERM.fullmatch(word))}
    if seasons:
        marks.update(("term", season) for season in seasons)
        marks.update(("term_year", word) for word in words if _YEAR.fullmatch(word))
    for start in parse_course_starts(folded):
        # "Kurs ab 14.09.2026": the term that starts then; a course's terms start in spring, summer or autumn
        year, month = start
        marks.update({("term_year", str(year)), ("term", _SEASON_OF_MONTH[month])})
    return frozenset(marks)


def marked_siblings(a: OfferProfile, b: OfferProfile) -> bool:
    """The titles mark other groups or levels ("Gruppe 1" / "Gruppe 2", "Anfänger" / "Fortgeschrittene")
    or other audiences ("für Frauen" / "für Jugendliche") of one format."""
    return _other_groups(a, b) or _for_other_audiences(a.title_terms, b.title_terms)


def _for_other_audiences(terms_a: frozenset[str], terms_b: frozenset[str]) -> bool:
    """The titles name different audiences: none in common, or none of the groups of people in common
    ("Internationaler Frauentreff" / "Internationaler Jugendtreff": both international, for two groups)."""
    audience_a, audience_b = _audiences(terms_a), _audiences(terms_b)
    if not audience_a or not audience_b:
        return False
    people_a, people_b = audience_a & PEOPLE_AUDIENCES, audience_b & PEOPLE_AUDIENCES
    return audience_a.isdisjoint(audience_b) or bool(people_a and people_b and people_a.isdisjoint(people_b))


@lru_cache(maxsize=4096)
def _audiences(terms: frozenset[str]) -> frozenset[str]:
    return frozenset(term for term in terms if term[0] == "@")


def _other_groups(a: OfferProfile, b: OfferProfile) -> bool:
    """Both titles mark a group or level of the same kind, and not the same one."""
    marks_a, marks_b = group_marks(a.title), group_marks(b.title)
    if not marks_a or not marks_b:
        return False
    kinds = {kind for kind, _ in marks_a} & {kind for kind, _ in marks_b}
    return any({v for k, v in marks_a if k == kind}.isdisjoint({v for k, v in marks_b if k == kind}) for kind in kinds)


def _with_learned_words(terms: frozenset[str], synonyms: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Words the office's confirmed reviews taught stand for the activities they name."""
    learned = [term for term in terms if term in synonyms]
    if not learned:
        return terms
    return frozenset(terms.difference(learned).union(*(synonyms[term] for term in learned)))


def _title_overlap(a: OfferProfile, b: OfferProfile, idf: Any, default_idf: float,
                   synonyms: Mapping[str, frozenset[str]] = NO_SYNONYMS) -> tuple[float, bool] | None:
    """How alike two titles are (0..1), and whether each has a word of its own the other lacks (a
    substitution: "in Brooklyn" / "in Queens").

    When both titles name an activity, the activities decide most of it: "Fußballtraining für
    Jugendliche" and "Sport-Treff für junge Geflüchtete" are one offer in other words, and
    "Buchhaltung" and "Öffentlichkeitsarbeit" of one organisation are two, whatever else they share.
    A title that names one activity of the other's two ("Kleiderkammer" / "Kleiderspenden-Ausgabe")
    agrees. Who the offer is for (an audience) only lowers a pair when both name a different one.
    """
    if not a.title_terms or not b.title_terms:
        return None
    if _unread_short_form(a, b) or _unread_short_form(b, a):
        return None
    if _other_groups(a, b):
        # two groups or levels of one offer ("Gruppe 1" / "Gruppe 2", "A1" / "A2"): siblings, whatever
        # else the titles share, as a swapped word makes them
        similarity, _ = _title_overlap_of_terms(a, b, idf, default_idf, synonyms)
        return similarity * 0.7, True
    return _title_overlap_of_terms(a, b, idf, default_idf, synonyms)


# Function words that tell a German title from an English one ("Räume für Initiativen" / "Meeting
# rooms for initiatives"); words both languages use ("in", "am" of "10 am") are left out.
_TITLE_WORDS_DE = frozenset({"fuer", "und", "mit", "der", "die", "das", "den", "dem", "zum", "zur", "im", "von",
                             "zu", "bei", "beim", "ueber", "auf"})
_TITLE_WORDS_EN = frozenset({"for", "the", "and", "with", "of", "to", "from", "on", "at", "by"})


@lru_cache(maxsize=4096)
def title_language(title: str) -> str | None:
    """"de" or "en" when the title's function words say so, else None."""
    words = set(words_of(title))
    german, english = bool(words & _TITLE_WORDS_DE), bool(words & _TITLE_WORDS_EN)
    return "de" if german and not english else "en" if english and not german else None


def _translated(a: OfferProfile, b: OfferProfile) -> bool:
    """One title is German and the other English: their own words are translations, not swaps."""
    language_a, language_b = title_language(a.title), title_language(b.title)
    return language_a is not None and language_b is not None and language_a != language_b


# What a broad activity shared alone counts for against a title that names a narrower one: less than
# its weight ("Spendenlager" / "Fahrradspenden-Ausgabe" were still "related"); measured on generators
# B and C (0.5 cost recall, 0.7 none)
BROAD_ONLY_SHARE = 0.7


def _title_overlap_of_terms(a: OfferProfile, b: OfferProfile, idf: Any, default_idf: float,
                            synonyms: Mapping[str, frozenset[str]]) -> tuple[float, bool]:
    if a.title_terms == b.title_terms:
        return 1.0, False
    title_a, title_b = _with_learned_words(a.title_terms, synonyms), _with_learned_words(b.title_terms, synonyms)
    read_a, read_b = _with_typos_read(title_a, title_b, a, b), _with_typos_read(title_b, title_a, b, a)
    kinds_a, terms_a = _kinds_apart(_without_context_of(read_a, read_b, b))
    kinds_b, terms_b = _kinds_apart(_without_context_of(read_b, read_a, a))
    weight: Callable[[str], float] = lambda term: idf.get(term, default_idf)  # noqa: E731
    activities_a = frozenset(term for term in terms_a if term[0] == "#")
    activities_b = frozenset(term for term in terms_b if term[0] == "#")
    # a German and an English title each have words of their own: translations, not a swapped word
    swaps_count = not _translated(a, b)
    if not activities_a or not activities_b:
        overlap, swapped = _weighted_overlap(terms_a, terms_b, weight)
        return overlap, swapped and swaps_count
    shared = activities_a & activities_b
    shared_weight = sum(weight(term) for term in shared)
    weight_a, weight_b = sum(weight(term) for term in activities_a), sum(weight(term) for term in activities_b)
    if shared <= BROAD_ACTIVITIES and (activities_a | activities_b) - shared - BROAD_ACTIVITIES:
        # only a broad activity in common, and one title names a narrower one besides
        # ("Spendenlager" / "Fahrradspenden-Ausgabe", "Beratung" / "Psychosoziale Beratung"): another offer
        activity = BROAD_ONLY_SHARE * shared_weight / max(weight_a, weight_b)
        if activities_a - shared - BROAD_ACTIVITIES and activities_b - shared - BROAD_ACTIVITIES:
            # each names a narrower activity of its own ("Sprachcafé" / "Digital-Treff"): two offers
            # that share a frame, not one
            activity *= 0.5
    else:
        # one title names one activity of the other's two ("Kleiderkammer" / "Kleiderspenden-Ausgabe"):
        # they agree
        activity = shared_weight / min(weight_a, weight_b)
    words_a = frozenset(term for term in terms_a if term[0] not in "#@")
    words_b = frozenset(term for term in terms_b if term[0] not in "#@")
    contrast = False
    similarity = activity
    if words_a and words_b:
        words, contrast = _weighted_overlap(words_a, words_b, weight)
        contrast = contrast and swaps_count
        similarity = 0.75 * activity + 0.25 * words
        if contrast:
            # one word swapped for another of the same kind: "Russian" / "Chinese translator",
            # "Middle" / "High School", "Gruppe Nord" / "Gruppe Süd": a sibling, not a copy
            similarity *= 0.7
    if _other_kind_of_one_activity(kinds_a, kinds_b, shared):
        # "Yoga" / "Zumba instructor", "Website" / "Graphic design": one activity, another class of it
        similarity *= 0.6
        contrast = True
    if ("#festival" in activities_a) != ("#festival" in activities_b):
        # a group's festival ("Sommerfest im Sprachcafé" / "Sprachcafé") is a day of its own, not the
        # group's weekly offer, as a dated event is (`schedule_similarity`)
        similarity *= 0.6
        contrast = True
    if _for_other_audiences(terms_a, terms_b):
        # "Kochtreff für Frauen" / "Kochtreff für Jugendliche": one format for two audiences, siblings
        similarity *= 0.85
        contrast = True
    return similarity, contrast


def _without_context_of(terms: frozenset[str], other_terms: frozenset[str], other: OfferProfile) -> frozenset[str]:
    """A title's words without those that name the other offer's organiser or place: one system puts
    the organiser in the title ("Einkaufs-Hilfe (Ev.-Luth. Kirchengemeinde St. Markus)"), another the
    district ("Einkaufs-Hilfe (Paunsdorf)"); neither is a word of its own that tells two offers apart."""
    own = [term for term in terms if term[0] not in "#@" and term not in other_terms]
    if not own:
        return terms
    context = other.context_words
    named = {term for term in own if term in context}
    if not named:
        return terms
    return (terms - named) or terms  # a title that is nothing but the other's organiser keeps its words


def title_similarity(a: OfferProfile, b: OfferProfile, idf: Any, default_idf: float) -> float | None:
    """IDF-weighted overlap of the titles' concepts and words; near-identical words count as shared."""
    overlap = _title_overlap(a, b, idf, default_idf)
    return None if overlap is None else overlap[0]


def organisation_similarity(a: OfferProfile, b: OfferProfile) -> float | None:
    """The weakest word decides: "Willkommensinitiative Grünau" is not "... Gohlis".

    Every word of the shorter name must sound alike or nearly match a word of the longer
    one; a name that is one word of a longer one ("Flüchtlingshilfe") counts less.
    Abbreviations ("AWO") are compared spelled out.
    """
    if not a.organisation_norm or not b.organisation_norm:
        return None
    if a.organisation_key == b.organisation_key:
        return 1.0
    name_a, name_b = a.organisation_expanded, b.organisation_expanded
    if name_a and name_a == name_b:
        return 1.0
    glued = fuzz.ratio(name_a.replace(" ", ""), name_b.replace(" ", "")) / 100.0
    # the city an offer is in is no part of which organiser it is: "Caritas Köln" / "Caritas"
    cities = a.city_words | b.city_words
    (shorter, _), (longer, longer_profile) = sorted(
        ((_without(a.organisation_words, cities), a), (_without(b.organisation_words, cities), b)), key=lambda x: len(x[0]))
    longer_words = [word for word, _ in longer]
    # initials stand for the name as written, before its words are put in canonical form: "RW" is
    # "Refugees Welcome", which the canonical form calls "willkommen"
    written = [word for word in longer_profile.organisation_norm.split() if word not in cities]
    weakest = min(_best_match(word, code, longer, longer_words, written) for word, code in shorter)
    if len(shorter) == 1 and len(longer) > 1:
        weakest *= 0.8
    return max(weakest, glued if glued >= 0.9 else 0.0)


def _best_match(word: str, code: str, longer: tuple[tuple[str, str], ...], longer_words: list[str],
                written: list[str]) -> float:
    """How well one word of a name is found in the other name: the same sound, a near spelling, or
    initials ("BV" / "Bürgerverein", "DAKV" / "Deutsch-Arabischer Kulturverein") either way, of the
    canonical or the written words."""
    best = max(1.0 if code == other_code else fuzz.ratio(word, other) / 100.0 for other, other_code in longer)
    if best >= 0.85:
        return best
    # asked for most word pairs of two unrelated names: the cheap length and first-letter tests first
    if len(word) <= 5 and (_abbreviates(word, longer_words) or (written != longer_words and _abbreviates(word, written))):
        return 1.0
    if any(len(other) <= 5 and other[0] == word[0] and _abbreviates(other, [word]) for other in longer_words):
        return 1.0
    return best


def _without(words: tuple[tuple[str, str], ...], dropped: frozenset[str]) -> tuple[tuple[str, str], ...]:
    if not dropped:
        return words
    return tuple(item for item in words if item[0] not in dropped) or words


def _abbreviates(short: str, words: list[str]) -> bool:
    """Whether `short` is the initials of consecutive words of a name, or of one word's parts:
    "dakv" of "deutsch arabischer kulturverein", "bv" of "buergerverein", "nw" of "netzwerk"."""
    if not 2 <= len(short) <= 5 or not short.isalpha():
        return False
    return any(_initials_of(short, words[start:]) for start in range(len(words)) if words[start][0] == short[0])


def _initials_of(short: str, words: list[str]) -> bool:
    # the first letter opens a word; each further letter opens the next word or a later part of
    # the current one ("kultur|verein"); the run of words may end anywhere. Remembered per position:
    # without it the search backtracked over every occurrence of every letter (0.3 ms a call on
    # generator workloads, 2 % of the engine's time).
    @cache
    def fits(letter_index: int, word_index: int, position: int) -> bool:
        if letter_index == len(short):
            return True
        letter = short[letter_index]
        word = words[word_index]
        later = word.find(letter, position + 1)
        if later != -1 and fits(letter_index + 1, word_index, later):
            return True
        following = word_index + 1
        return following < len(words) and words[following][0] == letter and fits(letter_index + 1, following, 0)

    return fits(1, 0, 0)


def _description(a: OfferProfile, b: OfferProfile, same_organisation: bool) -> float | None:
    if not same_organisation:
        if not a.description_norm or not b.description_norm:
            return None
        return fuzz.token_set_ratio(a.description_norm, b.description_norm) / 100.0
    # One organisation's offers share its intro paragraph; sentences both carry say nothing about
    # whether they are the same offer, so only what is left is compared.
    sentences_a, sentences_b = a.description_sentences(), b.description_sentences()
    shared = sentences_a & sentences_b
    sentences_a, sentences_b = sentences_a - shared, sentences_b - shared
    if shared and a.source != b.source and _names_no_activity(sentences_a) and _names_no_activity(sentences_b):
        # the same text in two systems: one copied the other's listing, keeping or changing only lines
        # that name no activity ("Termine nach Vereinbarung." / "Nach Absprache."); within one source
        # it is the source's text for several of its listings
        return 1.0
    if not sentences_a or not sentences_b:
        return None
    return fuzz.token_set_ratio(" ".join(sorted(sentences_a)), " ".join(sorted(sentences_b))) / 100.0


def _distance_m(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    lat = math.radians((lat_a + lat_b) / 2)
    dx = math.radians(lon_b - lon_a) * math.cos(lat)
    dy = math.radians(lat_b - lat_a)
    return 6_371_000.0 * math.hypot(dx, dy)


def venue_comparison(a: OfferProfile, b: OfferProfile, config: DedupeConfig) -> Comparison | None:
    best: Comparison | None = None

    def consider(level: int, similarity: float) -> None:
        nonlocal best
        if best is None or level < best[0]:
            best = (level, similarity)

    if a.street_norm and b.street_norm:
        street = fuzz.ratio(a.street_norm, b.street_norm) / 100.0
        other_postcodes = bool(a.postcode and b.postcode and a.postcode.strip() != b.postcode.strip())
        if other_postcodes:
            street *= 0.5  # one street name in two parts of town
        level = 0 if street >= 0.95 else 1 if street >= 0.85 else 2
        if level and not other_postcodes and _one_street_a_house_left_open(a.street_norm, b.street_norm):
            level, street = 0, max(street, 0.95)
        consider(level, street)
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        distance = _distance_m(a.lat, a.lon, b.lat, b.lon)
        similarity = 1.0 if distance <= config.venue_distance_m else max(0.0, 1 - distance / 2000)
        # a record without a street has coordinates geocoded from less (a place's name, a district's
        # centre): they place it in a part of town, not at a door, so a greater distance is still "near"
        near = config.near_venue_m if a.street_norm and b.street_norm else config.approximate_venue_m
        consider(0 if distance <= config.venue_distance_m else 1 if distance <= near else 2, similarity)
    if a.venue_name_norm and b.venue_name_norm:
        name = fuzz.token_sort_ratio(a.venue_name_norm, b.venue_name_norm) / 100.0
        # a matching place name places the pair; names that share nothing separate it only when each
        # names its kind and its place ("Jugendzentrum" / "JUZ Nord" can be one place, "Bürgerhaus
        # Weingarten" / "Familienzentrum Altstadt" cannot)
        if name >= 0.9:
            consider(0, name)
        elif _other_places_of_one_kind(a.venue_name_norm.split(), b.venue_name_norm.split()):
            consider(2, name)
        elif _unrelated_places(_without_city(a.venue_name_norm, a, b), _without_city(b.venue_name_norm, a, b)):
            consider(2, name)
    return best


def _one_street_a_house_left_open(street_a: str, street_b: str) -> bool:
    """One street, and one record leaves the house open: no number ("Birkenweg" / "Birkenweg 2"), or a
    range that holds the other's ("Birkenweg 2-6" / "Birkenweg 2"). A sheet or a flyer names the street
    only; nothing then sets the places apart. Two numbers of one street stay two doors."""
    name_a, _, numbers_a = street_a.partition(" ")
    name_b, _, numbers_b = street_b.partition(" ")
    if name_a != name_b:
        return False
    if not numbers_a or not numbers_b:
        return True
    houses_a, houses_b = _houses(numbers_a), _houses(numbers_b)
    return bool(houses_a and houses_b) and (houses_a <= houses_b or houses_b <= houses_a) and houses_a != houses_b


def _houses(numbers: str) -> frozenset[int]:
    """The house numbers a normalised number part covers ("2 6": a range from 2 to 6)."""
    values = [int(part) for part in numbers.split() if part.isdigit()]
    if len(values) == 2 and values[0] < values[1] <= values[0] + 20:
        return frozenset(range(values[0], values[1] + 1))
    return frozenset(values)


def _other_places_of_one_kind(words_a: list[str], words_b: list[str]) -> bool:
    """"Stadtteilbibliothek Connewitz" / "Stadtteilbibliothek Reudnitz", "Gemeindehaus St. Lukas" /
    "Gemeindehaus St. Markus": one kind of place, and each name has a word the other lacks. A short
    form ("JuZ Chorweiler", "Bibliothek Grünau") lacks nothing the other has no match for."""
    own_a = [word for word in words_a if not any(_same_place_word(word, other) for other in words_b)]
    own_b = [word for word in words_b if not any(_same_place_word(word, other) for other in words_a)]
    shared = len(own_a) < len(words_a)
    # the words that differ must be names: "Pfarrheim St. Marien" / "Pfarrsaal St. Marien" is one place
    # called by two kinds of room
    return shared and _names_a_place(own_a) and _names_a_place(own_b)


def _without_city(name: str, a: OfferProfile, b: OfferProfile) -> list[str]:
    # "Migrationsberatungsstelle Berlin" names the service's place by its city: no place of its own
    city = a.city_words | b.city_words
    return [word for word in name.split() if word not in city]


def _unrelated_places(words_a: list[str], words_b: list[str]) -> bool:
    """"Stadtteilzentrum Kernstadt" / "Pfarrheim St. Martin": each names a kind of place and the place,
    and not one word of them meets. A short form ("JuZ" / "Jugendzentrum") or a name without its kind
    ("Kernstadt") may still be the same place."""
    words_a, words_b = [word for word in words_a if len(word) >= 3], [word for word in words_b if len(word) >= 3]
    if not (_names_a_place(words_a) and _names_a_place(words_b)):
        return False
    if not (_names_a_kind(words_a) and _names_a_kind(words_b)):
        return False
    # a word inside another counts from four letters on here: names that share nothing else must not
    # meet through a syllable
    return not any(_same_place_word(word, other, shortest_inside=4) for word in words_a for other in words_b)


def _names_a_kind(words: list[str]) -> bool:
    return any(kind in word for word in words for kind in PLACE_KINDS)


def _same_place_word(word: str, other: str, shortest_inside: int = 1) -> bool:
    """One word of two place names: the same, a typo, one inside the other ("lukas" / "lukasgemeinde",
    the shorter at least `shortest_inside` letters) or an abbreviation ("juz" / "jugendzentrum")."""
    inside = min(len(word), len(other)) >= shortest_inside and (word in other or other in word)
    return (word == other or fuzz.ratio(word, other) >= 85 or inside
            or _abbreviates(word, [other]) or _abbreviates(other, [word]))


def _names_a_place(words: list[str]) -> bool:
    return any(not any(kind in word for kind in PLACE_KINDS) for word in words)


def _contact(a: OfferProfile, b: OfferProfile) -> Comparison | None:
    keys_a, keys_b = a.contact_keys, b.contact_keys
    if not keys_a or not keys_b:
        return None
    shared = keys_a & keys_b
    site = _site_in_common(keys_a, keys_b)
    if site == "two pages":
        return (2, 0.0)  # each record links its own page on the organisation's site: two offers, one e-mail
    if any(not key.startswith("url:") for key in shared):
        return (0, 1.0)
    if shared or site == "one site":
        # only the website in common, or the organisation's home page beside a page of its site
        # ("awo-kiel.de" / "awo-kiel.de/angebote/sprachcafe"): who, not which offer
        return (1, 1.0)
    if not _channels(keys_a) & _channels(keys_b):
        return None  # an e-mail in one record, a phone in the other: nothing to set them apart
    if _one_organisations_addresses(keys_a, keys_b) or _one_switchboard(keys_a, keys_b):
        return None
    return (2, 0.0)


def _channels(keys: frozenset[str]) -> frozenset[str]:
    return frozenset(key.split(":", 1)[0] for key in keys)


def _one_switchboard(keys_a: frozenset[str], keys_b: frozenset[str]) -> bool:
    """Two numbers of one telephone system ("0341 555 29 10" and the extension "0341 555 29 13"): an
    organisation's central number and a department's extension say who, not that the offers differ."""
    phones_b = [key[6:] for key in keys_b if key.startswith("phone:")]
    return any(
        _same_line_but_extension(key[6:], phone_b) for key in keys_a if key.startswith("phone:") for phone_b in phones_b
    )


def _same_line_but_extension(phone_a: str, phone_b: str) -> bool:
    # German numbers are area code + subscriber number + an extension of one to four digits written
    # onto the end; the trunk ("0341 5552") is the organisation's, a difference in the last two digits
    # is one department or another. Seven digits of trunk keep two neighbours' numbers apart.
    shorter, longer = sorted((phone_a, phone_b), key=len)
    trunk = len(shorter) - 2
    return trunk >= 7 and longer.startswith(shorter[:trunk]) and len(longer) - len(shorter) <= 2


# Mail providers anyone can use: two addresses there are two people, not one organisation
_FREE_MAIL = frozenset("""
    gmail.com googlemail.com web.de gmx.de gmx.net gmx.at gmx.ch t-online.de yahoo.com yahoo.de outlook.com
    outlook.de hotmail.com hotmail.de live.com live.de posteo.de posteo.net mailbox.org icloud.com me.com aol.com
    aol.de freenet.de arcor.de online.de email.de mail.de protonmail.com proton.me gmx.com mail.ru yandex.ru
""".split())


def _one_organisations_addresses(keys_a: frozenset[str], keys_b: frozenset[str]) -> bool:
    """Two e-mail addresses of one organisation's own domain ("integration@caritas-erfurt.de",
    "info@caritas-erfurt.de"): a department's address and the central one say who, as the
    organisation does, not that the offers differ."""
    return bool(_own_mail_domains(keys_a) & _own_mail_domains(keys_b))


@lru_cache(maxsize=4096)
def _own_mail_domains(keys: frozenset[str]) -> frozenset[str]:
    return frozenset(key.rsplit("@", 1)[-1] for key in keys if key.startswith("email:")) - _FREE_MAIL


def two_pages_of_one_site(keys_a: frozenset[str], keys_b: frozenset[str]) -> bool:
    """Each record links a page of one site and no page is the same ("awo-kassel.de/angebote/team-empfang"
    / ".../team-buero"): an organisation gives each of its offers a page, so these are two of its offers,
    whatever e-mail or phone they share (on generators A to F, seeds 2: one such pair of about 2,900 the
    same offer)."""
    return _site_in_common(keys_a, keys_b) == "two pages"


def _site_in_common(keys_a: frozenset[str], keys_b: frozenset[str]) -> str | None:
    """"two pages" (of one host, none the same), "one site" (web addresses of one host otherwise: the same
    page, or the home page beside a page) or None."""
    pages_a, pages_b = _pages(keys_a), _pages(keys_b)
    if not {host for host, _ in pages_a} & {host for host, _ in pages_b}:
        return None
    deep_a, deep_b = {page for page in pages_a if page[1]}, {page for page in pages_b if page[1]}
    if deep_a and deep_b and not deep_a & deep_b and {host for host, _ in deep_a} & {host for host, _ in deep_b}:
        return "two pages"
    return "one site"


def _pages(keys: frozenset[str]) -> set[tuple[str, str]]:
    """(host, path) of each web address ("url:awo-kiel.de/angebote/x" -> ("awo-kiel.de", "angebote/x")).
    Parsed once per compared pair, not cached: a record has one or two, and a cache would hold memory per offer."""
    return {(host, path) for host, _, path in (key[4:].partition("/") for key in keys if key.startswith("url:"))}


def _ended_by(older: OfferProfile, newer: OfferProfile) -> bool:
    return bool(older.schedule_until and newer.recorded_on and older.schedule_until < newer.recorded_on)


def _a_name_and_an_activity(a: OfferProfile, b: OfferProfile) -> bool:
    """One title names an activity and the other none, only words of its own ("Kinderinsel",
    "Läuft bei uns"): a project's name beside what it does."""
    return _names_an_activity(a) != _names_an_activity(b)


# What a title that is only a name counts for when its description names every activity of the other
# title: the "related" level, not the same title (measured on generators A to F, seeds 2)
NAME_DESCRIBED_SIMILARITY = 0.5


def _named_described(a: OfferProfile, b: OfferProfile) -> bool:
    """The description of the title that names no activity names every narrower activity the other
    title names (and at least one)."""
    named, described = (a, b) if _names_an_activity(a) else (b, a)
    wanted = {term for term in named.title_terms if term[0] == "#"} - BROAD_ACTIVITIES
    return bool(wanted) and wanted <= _activities_of_text(described.description)


@lru_cache(maxsize=4096)
def _activities_of_text(text: str) -> frozenset[str]:
    return frozenset(term for term in title_terms(text) if term[0] == "#")


def _upcoming_dates_of(dated: OfferProfile, weekly: OfferProfile, tolerance: int) -> bool:
    """Whether an offer listed on dates is the recurring offer's next meetings, as an event calendar lists
    one ("19.10., 20.10. and 22.10., 16-20 Uhr" / "Mo/Di/Do 16-20"): each date on one of its weekdays and
    hours, and two dates or more, or one on the weekday of the month a monthly offer meets ("12.11." /
    "2. Donnerstag im Monat"). One date of a weekly offer's weekday stays the group's special day."""
    on_its_times = all(
        any(day == weekly_day and abs(minute - weekly_minute) <= tolerance for weekly_day, weekly_minute in weekly.weekly_slots)
        for day, minute in dated.weekly_slots)
    if not on_its_times:
        return False
    if len(dated.one_off_dates) >= 2:
        return True
    return bool(weekly.month_weeks) and all(
        any((day, week) in weekly.month_weeks for week in _weeks_of_month(date))
        for day, _ in dated.weekly_slots for date in dated.one_off_dates)


def _weeks_of_month(date: str) -> tuple[int, ...]:
    """Which of its weekday's occurrences in the month a day is ("MM-DD"): the n-th, and the last (-1)
    where no later one fits the month (February taken as 28 days)."""
    month, day = int(date[-5:-3]), int(date[-2:])
    nth = (day - 1) // 7 + 1
    return (nth, -1) if day + 7 > _DAYS_IN_MONTH[month - 1] else (nth,)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def schedule_similarity(a: OfferProfile, b: OfferProfile, config: DedupeConfig) -> float | None:
    """How far two offers' times agree (1.0 the same, 0.0 none in common), None if one has no time."""
    if _ended_by(a, b) or _ended_by(b, a):
        return None  # one listing kept the times of a term that had ended when the other was made
    if other_weeks_of_month(a.month_weeks, b.month_weeks):
        return 0.0  # the first and the third Sunday of the month: two dates, two groups
    schedule = slot_similarity(a.weekly_slots, b.weekly_slots, config.slot_tolerance_minutes)
    if bool(a.one_off_dates) != bool(b.one_off_dates) and a.weekly_slots and b.weekly_slots:
        dated, weekly = (a, b) if a.one_off_dates else (b, a)
        if not _upcoming_dates_of(dated, weekly, config.slot_tolerance_minutes):
            # a dated event and a weekly offer ("Fußballturnier am 16.7." / "Fußballtraining donnerstags"):
            # the group's special day, not the group, even on its weekday and hour
            return 0.0
    if a.one_off_dates and b.one_off_dates:
        if not a.one_off_dates & b.one_off_dates:
            return 0.0  # one-off events on other days: the same weekday and hour is not the same event
        if schedule is None:
            return 1.0  # "am 5. September" in one text, a window on that day in the other
    return schedule


def compare(
    a: OfferProfile, b: OfferProfile, config: DedupeConfig, idf: Any, default_idf: float,
    synonyms: Mapping[str, frozenset[str]] = NO_SYNONYMS,
) -> dict[str, Comparison]:
    """Level and similarity of every comparison both offers have data for (`synonyms`: title words
    the model learnt from reviews)."""
    found: dict[str, Comparison] = {}
    organisation = organisation_similarity(a, b)
    if organisation is not None:
        found["organisation"] = (_level(organisation, (0.97, 0.85, 0.6)), organisation)
    overlap = _title_overlap(a, b, idf, default_idf, synonyms)
    if overlap is not None and overlap[0] < 0.45 and a.source != b.source and _a_name_and_an_activity(a, b) \
            and _named_described(a, b):
        # "Kettenblatt" whose page says "bei uns könnt ihr das eigene Fahrrad reparieren" / "Fahrradwerkstatt"
        # in another system: the name's own text names the other title's activity; related, not the same
        # title. Within one source it is another of its offers ("Volunteer Recruitment" / "Office Support,
        # Volunteer Recruitment and Personnel" of one organisation, whose text mentions "our office").
        overlap = (NAME_DESCRIBED_SIMILARITY, False)
    if overlap is not None:
        found["title"] = (_level(overlap[0], (0.95, 0.7, 0.45, 0.25)), overlap[0])
        found["title_contrast"] = (1, 0.0) if overlap[1] else (0, 1.0)
    description = _description(a, b, organisation is not None and organisation >= 0.85)
    if description is not None:
        found["description"] = (_level(description, (0.9, 0.7, 0.5)), description)
    contact = _contact(a, b)
    if contact is not None:
        found["contact"] = contact
    venue = venue_comparison(a, b, config)
    if venue is not None:
        found["venue"] = venue
    schedule = schedule_similarity(a, b, config)
    if schedule is not None:
        found["schedule"] = (0 if schedule >= 0.99 else 1 if schedule > 0 else 2, schedule)
    if "venue" in found and "schedule" in found:
        both = found["venue"][0] == 0 and found["schedule"][0] == 0
        found["place_and_time"] = (0 if both else 1, 1.0 if both else 0.0)
    if found.get("place_and_time", (9, 0.0))[0] == 0 and found.get("title", (0, 0.0))[0] >= 3 \
            and a.category and a.category == b.category and _a_name_and_an_activity(a, b):
        # "Anstoß Bad Godesberg" / "Fußballtraining für Jugendliche" in one category at one place and
        # weekly time: a name of its own says nothing about which activity it is, so the titles are no
        # evidence (in another category it is another offer of the place: "Bleibeperspektive", the
        # asylum counselling, beside the café at its hour)
        del found["title"], found["title_contrast"]
    if "title" in found and (found.get("organisation", (9, 0.0))[0] <= 1 or found.get("contact", (9, 0.0))[0] == 0
                             or found.get("place_and_time", (9, 0.0))[0] == 0):
        found["title_in_group"] = found["title"]
    if found.get("organisation", (0, 0.0))[0] >= 3 and (
        found.get("contact", (9, 0.0))[0] == 0 or found.get("place_and_time", (9, 0.0))[0] == 0
    ):
        # The group is already established by a shared e-mail or phone, or the offer by its place and
        # weekly time: that two systems name the organiser differently (an agency, a re-worded or
        # abbreviated name) is then no evidence against the pair.
        del found["organisation"]
    if a.category and b.category:
        same = a.category == b.category
        found["category"] = (0 if same else 1, 1.0 if same else 0.0)
    if a.district_set and b.district_set:
        same = bool(a.district_set & b.district_set)
        found["district"] = (0 if same else 1, 1.0 if same else 0.0)
    return found


def _names_no_activity(sentences: frozenset[str]) -> bool:
    """No sentence names an activity: what is left of two texts once their shared sentences are taken
    out is a note on appointments or languages, not another offer's own text."""
    return not any(term[0] == "#" for sentence in sentences for term in title_terms(sentence))
