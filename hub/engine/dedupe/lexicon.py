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
    "BROAD_ACTIVITIES", "COMPANION_WORDS", "ORGANISATION_ALIASES", "PEOPLE_AUDIENCES", "PLACE_KINDS",
    "PLACE_KIND_TRANSLATIONS", "TITLE_FILLER",
    "canonical_organisation", "concepts_of_cut_word", "concepts_of_phrases", "concepts_of_word", "german_place_kinds",
    "phrases_of",
]

_ACTIVITY_STEMS: Mapping[str, tuple[str, ...]] = {
    "language_course": ("deutschkurs", "sprachkurs", "germancourse", "germanlesson", "languagecourse",
                        "integrationskurs", "deutschunterricht", "deutschlernen", "learngerman", "germanclass",
                        "languageclass", "alphabetis", "literacy", "=deutsch", "=german", "sprachfoerder",
                        "german course", "german lesson", "german class", "language course", "learn german",
                        "deutsch lernen", "sprachunterricht", "==a1", "==a2", "==b1", "==b2", "==esl",
                        "english as a second", "englischkurs", "english class", "sprachkurs", "alphakurs",
                        "alpha kurs", "lesen schreiben lernen", "reading writing", "learn read", "==daz", "==daf",
                        "deutsch als zweitsprache", "erstorientierung", "sprachlernkurs",
                        "integration course", "integration class", "orientation course", "language lesson",
                        "language learning", "language support", "language promotion", "language tuition",
                        "language training", "language teaching", "language instruction", "languages course", "==esol",
                        "english as second", "deutschlehrer", "==alpha", "==dtz"),
    "conversation": ("sprachpat", "dt cafe", "language buddy", "language buddies", "language partner",
                     "language mentor", "sprachcafe", "sprachtreff", "languagecafe", "language cafe", "conversation", "konversation",
                     "plaudern", "sprachtandem", "=tandem", "gespraechskreis", "erzaehlcafe", "sprach cafe",
                     "sprach-cafe", "talk", "=chat", "tandempartner", "language exchange", "language tandem",
                     "sprachaustausch", "sprachpartner", "plauder", "gespraechsrunde", "speaking practice",
                     "deutsch sprechen", "sprechen ueben",
                     "conversation club", "speaking club", "discussion group", "discussion round", "discussion circle",
                     "talking circle", "language meet", "language table", "speak german", "speaking german together",
                     "practise german", "practice german", "practise speaking", "storytelling cafe",
                     # a German café is a conversation café, whichever word comes first
                     "deutsch cafe", "cafe deutsch", "deutschcafe", "german cafe", "deutschtreff", "deutsch treff",
                     # and German conversation is conversation, not a German course
                     "german conversation", "conversation german", "deutsch konversation", "konversation deutsch",
                     "deutsche konversation", "gespraechspartner", "sprachfreund"),
    "homework": ("hausaufgab", "homework", "nachhilfe", "lernhilfe", "tutoring", "=tutor", "lernfoerder", "lernpat",
                 "=mathe", "==maths", "==math",
                 "schulhilfe", "lerncafe", "==ha", "lernbegleit", "learning support", "school help",
                 "learning help", "learning cafe", "learn cafe", "learning assistance", "study help", "study support",
                 "study group", "learning group", "learning mentor", "learning sponsor", "learning godparent",
                 "learning buddy", "learning partner", "school support", "==tuition", "extra lessons", "remedial",
                 "lernpartner", "lerngrupp"),
    "reading": ("geschichtenzeit", "geschichtenstund", "vorlesezeit", "vorlese", "lesepat", "=lesen", "=reading",
                "lesecafe", "lesekreis", "=read", "book club",
                "buecherei", "bibliothek", "library", "story time", "storytime", "storytelling", "read aloud",
                "reading aloud", "lesestund", "leseclub", "leseklub", "lesefoerder", "bilderbuch", "maerchenstund",
                "erzaehlstund", "lese paten", "lese stunde",
                "picture book", "fairy tale", "fairytale", "tell stories", "telling stories", "==stories", "lesestart"),
    "accompaniment": ("begleit", "accompan", "escort", "=lotse", "=lotsen", "=guide",
                      "companion", "integration pilot", "=navigator"),
    # offices by name: "=amt" as a compound head also took "Ehrenamt" and "insgesamt"
    "authorities": ("post verstehen", "briefe verstehen", "understanding letters", "behoerd", "==amt", "==amts",
                    "==papiere",
                    "sozialamt", "jugendamt", "auslaenderamt", "standesamt",
                    "meldeamt", "buergeramt", "arbeitsamt", "ordnungsamt", "wohnungsamt", "gesundheitsamt",
                    "finanzamt", "landratsamt", "bezirksamt", "landesamt", "versorgungsamt", "migrationsamt",
                    "integrationsamt", "familienkasse", "amtsgang", "amtsgaeng", "amtstermin", "amtspost",
                    "amtsbrief", "behoerdenpost", "schreibstube", "schreibdienst", "help forms", "filling forms",
                    "aemter", "authorit", "jobcenter", "auslaenderbehoerde", "office visits", "public offices",
                    "paperwork", "formular", "antraeg", "antrag", "buerokratie", "bureaucra", "=forms", "briefe",
                    "=letters",
                    "official letter", "official mail", "official post", "official document", "official paperwork",
                    "official correspondence", "mail authorities", "post authorities", "form filling", "forms filling",
                    "filling out forms", "fill forms", "fill out forms", "filling in forms", "completing forms",
                    "complete forms", "immigration office", "foreigners office", "foreigners authority",
                    "aliens office", "registration office", "residents registration", "citizens office",
                    "citizen office", "citizens services", "social welfare office", "social office", "welfare office",
                    "youth welfare office", "youth office", "job centre", "job center", "family benefits office",
                    "benefits office", "letter writing", "writing service", "government office", "government agenc",
                    "letter help", "help with letters", "==briefe", "briefhilfe"),
    # not "clinic": a "Refugee Law Clinic" gives legal advice
    # "=arzt" takes the head of a compound ("Kinderarzt"), the others the doctor as its first part
    "doctor": ("=arzt", "arzttermin", "arztbesuch", "arztbegleit", "arztlots", "arztsuch", "aerzt", "doctor", "medical",
               "klinik", "=praxis", "physician",
               "=hospital", "dentist", "paediatric", "pediatric", "==gp", "==gps", "general practitioner",
               "health clinic", "walk in clinic", "outpatient", "krankenhaus"),
    "health": ("gesundheit", "health", "hebamm", "midwife", "schwanger", "pregnan", "erste hilfe", "first aid",
               "erstehilfe", "vorsorge", "impf", "vaccin", "ernaehrung", "nutrition",
               "dental care", "hygiene"),
    "interpreting": ("dolmetsch", "sprachmittl", "uebersetz", "interpret", "translat",
                     "language mediat", "linguistic mediat", "cultural mediat", "language mediator"),
    "counselling": ("beratung", "berat", "advice", "counsel", "sprechstunde", "consult", "sprechzeit",
                    "office hours", "sozialberatung", "==mbe", "==jmd",
                    "advisory", "guidance", "help desk", "helpdesk", "office hour", "surgery hours"),
    "asylum": ("asyl", "asylum", "aufenthalt", "residence", "refugee law", "fluechtlingsrecht", "verfahrensberat",
               "==avb",
               "deportation", "abschieb", "family reunification", "family reunion", "familiennachzug", "residency",
               "duldung", "tolerated stay", "dublin procedure"),
    "legal": ("=recht", "rechtsber", "=legal", "=law", "anwalt", "lawyer", "jurist", "rechtshilfe",
              "attorney", "solicitor", "law clinic", "lawclinic"),
    # not "bewerb" alone: an "Asylbewerber" seeks asylum, not a job
    "job": ("bewerbung", "bewerben", "bewerbertraining", "bewerbercoaching", "=job", "jobs", "==arbeit",
            "arbeitsmarkt", "arbeitssuche", "=beruf", "berufs", "career", "=azubi", "auszubildend",
            "employment", "ausbildung", "praktik", "application", "lebenslauf", "=cv", "=resume", "apprentice",
            "internship", "jobcafe", "jobtreff", "jobboerse", "jobsuche", "jobmesse", "jobcoach", "jobpat",
            "jobstart", "job cafe", "job fair", "job meeting", "job search", "job club", "jobclub", "arbeitssuch",
            "arbeitsvermittl", "stellensuche", "vocational", "berufsvorbereit", "berufseinstieg",
            "curriculum vitae", "cover letter", "covering letter", "interview training", "interview practice",
            "traineeship", "work placement", "work experience", "labour market", "labor market", "jobseeker",
            "professional orientation", "=employer", "working germany", "work germany", "finding work", "find work",
            "looking work", "=occupation"),
    # "rental" only in phrases: a "bike rental" or "equipment rental" is no flat; "Mietführerschein" is
    # translated "rental driving licence", "tenant licence", "renting licence"
    "housing": ("wohnung", "==whg", "=wohnen", "housing", "=flat", "apartment", "wohnraum", "mietsuche", "unterkunft",
                "accommodation", "==zimmer", "zimmervermittl", "zimmersuch", "zimmerboerse", "wgzimmer",
                "wg zimmer", "zimmer frei", "freie zimmer", "freies zimmer", "zimmerangebot", "=room to rent",
                "mietfuehrerschein", "wohnfuehrerschein",
                "mieterfuehrerschein", "miet fuehrerschein", "wohn fuehrerschein", "=mieter", "vermieter",
                "mieterschul", "mietertrain", "mietrecht", "mietvertrag", "==miete", "tenant", "tenancy",
                "landlord", "wohnberat", "flat hunting", "house hunting", "apartment hunting",
                "house search", "home search", "room search", "finding flat", "find flat", "finding home", "find home",
                "==rent", "==renting", "==renter", "==renters", "rental driving", "rental licen", "rental agreement",
                "rental contract", "rental flat", "rental apartment", "rental housing", "rental law", "rental market",
                "rental course", "rental certificate", "living licence", "living license", "flatshare"),
    "moving": ("umzug", "umzuege", "=moving", "moving help", "umzugshilfe",
               "=removal", "removal help", "house move", "help move", "relocat", "move house", "move flat"),
    "furniture": ("moebel", "furniture", "hausrat", "household goods", "household items", "haushaltswaren",
                  "haushaltsgegenst",
                  "furnish", "household appliance", "home appliance", "kitchen appliance", "household item",
                  "household good", "housewares", "=mattress"),
    "clothing": ("kleid", "cloth", "textil", "garment", "=schuhe", "=shoes",
                 "winterjack", "klamotten", "=jacken", "jackenboerse", "jackenausgabe",
                 "wardrobe", "thrift", "charity shop", "winter coat", "=jacket", "==coats"),
    "donations": ("spende", "donat", "sachspende", "distribution", "give away", "giveaway", "for free", "verschenk",
                  "umsonstladen", "free shop", "givebox", "give box",
                  "free store", "giving away", "give aways", "collection point", "zero price shop", "freebox",
                  "free box", "free shelf", "gifting"),
    # "Austausch" (of experience) and "language exchange" are no swap
    "swap": ("==tausch", "==tauschen", "kleidertausch", "kleidungstausch", "buechertausch", "spielzeugtausch",
             "pflanzentausch", "saatguttausch", "kindersachentausch", "tauschb", "tauschmarkt", "tauschparty",
             "tauschring", "tauschregal", "tauschlad", "tauschcafe", "tauschtag", "tauschaktion", "=swap",
             "clothes exchange", "clothing exchange", "book exchange", "toy exchange", "exchange market", "boerse",
             "flohmarkt", "flea market", "troedel", "basar", "bazar", "bazaar", "fahrradmarkt", "bike market",
             "bicycle market", "bike sale",
             "=swapping", "jumble sale", "rummage sale", "car boot sale", "boot sale", "bring buy", "exchange shelf",
             "exchange box", "exchange ring", "exchange party", "exchange day", "exchange cafe", "exchange shop",
             "exchange table", "plant exchange", "seed exchange", "second hand market", "secondhand market",
             "trading ring"),
    "food_bank": ("essensausgabe", "lebensmittelausgabe", "essen ausgabe", "lebensmittel", "=tafel", "food bank",
                  "foodbank", "food distribution", "foodsharing",
                  "=groceries",
                  "food pantry", "food parcel", "food hamper", "food sharing", "food share", "food rescue",
                  "food saver", "food saving", "food aid", "food donation", "food support", "food bag", "food box",
                  "grocery distribution", "free food", "food outlet", "food table"),
    "cooking": ("kochen", "=koch", "kochkurs", "kochcafe", "kochwerkst", "kochproj", "kochaktion", "kochclub",
                "kochrunde", "kochabende", "kochnachmittag", "kulinarisch", "=cuisine", "kochtreff", "kochgruppe",
                "kochabend", "=cook", "cooking", "kueche", "kitchen", "=backen", "backkurs", "baking", "rezept",
                "recipe",
                "cookery", "culinary", "bake together", "=bake"),
    "meal": ("mittagstisch", "=lunch", "=dinner", "fruehstueck", "breakfast", "=essen", "=meal", "meals",
             "abendessen", "suppe", "=soup",
             "=brunch", "=supper", "eating together", "eat together", "dining together"),
    "meeting": ("=cafe", "kaffee", "coffee", "=treff", "treffen", "treffpunkt", "begegnung", "meeting point",
                "meetup", "meet up", "get together", "encounter", "stammtisch", "nachbarschaft", "neighbour",
                "neighbor", "=club", "jugendraum", "jutreff",
                "regulars table", "regular s table", "regulars round", "meeting place", "==hangout", "social evening",
                "tea afternoon", "tea time", "teatime"),
    "sport": ("sport", "fussball", "football", "soccer", "=kick", "kicken", "basketball", "volleyball", "fitness",
              "=yoga", "gymnastik", "=lauf", "laufgruppe", "running", "bewegung", "turnen", "boxen", "boxing",
              "klettern", "climb", "tischtennis", "table tennis", "badminton", "kampfsport", "frauensport", "=gym",
              "workout", "sportangebot", "rueckenfit", "rueckenschul",
              "==exercise", "==exercises", "exercise class", "exercise group", "physical activity", "athletic",
              "==tennis", "handball", "hockey", "nordic walking", "futsal", "kickboxing", "keep fit", "movement class",
              "movement group", "=movement"),
    "dance": ("=tanz", "taenze", "tanztreff", "tanzen", "tanzkurs", "=dance", "dancing",
              "ballet", "tanzgrupp", "tanzkreis", "tanzabend", "tanzcafe", "tanzprojekt", "tanzworkshop",
              "tanzstund", "tanzwerkstatt", "tanznachmittag", "tanzangebot"),
    "swimming": ("schwimm", "=swim", "swimming", "=baden", "==pool", "==pools", "seepferdchen", "wassergewoehn",
                 "==bathing", "=aqua", "aquafit"),
    "cycling": ("radfahr", "fahrradkurs", "fahrrad fahren", "cycling", "ride a bike", "learn to cycle",
                "radfahrtraining", "fahrradfahren", "=velo",
                "ride bike", "riding bike", "learn ride", "learning ride", "learn cycle", "learning cycle",
                "bike riding", "bicycle riding", "cycle training", "cycling training", "bike course", "bicycle course",
                "bike class", "bicycle class", "bike lesson", "bicycle lesson", "bike training", "bicycle training",
                "cycling school", "radfahrschule", "radgruppe", "radtreff", "radtour", "fahrradtour"),
    "repair": ("repair", "reparatur", "=repar", "fahrradwerkstatt", "radwerkstatt", "schrauber", "repaircafe",
               "fahrrad werkstatt", "rad werkstatt", "bike workshop", "bicycle workshop", "repair cafe",
               "selbsthilfewerkstatt", "hausmeister", "==handwerk", "handwerker",
               "fix it", "fixit", "fix bike", "fixing bike", "bike fix", "fix your", "==mending", "self help workshop",
               "cycle workshop", "==mend"),
    # what a newborn needs, given out from donations: its own offer beside the clothes store or bikes
    "baby_goods": ("baby starter", "starter kit", "babybasar", "baby basics", "babyboerse", "babykleider",
                   "baby bazaar", "babysachen",
                   "babyausstattung", "babykleidung", "babyerstausstattung", "erstausstattung",
                   "kinderwagen", "baby equipment", "baby items", "baby clothes", "baby goods", "pram", "stroller"),
    "bicycle": ("fahrrad", "fahrraed", "=raeder", "=rad", "=bike", "=bikes", "bicycle", "radhaus", "radwerk",
                "radstation", "radspende",
                "==cycle", "==cycles"),
    "computer": ("computer", "=pc", "=edv", "digital", "internet", "smartphone", "handy", "laptop", "it kurs",
                 "=tablet", "==app", "==apps", "phone help", "mobile phone", "phone app", "medienkompetenz",
                 "computerkurs", "pc kurs", "=email", "e mail", "=online", "==it",
                 "cell phone", "phone course", "phone class", "phone lesson", "phone training", "phone workshop",
                 "phone basics", "phone cafe", "mobile course", "==coding", "programming", "programmier", "software",
                 "tech help", "tech support", "tech cafe", "techcafe", "technology", "whatsapp", "media competence",
                 "media skills", "digital skills", "==wifi", "==wlan", "printer", "==digi", "digicafe"),
    "childcare": ("kinderbetreu", "childcare", "child care", "babysit", "=kita", "kinderbeaufsicht", "==kibe",
                  "kindersitter", "sitterdienst",
                  "care for children", "kindergarten",
                  "=creche", "daycare", "day care", "day nursery", "childmind", "child minding", "care children",
                  "children care", "kids care", "looking after children", "look after children",
                  "supervising children", "supervised play", "betreuung kinder", "kinder betreuen"),
    # "crawl group" (Krabbelgruppe) but not "crawling" alone: "crawler", "pub crawl"; the word is left
    # for the office's confirmed reviews to teach
    "play": ("spielgruppe", "krabbel", "playgroup", "play group", "toddler", "=spielen", "spielnachmittag",
             "spielplatz", "=games", "spieletreff", "spielkreis", "eltern kind", "parent and child", "mutter kind",
             "eltern-kind", "eltern baby", "babygruppe", "babytreff", "baby treff", "baby group", "parent toddler",
             "mother toddler", "spieltreff", "pekip", "krabbel", "spiel gruppe", "spielzimmer", "spielecke",
             "spielstube", "spielwiese",
             "crawl group", "crawl circle", "crawl club", "crawl meet", "crawl cafe", "crawlgroup",
             "parent child", "parents child", "parent baby", "parents baby",
             "mother baby", "mothers baby", "mum baby", "mums baby", "mom baby", "moms baby", "mother child",
             "mothers child", "father child", "fathers child", "dad baby", "dads baby", "mum toddler", "mums toddler",
             "mom toddler", "parent infant", "baby club", "baby cafe", "baby meet", "infant group", "playtime",
             "play time", "play afternoon", "play morning", "play cafe", "play corner", "play meet", "play session",
             "play date", "playdate", "playground", "play area", "games afternoon", "games evening", "games night",
             "game night", "game evening", "game afternoon", "board game", "boardgame", "spieleabend", "spielabend",
             "spielecafe", "vater kind", "spielenachmittag", "spielerunde", "brettspiel", "gesellschaftsspiel",
             "spiele treff", "=schach", "schachgrupp", "schachabend", "schachtreff", "schachclub", "schachkurs",
             "chess"),
    "culture": ("filmtreff", "kulturpat", "filmclub", "filmkreis", "filmnachmittag", "kinoabend", "film club",
                "film evening",
                "film night", "movie night", "==kultur", "kulturprogramm", "kulturangebot", "culture", "museum",
                "theater", "theatre", "=kino",
                "cinema", "=film", "movie",
                "==drama", "=opera", "exhibition", "==concert", "==concerts", "cultural programme", "cultural program",
                "cultural offer", "cultural event", "cultural activit", "cultural evening", "cultural afternoon",
                "cultural trip", "filmabend", "==acting"),
    # not "wander" alone: a "Zuwanderer" has moved here
    "excursion": ("radtour", "fahrradtour", "radausflug", "bike tour", "cycling tour", "ausflug", "ausfluege",
                  "excursion", "=trip", "trips", "stadterkund", "stadtfuehrung",
                  "city tour", "stadtrundgang", "=wanderung", "=wandern", "wandergruppe", "wandertag", "wandertreff",
                  "wanderausflug", "hiking", "=hike", "erkundung", "outing",
                  "guided tour", "city walk", "city exploration", "explore city", "exploring city", "discover city",
                  "discovering city", "sightseeing", "==tour", "==tours", "nature walk", "walking group",
                  "walking tour", "walk together", "walks together", "spazier", "==zoo"),
    "music": ("musik", "music", "=band", "gitarre", "guitar", "singen", "=sing", "singing", "=chor", "choir",
              "trommel", "drum",
              "instrument", "piano", "ukulele", "singalong", "==chorus", "jam session", "percussion"),
    "arts": ("kunst", "==art", "==arts", "=malen", "malkurs", "painting", "=paint", "basteln", "craft", "werken",
             "toepfer", "pottery", "kreativ", "creative",
             "drawing", "artistic", "=clay", "upcycling", "==diy", "photography", "=zeichnen"),
    # not plain "naeh": "Ernährung", "Nähe"
    "sewing": ("==naeh", "naehen", "naehcafe", "naehwerk", "naehtreff", "naehkurs", "naehstub", "naehgrupp",
               "naehmaschin", "naehkreis", "naehproj", "naehatelier", "naehzimmer", "naehabend", "naehnachmittag",
               "naehstuebchen", "naehaktion", "=sew", "sewing", "schneider", "tailor", "stricken", "knit",
               "handarbeit",
               "needlework", "needle work", "handwork", "crochet", "haekel", "embroider", "stitch", "patchwork",
               "quilt", "strickgrupp", "strickkreis", "stricktreff", "strickcafe", "strickkurs", "strickabend",
               "strickrunde", "strickclub", "handicraft"),
    "hairdressing": ("friseur", "frisoer", "haarschn", "=haare", "haircut", "hairdress", "barber", "haare schneiden",
                     "hair cut", "hair cutting", "cutting hair", "hairstyl", "hair salon"),
    # help with daily life as a whole ("Hilfe im Alltag", "Alltagshilfe", "Alltagsbegleitung", "Help with everyday life")
    "everyday": ("alltag", "everyday", "everyday life", "daily life", "day to day", "daily tasks", "daily routine"),
    "shopping": ("einkauf", "shopping", "besorgung", "errand",
                 "buying groceries"),
    # not plain "garten": "Kindergarten" is childcare
    "garden": ("==garten", "==gaerten", "gartenarb", "gartenproj", "gartengrupp", "gartentreff", "gartenaktion",
               "gartencafe", "gartenpfleg", "gartenhilfe", "gartenfreund", "gemeinschaftsgart",
               "gemeinschaftsgaert", "nachbarschaftsgart", "schulgarten", "kleingarten", "schrebergarten",
               "kraeutergarten", "gemuesegarten", "gemuesebeet", "hochbeet", "permakultur", "=gaertnern", "garden",
               "gaertner", "gardening", "=pflanzen", "urban gardening", "beet",
               "allotment", "raised bed", "vegetable patch", "vegetable bed", "planting", "==plants", "green fingers",
               "greenhouse", "compost"),
    # "sponsorship" (Patenschaft) and the sponsors of a person ("reading sponsors") are mentoring;
    # "sponsor" alone is not, and "sponsoring", a "sponsor search" are fundraising
    "mentoring": ("=pate", "=paten", "patin", "patenschaft", "mentor", "=buddy", "buddies", "tandem partner",
                  "begleitperson", "patenprojekt", "tandempartner", "=lotse", "=lotsen", "befriend",
                  "buddy programme", "buddy program", "buddyprogramm", "=mentee",
                  "godparent", "godmother", "godfather", "god parent", "==sponsorship", "==sponsorships",
                  "sponsorship programme", "sponsorship program", "sponsorship project", "sponsorship scheme",
                  "reading sponsor", "learning sponsor", "school sponsor", "language sponsor", "job sponsor",
                  "family sponsor", "sponsor family", "sponsor families", "become sponsor", "become godparent",
                  "=patronage", "buddy system", "buddy project", "integration pilot", "integration companion",
                  "one one support", "=navigator", "personal companion", "tandem programme", "tandem program",
                  "tandem project"),
    "psycho": ("stabilis", "stabiliz", "psych", "trauma", "seelisch", "=mental", "therap", "zuhoer", "listening",
               "==psz",
               "emotional",
               "=stress", "grief", "bereavement", "self help group", "selbsthilfegrupp", "=anxiety", "depress"),
    "transport": ("fahrkart", "==fahrten", "fahrten zu", "bus und bahn", "bus bahn", "fahrdienst", "transport",
                  "driving service", "=shuttle", "oepnv", "=bus", "=bahn", "=ticket",
                  "mobilitaet", "mobility", "nahverkehr", "==fahren", "==mobil",
                  "ride service", "lift service", "==lift", "==lifts", "==rides", "ride sharing", "ridesharing",
                  "carpool", "car pool", "car sharing", "pick up service", "pickup service", "volunteer driver",
                  "=taxi", "travel pass", "mitfahr", "driver service", "drivers service"),
    # "Mietführerschein", "Wohnführerschein" are tenancy courses (#housing)
    "driving_licence": ("==fuehrerschein", "==fuehrerscheine", "fuehrerscheinkurs", "fuehrerscheinthe", "fs theorie",
                        "fahrschul",
                        "fuehrerscheinpruef", "fuehrerscheinausb", "fuehrerscheinhilf", "fuehrerscheinumschr",
                        "fuehrerscheinklass", "fuehrerscheinerwerb", "autofuehrerschein", "pkwfuehrerschein",
                        "autofahren", "driving test", "driving licence", "driving license", "fahrschule",
                        "driving lesson",
                        "driver s licen", "drivers licen", "driver licen", "driving school", "driving theory",
                        "driving exam", "driving practice", "driving course", "theory test", "learn drive",
                        "learning drive", "car licence", "car license", "driving instructor"),
    "school_supplies": ("schulranzen", "schulmaterial", "schulstart", "schultuete", "school bag", "school supplies",
                        "schoolbag", "backpack", "=ranzen", "einschulung", "schulanfang", "school start",
                        "schul start", "back school", "schulbedarf", "schulsachen", "school kit", "tornister",
                        "satchel", "school materials", "school material", "school things", "school stationery",
                        "school enrolment", "school enrollment", "first day school", "school cone", "pencil case",
                        "school rucksack", "school backpack", "school equipment"),
    "rooms": ("==raum", "==raeume", "gruppenraum", "lagerraum", "=rooms", "meeting room", "storage space", "=space",
              "raumangebot", "raumvergabe", "gruppenraeum", "lagerraeum", "lagerflaeche", "lagerplatz",
              "lagermoeglich", "==lager", "seminarraum", "seminarraeum", "besprechungsraum", "veranstaltungsraum",
              "veranstaltungsraeum", "raumbedarf", "raumsuch", "raumnutzung", "raumbuch", "raumvermiet",
              "raumverleih", "room hire", "room rental", "room booking", "room groups", "rooms groups", "storage",
              "=venue", "venues",
              "==room", "premises", "warehouse", "hall hire", "hall rental", "office space"),
    "information": ("infoabend", "info abend", "informationsabend", "informationsveranstaltung", "info evening",
                    "information evening", "info session", "information session", "infoveranstaltung",
                    "info event", "information event", "info meeting", "information meeting", "info night",
                    "information night", "info afternoon", "information afternoon", "info day", "information day",
                    "infotag", "infonachmittag", "infocafe", "info cafe", "information cafe", "briefing"),
    # not "bank" alone: a "food bank", "clothing bank", "furniture bank" is no bank account
    "banking": ("konto", "bank account", "finanzen", "money", "=geld", "budget",
                "banking", "bank visit", "bank transfer", "bank card", "bank statement", "bank appointment",
                "bank matters", "bank business", "bank letters", "accompaniment bank", "going bank", "open account",
                "opening account", "bankbesuch", "bankgeschaeft", "bankangelegenheit", "bankkarte", "=debt", "debts",
                "schuldner", "schulden", "begleitung bank", "visit bank", "visits bank",
                # advice on one's own money ("Finanzsprechstunde", "Finanzberatung"), not a club's accounts
                "finanzsprech", "finanzberat", "finanzhilf", "finanzcoach", "finanzfuehrerschein", "finanz sprech",
                "finanz berat"),
    # roles in an organisation's back office are different roles, not one concept
    "office": ("=buero", "=office", "verwaltung", "=admin", "ablage", "clerical", "reception", "empfang",
               "data entry", "dateneingabe", "bueroarb", "buerohilf", "buerotaetig", "buerodienst", "buerokraft",
               "bueroorganis", "office work", "office help", "admin help", "administrat", "schreibarbeit",
               "telefondienst", "postbearbeit", "datenpflege",
               "front desk", "secretar", "phone duty", "telephone duty", "telephone service", "answering phone",
               "answer phone", "mail processing", "database", "data maintenance", "==filing"),
    "coordination": ("koordination", "coordinat", "einsatzplan", "scheduling", "dispatch",
                     "volunteer manag", "deployment plan", "==rota", "==rotas", "shift plan", "roster",
                     "organising volunteers", "organizing volunteers"),
    "public_relations": ("==oea", "oeffentlichkeitsarbeit", "public relations", "==pr", "presse", "publicity",
                         "=werbung", "werbemittel", "=newsletter", "redaktion", "pressearbeit", "social media",
                         "=website", "marketing", "kommunikation", "communication", "graphic", "grafik", "=design",
                         "public outreach", "editorial", "copywrit", "media work", "medienarbeit", "advertis"),
    "bookkeeping": ("buchhaltung", "bookkeep", "accounting", "=finanz", "=finance", "=kasse", "treasur", "=steuer",
                    "=tax", "taxes", "kassenbuch", "kassenpruef", "kassenwart", "kassenfuehr", "buchfuehrung",
                    "vereinsfinanz", "vereinskasse", "jahresabschluss", "finanzbericht", "=audit",
                    "annual accounts", "keeping accounts", "club accounts",
                    "cash book", "cashbook", "cash audit", "cash check", "cash box", "financial statement",
                    "financial report", "annual financial", "payroll", "invoic", "=receipt", "book keeping",
                    "membership fees"),
    "fundraising": ("projektfonds", "verfuegungsfonds", "mikrofoerder", "kleinprojekt", "microgrant", "micro grant",
                    "small grants", "fundrais", "spendenakquise", "==grant", "==grants", "foerdermittel",
                    "foerderantr",
                    "foerderberat", "foerdergeld", "foerderprogramm", "foerdertopf", "foerdertoepf",
                    "foerdermoeglich", "zuschuss", "zuschuess", "=funding", "funding advice", "grant application",
                    "grant advice", "subsid", "finanzierungsberat", "projektfinanzierung", "crowdfunding",
                    "drittmittel",
                    "==sponsoring", "sponsorensuch", "sponsorenlauf", "sponsor search", "search sponsors",
                    "finding sponsors", "find sponsors", "looking sponsors", "sponsors wanted", "acquiring sponsors",
                    "sponsor acquisition", "corporate sponsor", "sponsored run", "sponsored walk", "charity run",
                    "==funds", "raising funds", "raise funds", "raising money", "raise money", "donor acquisition",
                    "donor relations", "spendenlauf"),
    # support for volunteers: training them, and meeting to reflect on the work, are different offers
    "volunteer_training": ("==schulung", "==schulungen", "ehrenamtsschul", "ehrenamtlichenschul", "helferschul",
                           "helferinnenschul", "freiwilligenschul", "basisschul", "grundlagenschul",
                           "einfuehrungsschul", "schulungsreihe", "schulungsangebot", "schulungsabend",
                           "fortbildung", "weiterbildung", "qualifizierung", "ehrenamtstrain", "helfertrain",
                           "ehrenamtsakadem", "training volunteers", "trainings volunteers", "volunteer training",
                           "volunteers training", "workshop volunteers", "seminar volunteers", "course volunteers",
                           "workshop ehrenamtliche", "seminar ehrenamtliche", "kurs ehrenamtliche",
                           "training ehrenamtliche", "volunteer induction", "induction volunteers",
                           "further training", "interkulturelles training", "intercultural training",
                           "training helpers", "helper training", "helpers training", "training sessions volunteers",
                           "training session volunteers", "training new volunteers", "volunteer course",
                           "volunteers course", "volunteer seminar", "volunteers seminar", "volunteer workshop",
                           "volunteers workshop", "volunteer qualif", "qualification volunteers",
                           "volunteer preparation", "preparation volunteers", "volunteer academy", "basic training",
                           "introductory training", "introduction training", "induction training", "induction course",
                           "advanced training", "continuing education", "continuing training", "training series",
                           "training evening", "training day volunteers", "workshop helpers", "seminar helpers",
                           "course helpers", "de escalation", "deescalation", "deeskalation"),
    "volunteer_exchange": ("supervision", "intervision", "reflexion", "reflection", "austauschtreff",
                           "austauschrunde", "austauschabend", "erfahrungsaustausch", "==austausch", "helfertreff",
                           "helferkreistreff", "ehrenamtstreff", "ehrenamtlichentreff", "ehrenamtsstammtisch",
                           "netzwerktreff", "fallbesprech", "kollegiale beratung", "peer exchange",
                           "exchange meeting", "exchange volunteers", "volunteer exchange", "volunteers exchange",
                           "volunteer meeting", "volunteers meeting", "stammtisch ehrenamtliche",
                           "case discussion", "case review", "collegial", "peer consult", "peer reflection",
                           "exchange experience", "experience exchange", "exchange experiences", "sharing experiences",
                           "sharing experience", "helpers meeting", "helper meeting", "helpers circle meeting",
                           "helpers get", "volunteers get", "volunteer get", "volunteers regulars",
                           "volunteer regulars", "network meeting", "networking meeting", "debrief", "exchange round",
                           "exchange evening", "exchange circle", "volunteer cafe", "volunteers cafe", "helpers cafe",
                           "volunteer round", "volunteers round"),
    "insurance": ("versicher", "insurance", "haftpflicht", "insured",
                  "liability", "accident cover", "coverage volunteers"),
    "materials": ("technikpool", "technikverleih", "geraetepool", "==material", "==materialien", "materialpool",
                  "materialverleih", "materialausleih",
                  "materialkammer", "lehrmaterial", "unterrichtsmaterial", "bueromaterial", "office supplies",
                  "teaching materials", "=equipment", "geraeteverleih", "=verleih", "=ausleih", "=ausleihe",
                  "lending", "library things", "bibliothek dinge", "moderationskoffer", "==beamer",
                  "==materials", "teaching aids", "teaching material", "material pool", "materials pool",
                  "material loan", "materials loan", "==loan", "==loans", "tool library", "tool lending", "tool hire",
                  "tool loan", "moderation kit", "moderation case", "moderation box", "facilitation kit",
                  "presentation kit", "==projector", "==projectors"),
    # recognition of foreign qualifications: advice of its own, not job search
    # the naturalisation test and its course ("Leben in Deutschland")
    "citizenship": ("einbuergerung", "citizenship", "naturalisation", "naturalization", "leben in deutschland",
                    "orientierungskurs", "==lid"),
    "recognition": ("==anerk", "recognition of", "anerkennungsberat", "anerkennungsverfahr", "anerkennungsstelle",
                    "anerkennungsberatung",
                    "zeugnisanerkennung", "berufsanerkennung", "abschlussanerkennung", "anerkennung auslaendisch",
                    "anerkennung beruf", "anerkennung abschl", "anerkennung qualif", "anerkennung zeugnis",
                    "anerkennung schulabschl", "anerkennung studienabschl", "auslaendische abschl",
                    "auslaendischer abschl", "auslaendischen abschl", "recognition qualif", "recognition foreign",
                    "recognition degree", "recognition certificat", "recognition professional",
                    "recognition diploma", "foreign qualif", "foreign degree", "foreign certificat",
                    "qualification recognition", "zeugnisbewert",
                    "recognition counsel", "recognition advice", "recognition procedure", "recognition process",
                    "recognition school", "recognition vocational", "recognition academic", "recognition educational",
                    "credential", "equivalence", "certificate evaluation", "evaluation certificat",
                    "evaluation foreign", "foreign professional", "foreign vocational", "foreign education",
                    "foreign school", "professional recognition", "degree recognition"),
    "energy_saving": ("stromspar", "energiespar", "energieberat", "strom sparen", "energie sparen", "energy saving",
                      "save energy", "saving energy", "energy advice", "heizkosten sparen", "energiecheck",
                      "stromcheck",
                      "energy check", "electricity saving", "save electricity", "saving electricity",
                      "electricity check", "power saving", "energy consult", "energy counsel", "energy efficien",
                      "heating cost", "electricity cost", "energy cost", "energy bill", "electricity bill",
                      "saving power", "save power", "reduce energy", "saving heating"),
    "holiday": ("ferien spiel", "ferien programm", "ferien betreuung", "ferienbetreu", "ferienspiel",
                "ferienprogramm", "ferienfreizeit", "ferienangebot", "ferienaktion", "ferienpass",
                "ferienwerkstatt", "ferienfahrt", "feriencamp", "ferienlager", "ferienclub", "ferienakademie",
                "zeltlager", "stadtranderholung", "holiday programme", "holiday program", "holiday club",
                "holiday camp", "holiday activities", "summer camp", "sommercamp", "summer holiday programme",
                "holiday care", "holiday fun", "holiday games", "holiday week", "holiday workshop", "holiday trip",
                "holiday pass", "holiday childcare", "holiday offer", "holiday activit", "=holiday",
                "school holiday", "easter holiday", "autumn holiday", "summer holiday", "winter holiday", "half term",
                "vacation program", "vacation camp", "vacation care", "summer programme", "summer program",
                "summer activities", "summer fun", "summer week", "day camp", "tent camp", "==camping", "youth camp",
                "kids camp", "children s camp", "children camp"),
    "festival": ("==fest", "festival", "feste feiern", "sommerfest", "nachbarschaftsfest", "strassenfest",
                 "stadtteilfest", "kinderfest", "familienfest", "begegnungsfest", "willkommensfest", "herbstfest",
                 "fruehlingsfest", "fruehjahrsfest", "weihnachtsfest", "hoffest", "gemeindefest", "zuckerfest",
                 "opferfest", "lichterfest", "erntedankfest", "abschlussfest", "spielfest", "sportfest",
                 "friedensfest", "laternenfest", "kiezfest", "quartiersfest", "dorffest", "hausfest", "gartenfest",
                 "fest kulturen", "=feier", "==party", "==partys", "==parties", "willkommensparty",
                 "nachbarschaftsparty", "strassenparty", "street party", "welcome party", "summer party",
                 "neighbourhood party", "neighborhood party", "=celebration", "iftar", "fastenbrechen",
                 "kulturfest", "festival cultures",
                 "==fete", "==fetes", "christmas market", "christmas fair", "summer fair", "street fair",
                 "christmas celebration", "=celebrate", "=feast", "festivit", "breaking fast", "fast breaking",
                 "nowruz", "newroz", "eid celebration"),
}

