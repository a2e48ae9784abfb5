"""OfferProfile: the projection of an offer that duplicate detection reads, and its builders.

Dedupe depends on this flat, frozen shape only, never on the pydantic models directly.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from hub.engine.dedupe.normalise import (
    fold,
    normalise_content,
    normalise_email,
    normalise_organisation,
    normalise_phone,
    normalise_street,
    normalise_text,
    normalise_url,
    words_of,
    words_run_together_apart,
)
from hub.engine.dedupe.lexicon import (
    BROAD_ACTIVITIES,
    COMPANION_WORDS,
    PLACE_KINDS,
    TITLE_FILLER,
    canonical_organisation,
    concepts_of_cut_word,
    concepts_of_phrases,
    concepts_of_word,
    german_place_kinds,
    phrases_of,
)
from hub.engine.dedupe.phonetics import cologne_phonetic, organisation_key
from hub.engine.dedupe.slots import (
    MonthWeek, Slot, month_day, month_weeks_of_rule, month_weeks_of_text, parse_dates, parse_weekly_slots, recurs,
    says_weekly, slots_of_rule, slots_of_window,
)

__all__ = ["OfferProfile", "profile_from_dict", "profile_of", "profile_of_record", "title_terms"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@lru_cache(maxsize=4096)
def _sentences(description: str) -> frozenset[str]:
    return frozenset(filter(None, (normalise_content(part) for part in _SENTENCE_END.split(description))))


# Activities that are help with something else: "Begleitung beim Einkaufen" is help with shopping.
_HELP_WITH = frozenset({"#accompaniment", "#counselling"})


def _offer_part(title: str) -> str:
    """The part of a folded title that names the offer: "Kinderbetreuung während der Sprachkurse" is
    childcare, the course only says when. A companion word after an activity or an audience starts the
    context; without either before it ("Hilfe beim Ausfüllen von Formularen"), or after help with
    something ("Begleitung beim Einkaufen"), it leads to the activity."""
    words = title.split()
    for index, word in enumerate(words):
        if word in COMPANION_WORDS and index:
            before = set(concepts_of_phrases(" ".join(words[:index]))).union(*map(concepts_of_word, words[:index]))
            if before - _HELP_WITH:
                return " ".join(words[:index])
    return title


# "Babysitter-Pool", "Dolm.-Pool": a pool of people who do what the first part says, no swimming pool
_PEOPLE_POOL = re.compile(r"(?<=[\w.])\s?-\s?pool\b", re.IGNORECASE)

# "Schüler*innen", "Schüler:innen", "Schüler_innen": the ending is no word of its own
_GENDER_ENDING = re.compile(r"(?<=\w)[*:_/]in(?:nen)?\b")


def _compounds_joined(words: list[str]) -> str:
    """A compound written apart ("Nach Hilfe", "Lese Paten") read as one word when only the whole
    names an activity, or names more than its second part."""
    joined: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if index + 1 < len(words) and len(word) >= 3 and _lends_to_next(word, words[index + 1]):
            joined.append(word + words[index + 1])
            index += 2
            continue
        joined.append(word)
        index += 1
    return " ".join(joined)


# "Sprach- und Begegnungscafé", "Jugend-, Familien- und Sozialberatung": the first parts lend the
# head of the last compound
_ELIDED_COMPOUND = re.compile(r"(\w+)-(?=(?:\s*,\s*\w+-)*\s*(?:und|oder|u\.|&|/|,)\s*(\w+))")


def _elisions_completed(title: str) -> str:
    """Elided compounds written out ("Sprach- und Begegnungscafé" -> "Sprachcafé und Begegnungscafé"):
    the lent head is the shortest end of the last compound (four letters or more) that names an
    activity; without one the part stays as it is."""
    if "-" not in title:
        return title

    def completed(match: re.Match[str]) -> str:
        part, last = match.group(1), match.group(2)
        for start in range(len(last) - 4, 0, -1):
            if concepts_of_word(fold(last[start:])):
                return part + last[start:]
        return match.group(0)

    return _ELIDED_COMPOUND.sub(completed, title)


def _names_the_activity(word: str) -> bool:
    """A word of the offer's context that is kept in its title: it names an activity and no kind of
    building. The "Fahrradwerkstatt in List" at the venue "Fahrradwerkstatt KI Hannover" is a bicycle
    workshop, the "Sprachcafé Grünau (Stadtteilladen)" of the "Sprachcafé Grünau e.V." a language café;
    "Lesepaten – Stadtteilbibliothek Schwabing" at that library is not a library."""
    activities = {concept for concept in concepts_of_word(word) if concept[0] == "#"}
    return bool(activities - BROAD_ACTIVITIES) and not any(kind in word for kind in _BUILDINGS)


# Kinds of place that are buildings, not formats: a "Sprachcafé", a "Kleiderladen" or a "Spieletreff"
# is what happens there
_BUILDINGS = tuple(kind for kind in PLACE_KINDS if kind not in {"treff", "cafe", "club", "klub", "laden", "raum", "raeume"})


_CUT_SHORT = re.compile(r"([a-z]{3,})\.(?![0-9])")


@lru_cache(maxsize=4096)
def cut_short_words(title: str) -> frozenset[str]:
    """Folded words of a title written cut short with a full stop ("Sprechst. Papierkram", "Dolm.-Pool")."""
    return frozenset(_CUT_SHORT.findall(fold(words_run_together_apart(title)))) if "." in title else frozenset()


def title_terms(title: str, context: str = "") -> frozenset[str]:
    """What a title is about: activity concepts ("#sport"), audiences ("@youth") and the remaining words.

    A word that names a concept stands for the concept only, so "Fußballtraining" and "Sport-Treff"
    meet on "#sport" and the words themselves do not count against the pair. Words of the offer's own
    context (its organisation, venue, district and street: "Kleiderstube – DRK Hannover Döhren") and
    filler ("herzliche Einladung") say nothing about which offer it is and are left out, unless
    nothing else is left (a list of groups, each titled with its own name).
    """
    context_words = frozenset(normalise_content(context).split())
    cut = cut_short_words(title)
    title = _elisions_completed(words_run_together_apart(_GENDER_ENDING.sub("", _PEOPLE_POOL.sub("", title))))
    title = _offer_part(" ".join(normalise_text(_compounds_joined(words_of(title))).split()))
    words = [word for word in normalise_content(title).split() if len(word) > 1]
    kept = [word for word in words
            if (word not in context_words or _names_the_activity(word)) and word not in TITLE_FILLER]
    if not kept:
        kept = [word for word in words if word not in TITLE_FILLER] or words
    phrase_concepts, in_phrases = phrases_of(title)
    terms: set[str] = set(phrase_concepts)
    for word in kept:
        if word in in_phrases:
            continue
        concepts = concepts_of_cut_word(word) if word in cut else concepts_of_word(word)
        if concepts:
            terms.update(concepts)
        else:
            terms.add(word)
    return frozenset(terms)


def _lends_to_next(word: str, following: str) -> bool:
    """Whether the two words name more together than the second alone. A first part naming an audience
    ("Baby-Kleiderbörse", "Kinder Betreuung") joins only where the whole names another activity."""
    own = concepts_of_word(word)
    if not own:
        return bool(concepts_of_word(word + following) - concepts_of_word(following))
    return not _activities_of(word) and bool(_activities_of(word + following) - _activities_of(following))


def _activities_of(word: str) -> frozenset[str]:
    return frozenset(concept for concept in concepts_of_word(word) if concept[0] == "#")


@dataclass(frozen=True, slots=True)
class OfferProfile:
    offer_id: str
    source: str
    ags: str
    category: str
    title: str
    organisation_name: str = ""
    organisation_kind: str = ""
    description: str = ""
    districts: tuple[str, ...] = ()
    street: str = ""
    postcode: str = ""
    venue_name: str = ""  # the place as people call it (Location.name)
    city: str = ""  # Location.city: "Caritas Köln" and "Caritas" are one organiser in Köln
    lat: float | None = None
    lon: float | None = None
    email: str = ""
    phone: str = ""
    url: str = ""
    weekly_slots: frozenset[Slot] = field(default_factory=frozenset)
    # the days of a one-off offer (windows, no recurring rule): another day is another event
    one_off_dates: frozenset[str] = field(default_factory=frozenset)
    # the last day its weekly times hold (YYYYMMDD) when every rule ends (UNTIL) and the text names no
    # weekly time of its own; and the day the record was made: a newer listing is not set against the
    # times an older one kept from a term that has ended since
    schedule_until: str = ""
    recorded_on: str = ""
    # which weekday of the month a monthly offer meets on ((6, 1): the first Sunday), from its rules and text
    month_weeks: frozenset[MonthWeek] = field(default_factory=frozenset)
    target_groups: frozenset[str] = field(default_factory=frozenset)
    languages: frozenset[str] = field(default_factory=frozenset)
    capacity: int | None = None
    status: str = "active"
    # Normal forms, computed on first use and kept in their slot (`__getattr__` runs only for a slot
    # not set yet); scoring compares thousands of pairs. Slots, not functools.cached_property: an
    # instance dict cost about 1.5 KB more per indexed offer.
    title_norm: str = field(init=False, repr=False, compare=False)
    title_terms: frozenset[str] = field(init=False, repr=False, compare=False)
    lists_the_organisation_itself: bool = field(init=False, repr=False, compare=False)
    organisation_expanded: str = field(init=False, repr=False, compare=False)
    venue_name_norm: str = field(init=False, repr=False, compare=False)
    description_norm: str = field(init=False, repr=False, compare=False)
    organisation_norm: str = field(init=False, repr=False, compare=False)
    organisation_key: str = field(init=False, repr=False, compare=False)
    street_norm: str = field(init=False, repr=False, compare=False)
    district_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # An offer's values recur across a city's offers (its source, organiser, street, title, the days it
        # meets): one object per value, not one per offer. Its id and description are its own.
        for name in _SHARED_FIELDS:
            object.__setattr__(self, name, shared(getattr(self, name)))

    if not TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any attribute name
        def __getattr__(self, name: str) -> Any:
            derive = _DERIVATIONS.get(name)
            if derive is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            value = shared(derive(self))  # title terms and normal forms recur as well
            object.__setattr__(self, name, value)
            return value

    def _derive_title_norm(self) -> str:
        return normalise_content(self.title)

    def _derive_title_terms(self) -> frozenset[str]:
        """What the title is about, without the offer's own organisation, venue, district and street."""
        context = " ".join((self.organisation_name, self.organisation_expanded, self.venue_name, *self.districts,
                            self.street))
        return title_terms(self.title, context)

    @property
    def context_words(self) -> frozenset[str]:
        """The words of where and by whom (organisation, venue, districts, street, city), as titles
        are normalised: a title word the *other* offer has there names its organiser or place, not
        another offer ("Möbellager im Gemeindehaus" / "Möbellager Kath. Pfarrgemeinde St. Thomas").
        Not kept on the profile (memory per indexed offer): one organisation's offers share a cache entry."""
        return _context_words(" ".join((self.organisation_name, self.organisation_expanded, self.venue_name,
                                        *self.districts, self.street, self.city)))

    def description_sentences(self) -> frozenset[str]:
        """Normalised sentences of the description, to tell an organisation's boilerplate apart.

        Not kept on the profile (only pairs of one organisation need them, and every indexed offer
        would carry them); a bounded cache serves an organisation's offers compared in a row.
        """
        return _sentences(self.description)

    def _derive_lists_the_organisation_itself(self) -> bool:
        """The record is the organisation itself (a list of initiatives, each named after itself)."""
        return bool(self.organisation_norm) and self.organisation_norm == normalise_organisation(self.title)

    def _derive_organisation_expanded(self) -> str:
        """The normalised organisation name in its canonical short form: aliases of the welfare
        associations, cities' English names and structure words ("Kreisverband") resolved."""
        return canonical_organisation(self.organisation_norm)

    def _derive_venue_name_norm(self) -> str:
        return german_place_kinds(normalise_organisation(self.venue_name))

    def _derive_description_norm(self) -> str:
        # Place is compared as venue and district; left in the text ("Treffpunkt Karl-Heine-
        # Straße", "in Grünau") it would make every offer of one venue read alike.
        place = set(normalise_text(f"{self.street} {' '.join(self.districts)}").split())
        place |= {word for word in normalise_text(self.street).split() if word.endswith("strasse")}
        return " ".join(word for word in normalise_content(self.description).split() if word not in place)

    def _derive_organisation_norm(self) -> str:
        return normalise_organisation(self.organisation_name)

    def _derive_organisation_key(self) -> str:
        return organisation_key(self.organisation_name)

    @property
    def city_words(self) -> frozenset[str]:
        """The city's name as organisation names spell it ("frankfurt" for "Frankfurt am Main")."""
        return _city_words(self.city)

    @property
    def organisation_words(self) -> tuple[tuple[str, str], ...]:
        """(word, phonetic code) of each word of the normalised organisation name. Not kept on the profile
        (memory per indexed offer): a bounded cache serves an organisation's offers compared in a row."""
        return _organisation_words(self.organisation_expanded)

    def _derive_street_norm(self) -> str:
        return normalise_street(self.street)

    @property
    def contact_keys(self) -> frozenset[str]:
        """Tagged contact values ("phone:0341...") so e-mail and phone never collide. Not kept on the
        profile (memory per indexed offer: most are an organisation's own): a bounded cache serves the
        offers of one organisation compared in a row."""
        return _contact_keys(self.email, self.phone, self.url)

    def _derive_district_set(self) -> frozenset[str]:
        return frozenset(normalise_text(district) for district in self.districts if district)

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in _STORED_FIELDS}
        data["districts"] = list(self.districts)
        data["weekly_slots"] = sorted([list(slot) for slot in self.weekly_slots])
        data["target_groups"] = sorted(self.target_groups)
        data["languages"] = sorted(self.languages)
        data["one_off_dates"] = sorted(self.one_off_dates)
        data["month_weeks"] = sorted([list(week) for week in self.month_weeks])
        return data


