"""Activity concepts in German and English, who an offer is for, and organisation abbreviations.

Two systems name one offer differently ("Fußballtraining für Jugendliche" / "Sport-Treff für junge
Geflüchtete", "Begleitung zu Behörden" / "Behördenbegleitung", "Kochen" / "Cooking club"). A title
is compared by the concepts its words contain. The stems come from the taxonomy's de/en synonyms
(schemas/taxonomy.json) and the usual words of volunteer listings; they are deliberately general
(what an activity *is*), never names of places or organisations. Stems are folded (ä -> ae,
ß -> ss) and lower case.

Two sorts of concept are kept apart. An *activity* ("#sport", "#bookkeeping") says what the offer
does: two titles with different activities are different offers, however much else they share.
An *audience* ("@youth", "@women") says who it is for: "Deutsch für Frauen" and "German course"
can be one offer whose second listing left the audience out. A *kind* of an activity
("#sport:yoga", "#language_course:english") tells offers of one activity apart: two titles that
name different kinds of one activity are different offers, a title naming the activity alone
("Sport-Treff") fits any of its kinds.

How a stem matches a folded word:
- plain ("begleit"): anywhere inside it, so German compounds meet their parts;
- "=stem" (short or ambiguous stems): the word itself, the word with an inflection ("cooking",
  "paten"), or the head of a compound ("lesepaten", "kinderchor");
- "==stem": the word itself only;
- a stem with a space is a phrase, matched on the whole title.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

__all__ = [
    "COMPANION_WORDS", "ORGANISATION_ALIASES", "TITLE_FILLER", "canonical_organisation", "concepts_of_phrases",
    "concepts_of_word",
]

_ACTIVITY_STEMS: Mapping[str, tuple[str, ...]] = {
    "language_course": ("deutschkurs", "sprachkurs", "germancourse", "germanlesson", "languagecourse",
                        "integrationskurs", "deutschunterricht", "deutschlernen", "learngerman", "germanclass",
                        "languageclass", "alphabetis", "literacy", "=deutsch", "=german", "sprachfoerder",
                        "german course", "german lesson", "german class", "language course", "learn german",
                        "deutsch lernen", "sprachunterricht", "==a1", "==a2", "==b1", "==b2", "==esl",
                        "english as a second", "englischkurs", "english class", "sprachkurs", "alphakurs",
                        "alpha kurs", "lesen schreiben lernen", "reading writing", "learn read", "==daz", "==daf",
                        "deutsch als zweitsprache", "erstorientierung", "sprachlernkurs"),
    "conversation": ("sprachcafe", "sprachtreff", "languagecafe", "language cafe", "conversation", "konversation",
                     "plaudern", "sprachtandem", "=tandem", "gespraechskreis", "erzaehlcafe", "sprach cafe",
                     "sprach-cafe", "talk", "=chat", "tandempartner", "language exchange", "language tandem",
                     "sprachaustausch", "sprachpartner", "plauder", "gespraechsrunde", "speaking practice",
                     "deutsch sprechen", "sprechen ueben"),
    "homework": ("hausaufgab", "homework", "nachhilfe", "lernhilfe", "tutoring", "=tutor", "lernfoerder", "lernpat",
                 "schulhilfe", "lerncafe", "==ha", "lernbegleit", "learning support", "school help"),
    "reading": ("vorlese", "lesepat", "=lesen", "=reading", "lesecafe", "lesekreis", "=read", "book club",
                "buecherei", "bibliothek", "library", "story time", "storytime", "storytelling", "read aloud",
                "reading aloud", "lesestund", "leseclub", "leseklub", "lesefoerder", "bilderbuch", "maerchenstund",
                "erzaehlstund", "lese paten", "lese stunde"),
    "accompaniment": ("begleit", "accompan", "escort", "=lotse", "=lotsen", "=guide"),
    # offices by name: "=amt" as a compound head also took "Ehrenamt" and "insgesamt"
    "authorities": ("behoerd", "==amt", "==amts", "sozialamt", "jugendamt", "auslaenderamt", "standesamt",
                    "meldeamt", "buergeramt", "arbeitsamt", "ordnungsamt", "wohnungsamt", "gesundheitsamt",
                    "finanzamt", "landratsamt", "bezirksamt", "landesamt", "versorgungsamt", "migrationsamt",
                    "integrationsamt", "familienkasse", "amtsgang", "amtsgaeng", "amtstermin", "amtspost",
                    "amtsbrief", "behoerdenpost", "schreibstube", "schreibdienst", "help forms", "filling forms",
                    "aemter", "authorit", "jobcenter", "auslaenderbehoerde", "office visits", "public offices",
                    "paperwork", "formular", "antraeg", "antrag", "buerokratie", "bureaucra", "=forms", "briefe",
                    "=letters"),
    "doctor": ("=arzt", "aerzt", "doctor", "medical", "klinik", "clinic", "=praxis", "physician"),
    "health": ("gesundheit", "health", "hebamm", "midwife", "schwanger", "pregnan", "erste hilfe", "first aid",
               "erstehilfe", "vorsorge", "impf", "vaccin", "ernaehrung", "nutrition"),
    "interpreting": ("dolmetsch", "sprachmittl", "uebersetz", "interpret", "translat"),
    "counselling": ("beratung", "berat", "advice", "counsel", "sprechstunde", "consult", "sprechzeit",
                    "office hours", "sozialberatung"),
    "asylum": ("asyl", "asylum", "aufenthalt", "residence", "refugee law", "fluechtlingsrecht", "verfahrensberat"),
    "legal": ("=recht", "rechtsber", "=legal", "=law", "anwalt", "lawyer", "jurist", "rechtshilfe"),
    "job": ("bewerb", "=job", "jobs", "==arbeit", "arbeitsmarkt", "arbeitssuche", "=beruf", "berufs", "career",
            "employment", "ausbildung", "praktik", "application", "lebenslauf", "=cv", "=resume", "apprentice",
            "internship", "jobcafe", "jobtreff", "jobboerse", "jobsuche", "jobmesse", "jobcoach", "jobpat",
            "jobstart", "job cafe", "job fair", "job meeting", "job search", "job club", "jobclub", "arbeitssuch",
            "arbeitsvermittl", "stellensuche", "vocational", "berufsvorbereit", "berufseinstieg"),
    "housing": ("wohnung", "=wohnen", "housing", "=flat", "apartment", "wohnraum", "mietsuche", "unterkunft",
                "accommodation", "zimmer", "=room to rent", "mietfuehrerschein", "wohnfuehrerschein",
                "mieterfuehrerschein", "miet fuehrerschein", "wohn fuehrerschein", "=mieter", "vermieter",
                "mieterschul", "mietertrain", "mietrecht", "mietvertrag", "==miete", "tenant", "tenancy",
                "landlord", "=rental", "wohnberat", "flat hunting", "house hunting", "apartment hunting"),
    "moving": ("umzug", "=moving", "moving help", "umzugshilfe"),
    "furniture": ("moebel", "furniture", "hausrat", "household goods", "household items", "haushaltswaren",
                  "haushaltsgegenst"),
    "clothing": ("kleid", "cloth", "textil", "garment", "second hand", "secondhand", "=schuhe", "=shoes",
                 "winterjack", "klamotten"),
    "donations": ("spende", "donat", "sachspende", "distribution", "give away", "giveaway", "for free", "verschenk",
                  "umsonstladen", "free shop", "givebox", "give box"),
    # "Austausch" (of experience) and "language exchange" are no swap
    "swap": ("==tausch", "==tauschen", "kleidertausch", "kleidungstausch", "buechertausch", "spielzeugtausch",
             "pflanzentausch", "saatguttausch", "kindersachentausch", "tauschb", "tauschmarkt", "tauschparty",
             "tauschring", "tauschregal", "tauschlad", "tauschcafe", "tauschtag", "tauschaktion", "=swap",
             "clothes exchange", "clothing exchange", "book exchange", "toy exchange", "exchange market", "boerse",
             "flohmarkt", "flea market", "troedel", "basar", "bazar", "bazaar", "fahrradmarkt", "bike market",
             "bicycle market", "bike sale"),
    "food_bank": ("lebensmittel", "=tafel", "food bank", "foodbank", "food distribution", "foodsharing",
                  "=groceries"),
    "cooking": ("kochen", "=koch", "kochkurs", "kochcafe", "kochwerkst", "kochproj", "kochaktion", "kochclub",
                "kochrunde", "kochabende", "kochnachmittag", "kulinarisch", "=cuisine", "kochtreff", "kochgruppe",
                "kochabend", "=cook", "cooking", "kueche", "kitchen", "=backen", "backkurs", "baking", "rezept",
                "recipe"),
    "meal": ("mittagstisch", "=lunch", "=dinner", "fruehstueck", "breakfast", "=essen", "=meal", "meals",
             "abendessen", "suppe", "=soup"),
    "meeting": ("=cafe", "kaffee", "coffee", "=treff", "treffen", "treffpunkt", "begegnung", "meeting point",
                "meetup", "meet up", "get together", "encounter", "stammtisch", "nachbarschaft", "neighbour",
                "neighbor", "=club"),
    "sport": ("sport", "fussball", "football", "soccer", "=kick", "kicken", "basketball", "volleyball", "fitness",
              "=yoga", "gymnastik", "=lauf", "laufgruppe", "running", "bewegung", "turnen", "boxen", "boxing",
              "klettern", "climb", "tischtennis", "table tennis", "badminton", "kampfsport", "frauensport", "=gym",
              "workout", "sportangebot"),
    "dance": ("=tanz", "tanzen", "tanzkurs", "=dance", "dancing"),
    "swimming": ("schwimm", "=swim", "swimming", "=baden", "==pool", "==pools", "seepferdchen", "wassergewoehn"),
    "cycling": ("radfahr", "fahrradkurs", "fahrrad fahren", "cycling", "ride a bike", "learn to cycle",
                "radfahrtraining", "fahrradfahren", "=velo"),
    "repair": ("repair", "reparatur", "=repar", "fahrradwerkstatt", "radwerkstatt", "schrauber", "repaircafe",
               "fahrrad werkstatt", "rad werkstatt", "bike workshop", "bicycle workshop", "repair cafe",
               "selbsthilfewerkstatt"),
    "bicycle": ("fahrrad", "=rad", "=bike", "=bikes", "bicycle", "radhaus", "radwerk", "radstation"),
    "computer": ("computer", "=pc", "=edv", "digital", "internet", "smartphone", "handy", "laptop", "it kurs",
                 "=tablet", "==app", "==apps", "phone help", "mobile phone", "phone app", "medienkompetenz",
                 "computerkurs", "pc kurs", "=email", "e mail", "=online", "==it"),
    "childcare": ("kinderbetreu", "childcare", "child care", "babysit", "=kita", "kinderbeaufsicht",
                  "care for children", "kindergarten"),
    "play": ("spielgruppe", "krabbel", "playgroup", "play group", "toddler", "=spielen", "spielnachmittag",
             "spielplatz", "=games", "spieletreff", "spielkreis", "eltern kind", "parent and child", "mutter kind",
             "eltern-kind", "eltern baby", "babygruppe", "babytreff", "baby treff", "baby group", "parent toddler",
             "mother toddler", "spieltreff", "pekip", "krabbel", "spiel gruppe"),
    "culture": ("==kultur", "kulturprogramm", "kulturangebot", "culture", "museum", "theater", "theatre", "=kino",
                "cinema", "=film", "movie"),
    "excursion": ("ausflug", "ausfluege", "excursion", "=trip", "trips", "stadterkund", "stadtfuehrung",
                  "city tour", "stadtrundgang", "wander", "hiking", "=hike", "erkundung", "outing"),
    "music": ("musik", "music", "=band", "gitarre", "guitar", "singen", "=sing", "singing", "=chor", "choir",
              "trommel", "drum"),
    "arts": ("kunst", "==art", "==arts", "=malen", "malkurs", "painting", "=paint", "basteln", "craft", "werken",
             "toepfer", "pottery", "kreativ", "creative"),
    # not plain "naeh": "Ernährung", "Nähe"
    "sewing": ("==naeh", "naehen", "naehcafe", "naehwerk", "naehtreff", "naehkurs", "naehstub", "naehgrupp",
               "naehmaschin", "naehkreis", "naehproj", "naehatelier", "naehzimmer", "naehabend", "naehnachmittag",
               "naehstuebchen", "naehaktion", "=sew", "sewing", "schneider", "tailor", "stricken", "knit",
               "handarbeit"),
    "hairdressing": ("friseur", "frisoer", "haarschn", "=haare", "haircut", "hairdress", "barber", "haare schneiden"),
    "shopping": ("einkauf", "shopping", "besorgung", "errand"),
    # not plain "garten": "Kindergarten" is childcare
    "garden": ("==garten", "==gaerten", "gartenarb", "gartenproj", "gartengrupp", "gartentreff", "gartenaktion",
               "gartencafe", "gartenpfleg", "gartenhilfe", "gartenfreund", "gemeinschaftsgart",
               "gemeinschaftsgaert", "nachbarschaftsgart", "schulgarten", "kleingarten", "schrebergarten",
               "kraeutergarten", "gemuesegarten", "gemuesebeet", "hochbeet", "permakultur", "=gaertnern", "garden",
               "gaertner", "gardening", "=pflanzen", "urban gardening", "beet"),
    "mentoring": ("=pate", "=paten", "patin", "patenschaft", "mentor", "=buddy", "buddies", "tandem partner",
                  "begleitperson", "patenprojekt", "tandempartner", "=lotse", "=lotsen", "befriend",
                  "buddy programme", "buddy program", "buddyprogramm", "=mentee"),
    "psycho": ("psych", "trauma", "seelisch", "=mental", "therap", "zuhoer", "listening", "emotional"),
    "transport": ("fahrdienst", "transport", "driving service", "=shuttle", "oepnv", "=bus", "=bahn", "=ticket",
                  "mobilitaet", "mobility", "nahverkehr", "==fahren"),
    # "Mietführerschein", "Wohnführerschein" are tenancy courses (#housing)
    "driving_licence": ("==fuehrerschein", "==fuehrerscheine", "fuehrerscheinkurs", "fuehrerscheinthe",
                        "fuehrerscheinpruef", "fuehrerscheinausb", "fuehrerscheinhilf", "fuehrerscheinumschr",
                        "fuehrerscheinklass", "fuehrerscheinerwerb", "autofuehrerschein", "pkwfuehrerschein",
                        "autofahren", "driving test", "driving licence", "driving license", "fahrschule",
                        "driving lesson"),
    "school_supplies": ("schulranzen", "schulmaterial", "schulstart", "schultuete", "school bag", "school supplies",
                        "schoolbag", "backpack", "=ranzen", "einschulung", "schulanfang", "school start",
                        "schul start", "back school", "schulbedarf", "schulsachen", "school kit", "tornister"),
    "rooms": ("==raum", "==raeume", "gruppenraum", "lagerraum", "=rooms", "meeting room", "storage space", "=space",
              "raumangebot", "raumvergabe", "gruppenraeum", "lagerraeum", "lagerflaeche", "lagerplatz",
              "lagermoeglich", "==lager", "seminarraum", "seminarraeum", "besprechungsraum", "veranstaltungsraum",
              "veranstaltungsraeum", "raumbedarf", "raumsuch", "raumnutzung", "raumbuch", "raumvermiet",
              "raumverleih", "room hire", "room rental", "room booking", "room groups", "rooms groups", "storage",
              "=venue", "venues"),
    "information": ("infoabend", "info abend", "informationsabend", "informationsveranstaltung", "info evening",
                    "information evening", "info session", "information session", "infoveranstaltung"),
    "banking": ("konto", "bank account", "=bank", "finanzen", "money", "=geld", "budget"),
    # roles in an organisation's back office are different roles, not one concept
    "office": ("=buero", "=office", "verwaltung", "=admin", "ablage", "clerical", "reception", "empfang",
               "data entry", "dateneingabe", "bueroarb", "buerohilf", "buerotaetig", "buerodienst", "buerokraft",
               "bueroorganis", "office work", "office help", "admin help", "administrat", "schreibarbeit",
               "telefondienst", "postbearbeit", "datenpflege"),
    "coordination": ("koordination", "coordinat", "einsatzplan", "scheduling", "dispatch"),
    "public_relations": ("oeffentlichkeitsarbeit", "public relations", "==pr", "presse", "publicity", "=werbung",
                         "werbemittel", "=newsletter", "redaktion", "pressearbeit", "social media", "=website",
                         "marketing", "kommunikation", "communication", "graphic", "grafik", "=design"),
    "bookkeeping": ("buchhaltung", "bookkeep", "accounting", "=finanz", "=finance", "=kasse", "treasur", "=steuer",
                    "=tax", "taxes", "kassenbuch", "kassenpruef", "kassenwart", "kassenfuehr", "buchfuehrung",
                    "vereinsfinanz", "vereinskasse", "jahresabschluss", "finanzbericht", "=audit",
                    "annual accounts", "keeping accounts", "club accounts"),
    "fundraising": ("fundrais", "spendenakquise", "==grant", "==grants", "foerdermittel", "foerderantr",
                    "foerderberat", "foerdergeld", "foerderprogramm", "foerdertopf", "foerdertoepf",
                    "foerdermoeglich", "zuschuss", "zuschuess", "=funding", "funding advice", "grant application",
                    "grant advice", "subsid", "finanzierungsberat", "projektfinanzierung", "crowdfunding",
                    "drittmittel"),
    # support for volunteers: training them, and meeting to reflect on the work, are different offers
    "volunteer_training": ("==schulung", "==schulungen", "ehrenamtsschul", "ehrenamtlichenschul", "helferschul",
                           "helferinnenschul", "freiwilligenschul", "basisschul", "grundlagenschul",
                           "einfuehrungsschul", "schulungsreihe", "schulungsangebot", "schulungsabend",
                           "fortbildung", "weiterbildung", "qualifizierung", "ehrenamtstrain", "helfertrain",
                           "ehrenamtsakadem", "training volunteers", "trainings volunteers", "volunteer training",
                           "volunteers training", "workshop volunteers", "seminar volunteers", "course volunteers",
                           "workshop ehrenamtliche", "seminar ehrenamtliche", "kurs ehrenamtliche",
                           "training ehrenamtliche", "volunteer induction", "induction volunteers",
                           "further training", "interkulturelles training", "intercultural training"),
    "volunteer_exchange": ("supervision", "intervision", "reflexion", "reflection", "austauschtreff",
                           "austauschrunde", "austauschabend", "erfahrungsaustausch", "==austausch", "helfertreff",
                           "helferkreistreff", "ehrenamtstreff", "ehrenamtlichentreff", "ehrenamtsstammtisch",
                           "netzwerktreff", "fallbesprech", "kollegiale beratung", "peer exchange",
                           "exchange meeting", "exchange volunteers", "volunteer exchange", "volunteers exchange",
                           "volunteer meeting", "volunteers meeting", "stammtisch ehrenamtliche"),
    "insurance": ("versicher", "insurance", "haftpflicht", "insured"),
    "materials": ("==material", "==materialien", "materialpool", "materialverleih", "materialausleih",
                  "materialkammer", "lehrmaterial", "unterrichtsmaterial", "bueromaterial", "office supplies",
                  "teaching materials", "=equipment", "geraeteverleih", "=verleih", "=ausleih", "=ausleihe",
                  "lending", "library things", "bibliothek dinge", "moderationskoffer", "==beamer"),
    # recognition of foreign qualifications: advice of its own, not job search
    "recognition": ("anerkennungsberat", "anerkennungsverfahr", "anerkennungsstelle", "anerkennungsberatung",
                    "zeugnisanerkennung", "berufsanerkennung", "abschlussanerkennung", "anerkennung auslaendisch",
                    "anerkennung beruf", "anerkennung abschl", "anerkennung qualif", "anerkennung zeugnis",
                    "anerkennung schulabschl", "anerkennung studienabschl", "auslaendische abschl",
                    "auslaendischer abschl", "auslaendischen abschl", "recognition qualif", "recognition foreign",
                    "recognition degree", "recognition certificat", "recognition professional",
                    "recognition diploma", "foreign qualif", "foreign degree", "foreign certificat",
                    "qualification recognition", "zeugnisbewert"),
    "energy_saving": ("stromspar", "energiespar", "energieberat", "strom sparen", "energie sparen", "energy saving",
                      "save energy", "saving energy", "energy advice", "heizkosten sparen", "energiecheck",
                      "stromcheck"),
    "holiday": ("ferien spiel", "ferien programm", "ferien betreuung", "ferienbetreu", "ferienspiel",
                "ferienprogramm", "ferienfreizeit", "ferienangebot", "ferienaktion", "ferienpass",
                "ferienwerkstatt", "ferienfahrt", "feriencamp", "ferienlager", "ferienclub", "ferienakademie",
                "zeltlager", "stadtranderholung", "holiday programme", "holiday program", "holiday club",
                "holiday camp", "holiday activities", "summer camp", "sommercamp", "summer holiday programme"),
    "festival": ("==fest", "festival", "feste feiern", "sommerfest", "nachbarschaftsfest", "strassenfest",
                 "stadtteilfest", "kinderfest", "familienfest", "begegnungsfest", "willkommensfest", "herbstfest",
                 "fruehlingsfest", "fruehjahrsfest", "weihnachtsfest", "hoffest", "gemeindefest", "zuckerfest",
                 "opferfest", "lichterfest", "erntedankfest", "abschlussfest", "spielfest", "sportfest",
                 "friedensfest", "laternenfest", "kiezfest", "quartiersfest", "dorffest", "hausfest", "gartenfest",
                 "fest kulturen", "=feier", "==party", "==partys", "==parties", "willkommensparty",
                 "nachbarschaftsparty", "strassenparty", "street party", "welcome party", "summer party",
                 "neighbourhood party", "neighborhood party", "=celebration", "iftar", "fastenbrechen",
                 "kulturfest", "festival cultures"),
}

# Kinds within one activity. Titles of one activity that each name a different kind ("Yoga" /
# "Zumba instructor", "Website" / "Graphic design", "Deutschkurs" / "English class") are different
# offers of one group; a title that names only the activity ("Sport-Treff") may be either.
# A kind's stems imply its activity.
_KIND_STEMS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "sport": {
        "football": ("fussball", "football", "soccer", "=kick", "kicken"),
        "basketball": ("basketball",), "volleyball": ("volleyball",), "badminton": ("badminton",),
        "table_tennis": ("tischtennis", "table tennis", "ping pong"),
        "yoga": ("=yoga",), "zumba": ("zumba",), "aerobics": ("aerobic",), "pilates": ("pilates",),
        "boxing": ("boxen", "boxing", "kampfsport", "martial art", "karate", "judo"),
        "climbing": ("klettern", "climb", "boulder"), "running": ("=lauf", "laufgruppe", "running", "jogging"),
        "gymnastics": ("gymnastik", "turnen"),
        "self_defence": ("selbstverteidig", "self defen", "self-defen", "wendo"),
        "cricket": ("cricket",),
    },
    # a first-aid course, a midwife's consultation and a vaccination are different offers
    "health": {
        "first_aid": ("erste hilfe", "first aid", "erstehilfe", "ersthelfer", "reanimation", "wiederbelebung"),
        "midwife": ("hebamm", "midwife", "midwive", "schwanger", "pregnan", "geburtsvorbereit", "wochenbett"),
        "vaccination": ("impf", "vaccin"),
    },
    "public_relations": {
        "web": ("=website", "webseite", "webdesign", "web design", "wordpress", "homepage", "=blog"),
        "graphics": ("graphic", "grafik", "=logo", "=flyer", "=plakat", "=poster"),
        "press": ("presse", "=press", "press kit", "press release"),
        "social_media": ("social media", "socialmedia", "facebook", "instagram", "tiktok"),
        "video": ("=video", "videos", "motion graphic", "film editing", "video editing"),
    },
    "arts": {
        "painting": ("=malen", "malkurs", "painting", "=paint"),
        "photography": ("fotograf", "photograph", "=foto", "=photo"),
        "pottery": ("toepfer", "pottery", "ceramic", "keramik"),
        "crafts": ("basteln", "=craft", "crafts", "werken"),
    },
    "language_course": {
        "german": ("deutschkurs", "=deutsch", "=german", "germancourse", "germanlesson", "germanclass",
                   "learngerman", "deutschunterricht", "deutschlernen", "deutsch lernen", "learn german",
                   "german course", "german lesson", "german class"),
        "english": ("englischkurs", "english class", "english as a second", "==esl", "=englisch", "english course"),
        "arabic": ("arabischkurs", "arabic class", "arabic course"),
    },
    "music": {
        "choir": ("singen", "=sing", "singing", "=chor", "choir", "singkreis", "singgrupp", "singtreff",
                  "singcafe", "singabend", "singrunde", "singnachmittag", "singstunde", "mitsing", "chorprobe",
                  "==lieder", "kinderlieder", "==songs"),
        "guitar": ("gitarre", "guitar"),
        "drums": ("trommel", "drum"),
    },
}

# Who an offer is for. Not what it does: an audience mismatch lowers a pair, it never separates it.
_AUDIENCE_STEMS: Mapping[str, tuple[str, ...]] = {
    "children": ("=kind", "kinder", "=child", "children", "=kids", "schulkind", "grundschul", "=baby", "babys"),
    "youth": ("jugend", "youth", "=teen", "teens", "teenager", "=junge", "=jungen", "=young", "schueler",
              "=student", "students"),
    "women": ("frauen", "=frau", "women", "=woman", "maedchen", "=girls", "female", "muetter", "=mother",
              "mothers", "=mutter"),
    "men": ("maenner", "=mann", "==men", "vaeter", "=father", "fathers", "=vater"),
    "seniors": ("senior", "aeltere", "elderly", "=older"),
    "families": ("famil", "=eltern", "=parent", "parents"),
    "newcomers": ("=anfaenger", "einsteiger", "beginner", "grundkurs"),
    "intercultural": ("interkultur", "international", "kulturen", "=welcome", "willkommen"),
}

# Words that say nothing about which offer a title names ("herzliche Einladung", "Unser Angebot:",
# "kostenlos"); they are dropped from titles before comparing.
TITLE_FILLER = frozenset(
    """
    einladung herzliche herzlich angebot angebote unser unsere neu neues neue offene offener offenes open
    kostenlos kostenlose kostenloser kostenloses gratis free hilfe help helfen unterstuetzung support
    gruppe group kurs course treff service services programm program projekt project aktion
    bei mit fuer zum zur beim finding
    """.split()
)

# Words after which a title names the setting of its offer, not the offer: "Kinderbetreuung während
# der Sprachkurse", "Childcare during the German class", "Kinderbetreuung beim Deutschkurs".
COMPANION_WORDS = frozenset({"waehrend", "beim", "during", "while", "alongside", "parallel"})

_INFLECTIONS = ("s", "es", "e", "n", "en", "er", "ern", "ing", "ed", "in", "innen")


def _parsed(stems: Mapping[str, tuple[str, ...]], marker: str) -> tuple[
    tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], dict[str, str], tuple[tuple[str, str], ...]
]:
    inside, flexible, exact, phrases = [], [], {}, []
    for concept, words in stems.items():
        key = f"{marker}{concept}"
        for stem in words:
            if stem.startswith("=="):
                exact[stem[2:]] = key
            elif stem.startswith("="):
                if " " in stem:
                    phrases.append((stem[1:], key))
                else:
                    flexible.append((stem[1:], key))
            elif " " in stem or "-" in stem:
                phrases.append((stem.replace("-", " "), key))
            else:
                inside.append((stem, key))
    return tuple(inside), tuple(flexible), exact, tuple(phrases)


_PARSED = [
    _parsed(_ACTIVITY_STEMS, "#"), _parsed(_AUDIENCE_STEMS, "@"),
    _parsed({f"{activity}:{kind}": stems for activity, kinds in _KIND_STEMS.items() for kind, stems in kinds.items()}, "#"),
]


def _with_activities_of_kinds(concepts: set[str]) -> frozenset[str]:
    """A kind ("#sport:yoga") implies its activity ("#sport")."""
    return frozenset(concepts | {concept.split(":", 1)[0] for concept in concepts if ":" in concept})


def _flexible_match(word: str, stem: str) -> bool:
    if word == stem:
        return True
    if word.startswith(stem) and word[len(stem):] in _INFLECTIONS:
        return True
    # the head of a German compound: "lesepaten", "kinderchor", "lastenrad"
    return len(stem) >= 3 and len(word) >= len(stem) + 4 and word.endswith(stem)


@lru_cache(maxsize=65536)  # words repeat across every offer of a city
def concepts_of_word(word: str) -> frozenset[str]:
    """Concepts a folded word contains, activities as "#..." and audiences as "@..."
    ("behoerdenbegleitung" -> #authorities, #accompaniment; "jugendliche" -> @youth)."""
    found: set[str] = set()
    for inside, flexible, exact, _ in _PARSED:
        if word in exact:
            found.add(exact[word])
        for stem, key in inside:
            if key not in found and stem in word:
                found.add(key)
        for stem, key in flexible:
            if key not in found and _flexible_match(word, stem):
                found.add(key)
    return _with_activities_of_kinds(found)


def concepts_of_phrases(text: str) -> frozenset[str]:
    """Concepts named by multi-word phrases ("first aid", "office visits") in folded, spaced text."""
    padded = f" {text} "
    return _with_activities_of_kinds({key for _, _, _, phrases in _PARSED for phrase, key in phrases if f" {phrase}" in padded})


# What organisations are called in other systems, folded, mapped to one short form. The big
# welfare associations go by their abbreviation, their full name, their local association's name
# ("Caritasverband für die Stadt Köln") and an English name; cities by their German or English name.
# Longer phrases are replaced first.
ORGANISATION_ALIASES: Mapping[str, str] = {
    "arbeiterwohlfahrt": "awo", "workers welfare": "awo",
    "deutsches rotes kreuz": "drk", "deutsche rote kreuz": "drk", "german red cross": "drk", "red cross": "drk",
    "rotes kreuz": "drk",
    "caritasverband": "caritas", "caritas verband": "caritas",
    "diakonisches werk": "diakonie", "diakonischen werk": "diakonie", "diakoniewerk": "diakonie",
    "arbeiter samariter bund": "asb", "arbeiter samariterbund": "asb", "samariter": "asb",
    "paritaetischer wohlfahrtsverband": "paritaet", "paritaetische": "paritaet", "paritaetischer": "paritaet",
    "dpwv": "paritaet",
    "johanniter unfall hilfe": "johanniter", "johanniter unfallhilfe": "johanniter", "juh": "johanniter",
    "malteser hilfsdienst": "malteser", "mhd": "malteser",
    "volkshochschule": "vhs", "adult education centre": "vhs", "adult education center": "vhs",
    "christlicher verein junger menschen": "cvjm", "ymca": "cvjm",
    "sozialdienst katholischer frauen": "skf", "sozialdienst katholischer maenner": "skm",
    "mehrgenerationenhaus": "mgh", "multi generation house": "mgh", "multigenerational house": "mgh",
    "stadtbibliothek": "bibliothek", "stadtbuecherei": "bibliothek", "staedtische bibliotheken": "bibliothek",
    "staedtische bibliothek": "bibliothek", "stadtteilbibliothek": "bibliothek", "buecherei": "bibliothek",
    "city library": "bibliothek", "public library": "bibliothek", "library": "bibliothek",
    "sportverein": "sv", "sports club": "sv", "turnverein": "tv",
    "kirchengemeinde": "gemeinde", "pfarrgemeinde": "gemeinde", "pfarrei": "gemeinde", "parish": "gemeinde",
    "gemeindezentrum": "gemeinde",
    "evangelisch lutherische": "ev", "evangelische": "ev", "evangelisch": "ev", "ev luth": "ev", "protestant": "ev",
    "katholische": "kath", "katholischen": "kath", "catholic": "kath", "sankt": "st", "saint": "st",
    "refugees welcome": "willkommen", "welcome": "willkommen",
    "neighbours for neighbours": "nachbarn fuer nachbarn", "neighbors for neighbors": "nachbarn fuer nachbarn",
    # common words of group names, English to German, and one name for the integration office
    "neighbourhood": "nachbarschaft", "neighborhood": "nachbarschaft", "network": "netzwerk",
    "helpers circle": "helferkreis", "helper circle": "helferkreis", "circle of helpers": "helferkreis",
    "refugee aid": "fluechtlingshilfe", "refugee help": "fluechtlingshilfe", "refugee support": "fluechtlingshilfe",
    "amt integration": "integrationsamt", "integrationsbuero": "integrationsamt", "integration office": "integrationsamt",
    "office integration": "integrationsamt", "integrationsstelle": "integrationsamt",
    "youth office": "jugendamt", "youth welfare office": "jugendamt", "social welfare office": "sozialamt",
    "youth centre": "jugendzentrum", "youth center": "jugendzentrum", "family centre": "familienzentrum",
    "family center": "familienzentrum", "women": "frauen", "womens": "frauen", "mosque": "moschee",
    "munich": "muenchen", "cologne": "koeln", "nuremberg": "nuernberg", "hanover": "hannover",
    "brunswick": "braunschweig", "frankfurt am main": "frankfurt", "frankfurt main": "frankfurt",
    "dusseldorf": "duesseldorf",
}

# Words that say how an organisation is structured, not which one it is.
ORGANISATION_STRUCTURE_WORDS = frozenset(
    """
    kreisverband ortsverband ortsverein regionalverband stadtverband landesverband bezirksverband
    kreisverein ortsgruppe kv ov rv geschaeftsstelle zentrale stadt city fuer die der den of the
    association verein luth
    """.split()
)


def canonical_organisation(normalised: str) -> str:
    """A normalised organisation name in its short canonical form ("arbeiterwohlfahrt kreisverband
    berlin" -> "awo berlin", "german red cross nuremberg" -> "drk nuernberg")."""
    text = f" {normalised} "
    for phrase in _ALIASES_LONGEST_FIRST:
        if f" {phrase} " in text or (" " not in phrase and phrase in text):
            text = text.replace(phrase, ORGANISATION_ALIASES[phrase])
    words = [word for word in text.split() if word not in ORGANISATION_STRUCTURE_WORDS and not word.isdigit()]
    return " ".join(words) or normalised


_ALIASES_LONGEST_FIRST = tuple(sorted(ORGANISATION_ALIASES, key=len, reverse=True))