# Kinds within one activity. Titles of one activity that each name a different kind ("Yoga" /
# "Zumba instructor", "Website" / "Graphic design", "Deutschkurs" / "English class") are different
# offers of one group; a title that names only the activity ("Sport-Treff") may be either.
# A kind's stems imply its activity.
_KIND_STEMS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "sport": {
        "football": ("fussball", "football", "soccer", "=kick", "kicken",
                     "futsal", "=footy"),
        "basketball": ("basketball", "streetball"), "volleyball": ("volleyball",), "badminton": ("badminton",),
        "table_tennis": ("tischtennis", "table tennis", "ping pong"),
        "yoga": ("=yoga",), "zumba": ("zumba",), "aerobics": ("aerobic",), "pilates": ("pilates",),
        "boxing": ("boxen", "boxing", "kampfsport", "martial art", "karate", "judo", "boxtrain", "boxgrupp",
                   "boxverein", "box training", "box tr"),
        "climbing": ("klettern", "climb", "boulder"), "running": ("=lauf", "laufgruppe", "running", "jogging",
                                                                  "=jog", "lauftreff"),
        "gymnastics": ("gymnastik", "turnen"),
        "self_defence": ("selbstverteidig", "self defen", "self-defen", "wendo"),
        "cricket": ("cricket",),
    },
    # a language café (drop in, talk at tables) and a tandem (two people paired for weeks) are two formats
    "conversation": {
        "tandem": ("sprachtandem", "=tandem", "tandempartner", "tandem partner", "language tandem",
                   "tandem programme", "tandem program", "tandem project"),
        "cafe": ("sprachcafe", "languagecafe", "language cafe", "sprach cafe", "sprach-cafe", "dt cafe",
                 "deutsch cafe", "cafe deutsch", "deutschcafe", "german cafe", "erzaehlcafe", "conversation cafe",
                 "storytelling cafe"),
    },
    # a first-aid course, a midwife's consultation and a vaccination are different offers
    "health": {
        "first_aid": ("erste hilfe", "first aid", "erstehilfe", "ersthelfer", "reanimation", "wiederbelebung",
                      "resuscitation", "==cpr", "first aider", "eh kurs", "ehkurs"),
        "midwife": ("hebamm", "midwife", "midwive", "schwanger", "pregnan", "geburtsvorbereit", "wochenbett",
                    "antenatal", "prenatal", "postnatal", "birth preparation", "childbirth", "childbearing",
                    "pregnancy"),
        "vaccination": ("impf", "vaccin",
                        "immunis", "immuniz"),
    },
    "public_relations": {
        "web": ("=website", "webseite", "webdesign", "web design", "wordpress", "homepage", "=blog"),
        "graphics": ("graphic", "grafik", "=logo", "=flyer", "=plakat", "=poster",
                     "=layout"),
        "press": ("presse", "=press", "press kit", "press release"),
        "social_media": ("social media", "socialmedia", "facebook", "instagram", "tiktok"),
        "video": ("=video", "videos", "motion graphic", "film editing", "video editing"),
    },
    "arts": {
        "painting": ("=malen", "malkurs", "painting", "=paint",
                     "drawing", "zeichn", "watercolour", "watercolor", "=zeichnen"),
        "photography": ("fotograf", "photograph", "=foto", "=photo"),
        "pottery": ("toepfer", "pottery", "ceramic", "keramik",
                    "=clay"),
        "crafts": ("basteln", "=craft", "crafts", "werken",
                   "upcycling", "==diy"),
    },
    "language_course": {
        "german": ("deutschkurs", "=deutsch", "=german", "germancourse", "germanlesson", "germanclass",
                   "learngerman", "deutschunterricht", "deutschlernen", "deutsch lernen", "learn german",
                   "german course", "german lesson", "german class",
                   "german beginners", "learn speak german", "deutschlehrer", "==dtz"),
        "english": ("englischkurs", "english class", "english as a second", "==esl", "=englisch", "english course",
                    "learn english", "english lesson", "english beginners", "english as second"),
        "arabic": ("arabischkurs", "arabic class", "arabic course",
                   "arabic lesson", "learn arabic"),
        # learning to read and write (Alphabetisierung) is another course than German for beginners
        "literacy": ("alphabetis", "literacy", "read write", "learning read", "learn read write", "alphakurs",
                     "alpha kurs", "lesen schreiben lernen", "reading writing",
                     "learn read", "lesen und schreiben", "==alpha"),
    },
    "music": {
        "choir": ("singen", "=sing", "singing", "=chor", "choir", "singkreis", "singgrupp", "singtreff",
                  "singcafe", "singabend", "singrunde", "singnachmittag", "singstunde", "mitsing", "chorprobe",
                  "==lieder", "kinderlieder", "==songs",
                  "singalong", "sing along", "==chorus", "singing circle", "singing group", "==song"),
        "guitar": ("gitarre", "guitar"),
        "drums": ("trommel", "drum",
                  "percussion"),
    },
}