_STORED_FIELDS = tuple(item.name for item in fields(OfferProfile) if item.init)
_SHARED_FIELDS = tuple(name for name in _STORED_FIELDS if name not in {"offer_id", "description"})
_DERIVATIONS: Mapping[str, Callable[[OfferProfile], Any]] = {
    item.name: getattr(OfferProfile, f"_derive_{item.name}") for item in fields(OfferProfile) if not item.init
}


def profile_from_dict(data: Mapping[str, Any]) -> OfferProfile:
    """Inverse of OfferProfile.to_dict (state tables store plain dicts)."""
    values = dict(data)
    values["districts"] = tuple(values.get("districts", ()))
    values["weekly_slots"] = frozenset(tuple(slot) for slot in values.get("weekly_slots", ()))
    values["target_groups"] = frozenset(values.get("target_groups", ()))
    values["languages"] = frozenset(values.get("languages", ()))
    # days are kept as "MM-DD"; state stored before that holds ISO dates
    values["one_off_dates"] = frozenset(month_day(day) for day in values.get("one_off_dates", ()))
    values["month_weeks"] = frozenset(tuple(week) for week in values.get("month_weeks", ()))
    return OfferProfile(**values)


# An organiser's offers share its name and contact: their derived forms are kept once each (bounded).
@lru_cache(maxsize=4096)
def _organisation_words(expanded: str) -> tuple[tuple[str, str], ...]:
    return tuple((word, cologne_phonetic(word)) for word in expanded.split())


