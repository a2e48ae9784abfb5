"""What parallel offers differ in, spelled the ways systems spell it: levels, age groups, women's and
men's groups, times of day, course terms, special events."""

from __future__ import annotations

from datetime import date, datetime

from .real import Variant
from .timing import BERLIN
from .timing_text import EN_MONTHS


def _v(kind: str, de: str, en: str, marks: str) -> Variant:
    split = lambda s: tuple(p.strip() for p in s.split(";") if p.strip())  # noqa: E731
    return Variant(kind, split(de), split(en), tuple(m.lower() for m in split(marks)))


LEVELS = {
    "cefr": [_v("level", f"{lv}; Niveau {lv}; (Stufe {lv}); {lv}-Kurs", f"{lv}; level {lv}", lv) for lv in
             ("A1", "A2", "B1", "B2")],
    "steps": [
        _v("level", "für Einsteiger*innen; Anfänger; Einsteigerkurs", "for beginners; beginners",
           "einsteiger; anfänger; beginner"),
        _v("level", "für Fortgeschrittene; Aufbaukurs; Fortgeschrittene", "advanced; for advanced learners",
           "fortgeschritten; aufbaukurs; advanced"),
    ],
}
AGES = {
    "sport": [_v("age", f"U{n}; U{n}-Gruppe; Jugend U{n}", f"Under {n}; U{n}", f"u{n}; under {n}") for n in (10, 12, 14, 16)],
    "school": [
        _v("age", "für Grundschulkinder; Grundschule; Klasse 1-4", "primary school; years 1-4",
           "grundschul; klasse 1-4; primary"),
        _v("age", "Sekundarstufe; ab Klasse 5; für Schüler*innen ab Klasse 5", "secondary school; year 5 and up",
           "sekundarstufe; ab klasse 5; secondary"),
    ],
    "small": [
        _v("age", "für Babys (0-1 Jahr); Babygruppe; Babys", "babies; for babies", "baby; babies; babys"),
        _v("age", "für Kleinkinder (1-3 Jahre); Kleinkindgruppe; Kleinkinder", "toddlers; for toddlers",
           "kleinkind; toddler"),
    ],
}
AGE_SET = {"fussball": "sport", "basketball": "sport", "boxen": "sport", "schach": "sport", "schwimmkurs": "sport",
           "hausaufgabenhilfe": "school", "nachhilfe": "school", "berufsorientierung": "school",
           "ferienprogramm": "school", "theater": "school", "kreativ": "school", "lesepaten": "school",
           "spielgruppe": "small", "eltern_kind": "small"}
GENDER = {
    "adults": [_v("gender", "für Frauen; (nur Frauen); Frauengruppe", "for women; women only", "frauen; women"),
               _v("gender", "für Männer; (nur Männer); Männergruppe", "for men; men only", "männer; men")],
    "youth": [_v("gender", "für Mädchen; Mädchengruppe; (Mädchen)", "girls; for girls", "mädchen; girls"),
              _v("gender", "für Jungen; Jungengruppe; (Jungs)", "boys; for boys", "jungen; jungs; boys")],
}
YOUTH_GENDER = ("jugendtreff", "basketball", "boxen", "fussball")
DAYPARTS = {
    "morning": (_v("daypart", "vormittags; am Vormittag; Vormittagsgruppe", "mornings; morning group",
                   "vormittag; morning"), (9, 0), (11, 30)),
    "afternoon": (_v("daypart", "nachmittags; am Nachmittag; Nachmittagsgruppe", "afternoons; afternoon group",
                     "nachmittag; afternoon"), (14, 0), (16, 0)),
    "evening": (_v("daypart", "abends; am Abend; Abendgruppe; Abendkurs", "evenings; evening group",
                   "abend; evening"), (18, 0), (20, 0)),
}

# (label, first day, last day, German spellings, English spellings)
TERMS = (
    ("Frühjahr 2026", date(2026, 2, 23), date(2026, 6, 26),
     "Frühjahr 2026; Frühjahrskurs 2026; ab 23.02.2026; Kurs ab 23. Februar 2026", "spring 2026; from 23 Feb 2026"),
    ("Herbst 2026", date(2026, 9, 14), date(2026, 12, 18),
     "Herbst 2026; Herbstkurs 2026; ab 14.09.2026; Kurs ab 14. September 2026", "autumn 2026; fall 2026; from 14 Sept 2026"),
    ("Frühjahr 2027", date(2027, 2, 22), date(2027, 6, 25),
     "Frühjahr 2027; Frühjahrskurs 2027; ab 22.02.2027; Kurs ab 22. Februar 2027", "spring 2027; from 22 Feb 2027"),
)


def term_variant(index: int) -> Variant:
    label, _, _, de, en = TERMS[index]
    v = _v("term", de, en, de + ";" + en)
    return v