# Who an offer is for. Not what it does: an audience mismatch lowers a pair, it never separates it.
_AUDIENCE_STEMS: Mapping[str, tuple[str, ...]] = {
    "children": ("=kind", "kinder", "=child", "children", "=kids", "schulkind", "grundschul", "=baby", "babys",
                 "babies", "=infant", "little ones", "primary school", "elementary school", "preschool", "pre school",
                 "vorschul", "=toddler", "childcare", "child care"),  # as "Kinderbetreuung" is for children
    "youth": ("jugend", "youth", "=teen", "teens", "teenager", "=junge", "=jungen", "=young", "schueler",
              "=student", "students",
              "adolescen", "=pupil", "pupils", "==minors", "young people", "young adults", "school students"),
    "women": ("frauen", "=frau", "women", "=woman", "maedchen", "=girls", "female", "muetter", "=mother",
              "mothers", "=mutter",
              "ladies", "=girl", "mummies", "mommies", "==mum", "==mums", "==mom", "==moms", "==lady"),
    "men": ("maenner", "=mann", "==men", "vaeter", "=father", "fathers", "=vater",
            "=dad", "=boy", "==male", "==males"),
    "seniors": ("senior", "aeltere", "elderly", "=older",
                "pensioner", "retiree", "retired", "old people", "=elder"),
    "families": ("famil", "=eltern", "=parent", "parents",
                 "=family"),
    # beginners of a course, not a group of people: "Computerkurs für Einsteiger für Jugendliche" and
    # "PC-Grundkurs für Frauen" are still for two audiences (PEOPLE_AUDIENCES)
    "newcomers": ("=anfaenger", "einsteiger", "beginner", "grundkurs",
                  "=basic", "=novice", "introduct", "==intro", "first steps"),
    "intercultural": ("interkultur", "international", "kulturen", "=welcome", "willkommen",
                      "intercultur", "multicultur", "multikultur", "cultures", "cross cultural"),
}