@lru_cache(maxsize=4096)  # asked for on every comparison: an organisation's offers share an entry
def _contact_keys(email: str, phone: str, url: str) -> frozenset[str]:
    values = (("email", normalise_email(email)), ("phone", normalise_phone(phone)), ("url", normalise_url(url)))
    return frozenset(f"{kind}:{value}" for kind, value in values if value)


_SHARED_LIMIT = 65536
_SHARED_SIZE = 16
_shared_values: dict[Any, Any] = {}
_Shared = TypeVar("_Shared")


def shared(value: _Shared) -> _Shared:
    """One object for equal values, which is what most of an indexed offer's profile costs otherwise.

    A string is interned (and freed with its last user). A small set or tuple (languages, weekly slots,
    districts, title terms) comes from a table: a few thousand combinations recur across a
    city's offers, and each cost 100 to 350 bytes per offer. The table is bounded (about 20 MB when full):
    past the limit a value is kept as it is. Other values pass through.
    """
    item: Any = value
    if type(item) is str:
        item = sys.intern(item)
    elif type(item) in (frozenset, tuple) and len(item) <= _SHARED_SIZE:
        kept = _shared_values.get(item)
        if kept is not None:
            item = kept
        elif len(_shared_values) < _SHARED_LIMIT:
            _shared_values[item] = item
    return cast(_Shared, item)  # equal to value, so of its type