# event -> (German names, English names, marks, month choices, start hour, end hour, regular activities)
EVENTS = {
    "sommerfest": ("Sommerfest; Großes Sommerfest; Sommerfest 2027", "Summer party; Summer festival",
                   "sommerfest; summer party; summer festival", (6, 7), 14, 19, None),
    "turnier": ("Fußballturnier; Benefizturnier; Integrationsturnier", "Football tournament; Tournament",
                "fußballturnier; benefizturnier; integrationsturnier; tournament", (5, 6, 7), 10, 17,
                ("fussball",)),
    "weihnachtsfeier": ("Weihnachtsfeier; Adventsfeier; Winterfest", "Christmas party; Winter party",
                        "weihnachtsfeier; adventsfeier; winterfest; christmas party; winter party", (12,), 15, 19, None),
    "jubilaeum": ("Jubiläumsfest; 10 Jahre Jubiläum; Jubiläumsfeier", "Anniversary party", "jubiläum; anniversary",
                  (3, 4, 5), 15, 20, None),
    "offene_tuer": ("Tag der offenen Tür; Tag der offenen Tür mit Programm", "Open day", "tag der offenen tür; open day",
                    (4, 5), 11, 16, None),
    "erntefest": ("Erntefest; Erntedankfest im Garten", "Harvest festival", "erntefest; erntedank; harvest festival",
                  (9, 10), 14, 18, ("garten",)),
    "konzert": ("Abschlusskonzert; Konzert; Sommerkonzert", "Concert; Summer concert",
                "abschlusskonzert; konzert; sommerkonzert; concert", (6, 7), 18, 20, ("chor", "musik")),
    "flohmarkt": ("Flohmarkt; Fahrradflohmarkt; Basar", "Flea market; Bike market",
                  "flohmarkt; fahrradflohmarkt; basar; flea market; bike market", (4, 5), 10, 15,
                  ("fahrradwerkstatt", "kleiderkammer", "naehcafe", "secondhandladen")),
    "fest_kulturen": ("Fest der Kulturen; Internationales Fest", "Festival of cultures; International festival",
                      "fest der kulturen; internationales fest; festival of cultures; international festival",
                      (6, 9), 14, 20, None),
}


def event_variant(key: str) -> Variant:
    de, en, marks, *_ = EVENTS[key]
    return _v("event", de, en, marks)


def event_window(key: str, year: int, day_seed: int) -> tuple[datetime, datetime]:
    """A Saturday in one of the event's months (December events in 2026, the rest in 2027)."""
    _, _, _, months, start_h, end_h, _ = EVENTS[key]
    month = months[day_seed % len(months)]
    year = 2026 if month == 12 else year
    first = date(year, month, 1)
    saturday = first.toordinal() + (6 - first.isoweekday()) % 7 + 7 * (day_seed % 3)
    d = date.fromordinal(saturday)
    return (datetime(d.year, d.month, d.day, start_h, 0, tzinfo=BERLIN),
            datetime(d.year, d.month, d.day, end_h, 0, tzinfo=BERLIN))


# what an event's announcement says about it (German, English)
EVENT_TEXT = {
    "sommerfest": ("Zum Sommerfest laden wir alle Gäste, Nachbarinnen und Nachbarn ein: mit Musik, Buffet und "
                   "Spielen für Kinder.", "Everyone is invited to our summer party with music, a buffet and games."),
    "turnier": ("Teams aus der ganzen Stadt spielen um den Pokal – Anmeldung als Team oder einzeln.",
                "Teams from all over town play for the cup – sign up as a team or on your own."),
    "weihnachtsfeier": ("Zum Jahresende feiern wir gemeinsam – mit Plätzchen, Liedern und einer Überraschung für "
                        "die Kinder.", "We celebrate the end of the year together with biscuits and songs."),
    "jubilaeum": ("Wir feiern Jubiläum und sagen Danke – mit Rückblick, Musik und Essen aus vielen Ländern.",
                  "We celebrate our anniversary with music and food from many countries."),
    "offene_tuer": ("Am Tag der offenen Tür stellen wir alle Angebote vor; Reinschnuppern ist ausdrücklich erwünscht.",
                    "On our open day we present everything we do – come and have a look."),
    "erntefest": ("Nach der Ernte kochen und essen wir gemeinsam, was auf unseren Beeten gewachsen ist.",
                  "After the harvest we cook and eat together what grew in our beds."),
    "konzert": ("Zum Abschluss der Saison singen und spielen wir Lieder aus vielen Ländern. Eintritt frei.",
                "At the end of the season we perform songs from many countries. Free entry."),
    "flohmarkt": ("Stöbern, tauschen, kaufen: Der Erlös des Flohmarkts kommt dem Projekt zugute.",
                  "Browse, swap, buy: the proceeds of the market go to the project."),
    "fest_kulturen": ("Ein Nachmittag voller Musik, Tanz und Essen aus aller Welt – für die ganze Nachbarschaft.",
                      "An afternoon of music, dance and food from around the world for the whole neighbourhood."),
}


def event_texts(key: str, regular: str, window: tuple[datetime, datetime]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    start, end = window
    de, en = EVENT_TEXT[key]
    when_de = f"Am {start:%d.%m.%Y} von {start.hour} bis {end.hour} Uhr."
    when_en = f"On {start.day} {EN_MONTHS[start.month - 1]} {start.year}, {start.hour}:00 to {end.hour}:00."
    return ((f"{de} {when_de}", f"Eine Sonderveranstaltung unseres Angebots „{regular}“. {when_de}"),
            (f"{en} {when_en}",))