PEOPLE_AUDIENCES = frozenset({"@children", "@youth", "@women", "@men", "@seniors", "@families"})
"""The audiences that are groups of people: two titles for different ones are one format for two groups,
whatever other audiences they share; beginners ("@newcomers") and "international" ("@intercultural")
describe an offer as much as whom it is for."""

# Words that say nothing about which offer a title names ("herzliche Einladung", "Unser Angebot:",
# "kostenlos"); they are dropped from titles before comparing.
TITLE_FILLER = frozenset(
    """
    einladung herzliche herzlich angebot angebote unser unsere neu neues neue offene offener offenes open
    suchen sucht gesucht wir hier koennen kann wanted needed heute today mitmachen engagier engagiere
    engagieren dich helfende haende verstaerkung bereich ehrenamt
    kostenlos kostenlose kostenloser kostenloses gratis free hilfe help helfen unterstuetzung support
    gruppe group kurs course service services programm program projekt project aktion
    bei mit fuer zum zur beim finding
    our offer offers new invitation groups courses class classes lesson lessons programme programmes programs
    projects
    """.split()
)

# Activities that many offers name beside what they are about: donations (of clothes, furniture,
# bicycles), meeting, counselling and accompaniment (in something), information, and an exchange
# ("Wohnraumbörse", "Babysachenbörse", "Möbelbörse": a market of something).
BROAD_ACTIVITIES = frozenset({"#donations", "#meeting", "#counselling", "#accompaniment", "#information", "#swap"})