@lru_cache(maxsize=2048)  # bounded: a city's offers of one organiser and place share an entry
def _context_words(context: str) -> frozenset[str]:
    return frozenset(normalise_content(context).split())


@lru_cache(maxsize=1024)
def _city_words(city: str) -> frozenset[str]:
    # a few hundred cities, asked for on every comparison: kept once each, not once per offer
    return frozenset(canonical_organisation(normalise_organisation(city)).split()) if city else frozenset()


def _plain(value: Any) -> str:
    if value is None:
        return ""
    return str(value.value if isinstance(value, Enum) else value)


_UNTIL = re.compile(r"UNTIL=(\d{8})", re.IGNORECASE)


def _day_of(moment: datetime | str | None) -> str:
    """The day (YYYYMMDD) of a moment, one string per day; "" when unknown or unreadable."""
    if not moment:
        return ""
    try:
        day = (datetime.fromisoformat(moment) if isinstance(moment, str) else moment).strftime("%Y%m%d")
    except ValueError:
        return ""
    return day


class ScheduleFacts(NamedTuple):
    """What the profile keeps of an offer's times (the OfferProfile fields of the same names)."""

    weekly_slots: frozenset[Slot]
    one_off_dates: frozenset[str]
    schedule_until: str
    month_weeks: frozenset[MonthWeek]


def _schedule(
    title: str, description: str, rules: list[tuple[str, datetime | str | None]], windows: list[datetime | str],
    recorded_on: str = "",
) -> ScheduleFacts:
    """The weekly slots and the one-off days ("MM-DD") of an offer, from its rules, windows and text,
    the last day (YYYYMMDD) its rules hold when every rule ends and the text names no weekly time, and
    which weekdays of the month a monthly offer meets on.

    Systems keep the schedule in different places: a structured rule in one, "jeden Di 18 Uhr" in the
    description in the other. The union of the slots lets both meet. The days of a one-off offer come
    from its windows (unless a window's slot comes again on another day: a weekly offer's next dates)
    or, with no schedule at all, from the dates its text names ("am 5. September ab 15 Uhr", "Sa.
    29.8., 10 Uhr"); in a text that says the offer recurs ("jeden Dienstag", "samstags",
    "every Tuesday") dates are a start or a deadline, not the event.
    """
    text = f"{title}\n{description}"
    text_slots = parse_weekly_slots(text)
    slots: set[Slot] = set(text_slots)
    month_weeks = set(month_weeks_of_text(text))
    ends: list[str] = []
    for rrule, dtstart in rules:
        until = _UNTIL.search(rrule)
        end = until.group(1) if until else ""
        if end and recorded_on and end < recorded_on:
            # the rule ended before the day the record was made (`recorded_on`, YYYYMMDD): it tells when
            # the offer used to be, not when it is (a listing that kept last term's rule beside this
            # term's text)
            continue
        slots |= slots_of_rule(rrule, dtstart)
        month_weeks |= month_weeks_of_rule(rrule)
        ends.append(end)
    slots.update(slots_of_window(start) for start in windows)
    days: frozenset[str] = frozenset()
    # an event calendar's dates of a weekly offer: its next dates repeat a slot, or its text says it is
    # weekly ("Jeden Donnerstag: Fußballtraining" on 19.11.)
    if not rules and not _recurring_windows(windows) and not (windows and says_weekly(text)):
        days = frozenset((datetime.fromisoformat(start) if isinstance(start, str) else start).strftime("%m-%d")
                         for start in windows)
        if not days and not (text_slots and recurs(text)):
            days = parse_dates(text)
    schedule_until = max(ends) if ends and all(ends) and not text_slots else ""
    return ScheduleFacts(frozenset(slots), days, schedule_until, frozenset(month_weeks))


def _recurring_windows(windows: list[datetime | str]) -> bool:
    """An event calendar lists a weekly offer as its next dates (three Mondays at 16:00): a slot that
    comes again on another day is a regular offer, not a one-off event. A week of a holiday programme
    (Monday to Friday, once each) stays dated."""
    slots = [slots_of_window(start) for start in windows]
    return len(set(slots)) < len(slots)