# Kinds of place ("Stadtteiltreff", "Pfarrsaal", "Jugendzentrum"): two names of one place may differ in them.
PLACE_KINDS = ("zentrum", "treff", "haus", "heim", "saal", "raum", "raeume", "bibliothek", "buecherei", "gemeinde",
               "kirche", "halle", "staette", "schule", "kita", "buero", "stelle", "laden", "cafe",
               "platz", "center", "centre", "hall", "library", "house", "office", "club", "klub", "mgh", "juz")

# English names of kinds of place, as welcome guides translate a German place's name ("Gesundbrunnen
# Neighbourhood House" for "Nachbarschaftshaus Gesundbrunnen"), each with the German word for it;
# longer phrases first, so "multi generation house" is not read as "house"
PLACE_KIND_TRANSLATIONS: tuple[tuple[str, str], ...] = tuple(sorted({
    "neighbourhood house": "nachbarschaftshaus", "neighborhood house": "nachbarschaftshaus",
    "multi generation house": "mehrgenerationenhaus", "multigeneration house": "mehrgenerationenhaus",
    "multi generational house": "mehrgenerationenhaus", "multigenerational house": "mehrgenerationenhaus",
    "intergenerational house": "mehrgenerationenhaus",
    "neighbourhood centre": "stadtteilzentrum", "neighborhood center": "stadtteilzentrum",
    "district centre": "stadtteilzentrum", "district center": "stadtteilzentrum",
    "neighbourhood meeting point": "nachbarschaftstreff", "neighborhood meeting point": "nachbarschaftstreff",
    "meeting point": "treffpunkt", "family centre": "familienzentrum", "family center": "familienzentrum",
    "youth centre": "jugendzentrum", "youth center": "jugendzentrum", "youth club": "jugendclub",
    "youth house": "jugendhaus", "parish hall": "gemeindehaus", "church hall": "gemeindehaus",
    "parish centre": "gemeindezentrum", "parish center": "gemeindezentrum",
    "community centre": "gemeindezentrum", "community center": "gemeindezentrum",
    "district library": "stadtteilbibliothek", "public library": "stadtbibliothek", "city library": "stadtbibliothek",
    "town hall": "rathaus", "city hall": "rathaus", "shared accommodation": "gemeinschaftsunterkunft",
    "refugee accommodation": "gemeinschaftsunterkunft", "reception centre": "erstaufnahme",
    "primary school": "grundschule", "comprehensive school": "gesamtschule", "adult education centre": "volkshochschule",
    "adult education center": "volkshochschule", "indoor pool": "hallenbad", "swimming pool": "schwimmbad",
    "public baths": "stadtbad", "city baths": "stadtbad", "sports hall": "sporthalle", "sports ground": "sportplatz",
    "sports field": "sportplatz", "community garden": "gemeinschaftsgarten", "intercultural garden": "interkultureller garten",
    "district office": "stadtteilbuero", "citizens office": "buergeramt", "citizens s office": "buergeramt",
    "library": "bibliothek", "church": "kirche", "mosque": "moschee", "school": "schule", "playground": "spielplatz",
    "parent child centre": "eltern kind zentrum", "parent child center": "eltern kind zentrum",
    "parents child centre": "eltern kind zentrum", "civic centre": "buergerhaus", "civic center": "buergerhaus",
    "gym hall": "turnhalle", "neighbourhood cafe": "stadtteilcafe", "neighborhood cafe": "stadtteilcafe",
    # the patron saint of a parish's hall, in English and in the German or Latin forms parishes use
    **{f"st {english}": f"st {german}" for english, german in (
        ("mary", "marien"), ("maria", "marien"), ("matthew", "matthaeus"), ("peter", "petri"), ("petrus", "petri"),
        ("paul", "paulus"), ("pauli", "paulus"), ("john", "johannes"), ("luke", "lukas"), ("mark", "markus"),
        ("james", "jakobus"), ("joseph", "josef"), ("elizabeth", "elisabeth"), ("boniface", "bonifatius"),
        ("george", "georg"), ("nicholas", "nikolaus"), ("nikolai", "nikolaus"), ("stephen", "stephanus"),
        ("andrew", "andreas"), ("lawrence", "laurentius"), ("catherine", "katharina"), ("anne", "anna"),
        ("francis", "franziskus"), ("anthony", "antonius"), ("bartholomew", "bartholomaeus"), ("philip", "philippus"))},
}.items(), key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=4096)
def german_place_kinds(name: str) -> str:
    """A normalised place name with English kinds of place in German ("gesundbrunnen neighbourhood
    house" -> "gesundbrunnen nachbarschaftshaus"): two systems' names of one place then share words."""
    padded = f" {name} "
    for english, german in PLACE_KIND_TRANSLATIONS:
        if f" {english} " in padded:
            padded = padded.replace(f" {english} ", f" {german} ")
    return padded.strip()


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


# Words that hold a stem without meaning it: "transport" holds "sport", "digitalkurs" "talk",
# "participating" "patin", a "Lebenslauf" (CV) or an "Ablauf" (procedure) "lauf"
_FALSE_FRIENDS: Mapping[str, tuple[str, ...]] = {
    "sport": ("transport",), "talk": ("digital", "vital"), "patin": ("particip",),
    "lauf": ("lebenslauf", "ablauf", "verlauf", "anlauf", "umlauf", "vorlauf", "durchlauf", "zulauf"),
}


@lru_cache(maxsize=65536)  # words repeat across every offer of a city
def concepts_of_word(word: str) -> frozenset[str]:
    """Concepts a folded word contains, activities as "#..." and audiences as "@..."
    ("behoerdenbegleitung" -> #authorities, #accompaniment; "jugendliche" -> @youth)."""
    found: set[str] = set()
    for inside, flexible, exact, _ in _PARSED:
        if word in exact:
            found.add(exact[word])
        for stem, key in inside:
            if key not in found and stem in word and not _held_without_meaning(word, stem):
                found.add(key)
        for stem, key in flexible:
            if key not in found and _flexible_match(word, stem) and not _held_without_meaning(word, stem):
                found.add(key)
    return _with_activities_of_kinds(found)


# A word cut short with a full stop is read by the stems its end begins, from four letters on: "Dolm."
# (dolmetsch), "Arztbegl." (begleit), "Prakt.-Vermittl." (praktik). Three letters ("Ber.": Beratung or
# Betreuung?) begin too many words to tell.
_CUT_SHORTEST = 4
# Words that begin as stems do but name no activity themselves: "Förde." is more often "Förderung"
# (of language, of learning) than "Fördergeld", "Migr." "Migration" than an office for it
_GENERIC_STARTS = ("foerder", "migration", "integration")


def _stems_to_complete() -> tuple[tuple[str, str], ...]:
    return tuple((stem, key) for inside, flexible, exact, _ in _PARSED
                 for stem, key in (*inside, *flexible, *exact.items()) if len(stem) > _CUT_SHORTEST)


_STEMS_TO_COMPLETE = _stems_to_complete()


@lru_cache(maxsize=4096)
def concepts_of_cut_word(word: str) -> frozenset[str]:
    """Concepts of a folded word written cut short ("dolm", "arztbegl"): those it holds, and, if it names
    no activity, those of the longest end of it that begins a stem (the whole word, or what follows a
    first part that names something), if all such stems name one concept (or kinds of one activity,
    which then stands for them)."""
    found = set(concepts_of_word(word))
    if any(concept[0] == "#" for concept in found):
        return frozenset(found)  # "Radfahrk." is read by "radfahr"; its end "fahrk" is no "Fahrkarte"
    for start in range(len(word) - _CUT_SHORTEST + 1):
        if start and not concepts_of_word(word[:start]):
            continue  # an end is read after a first part that names something ("arzt|begl", "kinder|betr")
        end = word[start:]
        if any(generic.startswith(end) for generic in _GENERIC_STARTS):
            break
        keys = {key for stem, key in _STEMS_TO_COMPLETE if len(stem) > len(end) and stem.startswith(end)}
        if keys:
            roots = {key.split(":", 1)[0] for key in keys}
            if len(roots) == 1:  # one concept; of several kinds of one activity, the activity
                found |= keys if len(keys) == 1 else roots
            break
    return _with_activities_of_kinds(found)


def _held_without_meaning(word: str, stem: str) -> bool:
    return any(holder in word for holder in _FALSE_FRIENDS.get(stem, ()))


def _phrases_by_first_word() -> dict[str, tuple[tuple[str, str], ...]]:
    by_word: dict[str, list[tuple[str, str]]] = {}
    for _, _, _, phrases in _PARSED:
        for phrase, key in phrases:
            by_word.setdefault(phrase.split(" ", 1)[0], []).append((f" {phrase}", key))
    return {word: tuple(entries) for word, entries in by_word.items()}


# Every phrase has a space after its first word, so that word stands whole in the text: only the
# phrases starting with one of the text's words need a look (a few, not the lexicon's thousands).
_PHRASES_BY_FIRST_WORD = _phrases_by_first_word()


def _phrases_in(text: str) -> list[tuple[str, str]]:
    """The multi-word phrases a folded, spaced text contains, each with the concept it names."""
    padded = f" {text} "
    return [(phrase, key) for word in set(text.split()) for phrase, key in _PHRASES_BY_FIRST_WORD.get(word, ())
            if phrase in padded]


def concepts_of_phrases(text: str) -> frozenset[str]:
    """Concepts named by multi-word phrases ("first aid", "office visits") in folded, spaced text."""
    return _with_activities_of_kinds({key for _, key in _phrases_in(text)})


def phrases_of(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """`concepts_of_phrases`, and the words those phrases take up: such a word stands for its phrase's
    concept, not for its own ("deutsch cafe" is a conversation café, not a German course)."""
    found = _phrases_in(text)
    return (_with_activities_of_kinds({key for _, key in found}),
            frozenset(part for phrase, _ in found for part in phrase.split()))


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
    "neighbours": "nachbarn", "neighbors": "nachbarn", "together": "zusammen", "encounter": "begegnung",
    "friends refugees": "freundeskreis asyl", "mentors circle": "patenkreis", "mentor circle": "patenkreis",
    "mentoring circle": "patenkreis", "volunteer centre": "freiwilligenagentur",
    "volunteer center": "freiwilligenagentur", "volunteer agency": "freiwilligenagentur",
    "volunteers agency": "freiwilligenagentur",
    "evangelisch freikirchliche gemeinde": "efg", "baptistengemeinde": "efg", "baptist church": "efg",
    "baptisten": "efg", "amt soziales": "sozialamt", "fluehi": "fluechtlingshilfe",
    # common words of group names, English to German, and one name for the integration office
    "neighbourhood": "nachbarschaft", "neighborhood": "nachbarschaft", "network": "netzwerk",
    "helpers circle": "helferkreis", "helper circle": "helferkreis", "circle of helpers": "helferkreis",
    "refugee aid": "fluechtlingshilfe", "refugee help": "fluechtlingshilfe", "refugee support": "fluechtlingshilfe",
    "amt integration": "integrationsamt", "integrationsbuero": "integrationsamt", "integration office": "integrationsamt",
    "office integration": "integrationsamt", "integrationsstelle": "integrationsamt",
    "youth office": "jugendamt", "youth welfare office": "jugendamt", "social welfare office": "sozialamt",
    "youth centre": "jugendzentrum", "youth center": "jugendzentrum", "family centre": "familienzentrum",
    "family center": "familienzentrum", "women": "frauen", "womens": "frauen", "women s": "frauen", "mosque": "moschee",
    "citizens association": "buergerverein", "civic association": "buergerverein",
    "housing cooperative": "wbg", "housing association": "wbg", "wohnungsbaugenossenschaft": "wbg",
    "wohnungsgenossenschaft": "wbg", "baugenossenschaft": "wbg",
    "cultural association": "kulturverein", "cultural centre": "kulturzentrum", "cultural center": "kulturzentrum",
    "open workshop": "offene werkstatt", "workshop": "werkstatt", "meeting point": "treff",
    "mentoring network": "patennetz", "mentorship network": "patennetz", "patenschaftsnetz": "patennetz",
    "patenschaftsnetzwerk": "patennetz", "patennetzwerk": "patennetz",
    "german arab": "deutsch arabisch", "german arabic": "deutsch arabisch", "german turkish": "deutsch tuerkisch",
    "dw": "diakonie",
    "munich": "muenchen", "cologne": "koeln", "nuremberg": "nuernberg", "hanover": "hannover",
    "brunswick": "braunschweig", "frankfurt am main": "frankfurt", "frankfurt main": "frankfurt",
    "dusseldorf": "duesseldorf",
}

# Words that say how an organisation is structured, not which one it is.
ORGANISATION_STRUCTURE_WORDS = frozenset(
    """
    kreisverband ortsverband ortsverein regionalverband stadtverband landesverband bezirksverband
    kreisverein ortsgruppe kv ov rv geschaeftsstelle zentrale stadt city fuer die der den of the stadtgliederung
    association verein luth for
    """.split()
)


def canonical_organisation(normalised: str) -> str:
    """A normalised organisation name in its short canonical form ("arbeiterwohlfahrt kreisverband
    berlin" -> "awo berlin", "german red cross nuremberg" -> "drk nuernberg")."""
    text = f" {normalised} "
    for phrase in _ALIASES_LONGEST_FIRST:
        # a long single word also inside a compound ("Caritasverband"), a short one ("DW", "MHD")
        # only on its own: "dw" inside "Handwerk" is no Diakonisches Werk
        if f" {phrase} " in text or (" " not in phrase and len(phrase) >= 5 and phrase in text):
            text = text.replace(phrase, ORGANISATION_ALIASES[phrase])
    words = [word for word in text.split() if word not in ORGANISATION_STRUCTURE_WORDS and not word.isdigit()]
    return " ".join(words) or normalised


_ALIASES_LONGEST_FIRST = tuple(sorted(ORGANISATION_ALIASES, key=len, reverse=True))