# A place the text names under a label, when the record has no place name: "Ort: Stadtteilbibliothek
# Wilhelmsburg.", "Wo: Begegnungsstätte Billstedt, Schulstraße 10", "Where: Sporthalle Gohlis". The name
# ends at the first comma, full stop or line end (an address or the next sentence follows); "vor Ort:"
# ("on site") is no label.
_PLACE_LABEL = re.compile(
    r"(?:^|[\s>.;])(?<!vor\s)(?:ort|wo|where|venue|location|treffpunkt|veranstaltungsort)\s*[:?]\s*([^,.;:?!\n<]{3,80})",
    re.IGNORECASE,
)


def _place_named_in(description: str) -> str:
    """The place a description names under a label ("Ort:", "Wo:", "Where:"), or ""."""
    found = _PLACE_LABEL.search(description)
    return found.group(1).strip() if found else ""


def profile_of(offer: Any) -> OfferProfile:
    """Project a `schemas.Offer` onto what dedupe compares."""
    location, contact, schedule = offer.location, offer.contact, offer.schedule
    rules = [(rule.rrule, rule.dtstart) for rule in schedule.rules] if schedule else []
    windows = [window.start for window in schedule.windows] if schedule else []
    recorded_on = _day_of(getattr(offer, "occurred_at", None))
    times = _schedule(_plain(offer.title), _plain(offer.description), rules, windows, recorded_on)
    return OfferProfile(
        offer_id=str(offer.id),
        source=_plain(offer.source),
        ags=_plain(offer.area.ags),
        districts=tuple(_plain(district) for district in offer.area.districts),
        category=_plain(offer.category),
        organisation_name=_plain(offer.organisation.name),
        organisation_kind=_plain(offer.organisation.kind),
        title=_plain(offer.title),
        description=_plain(offer.description),
        street=_plain(location.street) if location else "",
        venue_name=(_plain(getattr(location, "name", None)) if location else "") or _place_named_in(_plain(offer.description)),
        city=_plain(location.city) if location else "",
        postcode=_plain(location.postcode) if location else "",
        lat=location.lat if location else None,
        lon=location.lon if location else None,
        email=_plain(contact.email) if contact else "",
        phone=_plain(contact.phone) if contact else "",
        url=_plain(contact.url) if contact else "",
        **times._asdict(),
        recorded_on=recorded_on,
        target_groups=frozenset(_plain(group) for group in offer.target_groups or ()),
        languages=frozenset(_plain(language) for language in offer.languages or ()),
        capacity=offer.capacity,
        status=_plain(offer.status) or "active",
    )


def profile_of_record(record: Mapping[str, Any]) -> OfferProfile:
    """Project a plain dict in the Offer field shape (JSONL input of `koordinate dedupe`)."""
    location = record.get("location") or {}
    contact = record.get("contact") or {}
    schedule = record.get("schedule") or {}
    area = record.get("area") or {}
    organisation = record.get("organisation") or {}
    title, description = record.get("title") or "", record.get("description") or ""
    rules = [(rule["rrule"], rule.get("dtstart")) for rule in schedule.get("rules") or ()]
    windows = [window["start"] for window in schedule.get("windows") or ()]
    recorded_on = _day_of(record.get("occurred_at"))
    times = _schedule(title, description, rules, windows, recorded_on)
    return OfferProfile(
        offer_id=str(record["id"]),
        source=_plain(record.get("source")),
        ags=_plain(area.get("ags")),
        districts=tuple(_plain(district) for district in area.get("districts") or ()),
        category=_plain(record.get("category")),
        organisation_name=_plain(organisation.get("name")),
        organisation_kind=_plain(organisation.get("kind")),
        title=title,
        description=description,
        street=_plain(location.get("street")),
        venue_name=_plain(location.get("name")) or _place_named_in(description),
        city=_plain(location.get("city")),
        postcode=_plain(location.get("postcode")),
        lat=location.get("lat"),
        lon=location.get("lon"),
        email=_plain(contact.get("email")),
        phone=_plain(contact.get("phone")),
        url=_plain(contact.get("url")),
        **times._asdict(),
        recorded_on=recorded_on,
        target_groups=frozenset(_plain(group) for group in record.get("target_groups") or ()),
        languages=frozenset(_plain(language) for language in record.get("languages") or ()),
        capacity=record.get("capacity"),
        status=_plain(record.get("status")) or "active",
    )
