"""Activities: what an offer is about, with the titles and short texts people write for it.

Each activity carries the category a careful system chooses (``cat``) and the neighbouring ones a
sloppier system picks (``alt``), the organisation roles that typically run it (``roles``), how it
recurs (``rhythm``: weekly, twice, biweekly, monthly, office, appointment, course) and German and
English titles in several registers. The table below is three lines per activity:

    key | category | sloppy categories | roles | rhythm minutes | target groups | own brand names | one-off special (de; en)
      German titles || English titles
      German text || English text
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Activity:
    key: str
    cat: str
    alt: tuple[str, ...]
    roles: tuple[str, ...]
    rhythm: str
    dur: int
    de: tuple[str, ...]
    en: tuple[str, ...]
    bde: str
    ben: str
    tg: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    special_de: str = "Sonderveranstaltung"
    special_en: str = "special event"


TABLE = """
# language_education
sprachcafe | language_education | leisure_sport everyday_help | welfare church initiative library volunteer | weekly 120 | - | Café Kontakt; Plauderstube; Café Babylon; Wortwechsel | Sommerfest im Sprachcafé; summer party at the language café
  Sprachcafé; Sprachcafe; Deutsch-Café; Café der Sprachen; Sprach- und Begegnungscafé || Language Café; German conversation café; Language cafe
  Deutsch üben in gemütlicher Runde bei Tee und Kuchen. Alle Sprachniveaus sind willkommen, eine Anmeldung ist nicht nötig. || Practise German over tea and cake. All levels are welcome, no need to register.
deutsch_a1 | language_education | work_training | school welfare muni | course 180 | - | - | Einstufungstag; placement test day
  Deutschkurs A1; Deutsch für Anfänger; Deutschkurs für Einsteiger; Deutsch A1 – Grundkurs || German course A1; German for beginners; Beginners' German
  Ehrenamtlich geleiteter Deutschkurs für alle, die noch keinen Platz im Integrationskurs haben. Lehrmaterial wird gestellt. || Volunteer-run German course for people still waiting for an integration course. Books are provided.
deutsch_konv | language_education | leisure_sport | school initiative church library | weekly 90 | - | - | -
  Konversationskurs Deutsch; Deutsch sprechen B1/B2; Gesprächsrunde Deutsch; Deutsch-Stammtisch || German conversation group; Conversation class (B1/B2); German speaking practice
  Für Fortgeschrittene: wir sprechen über Alltag, Nachrichten und Arbeit und üben freies Sprechen. || For advanced learners: we talk about everyday life, news and work and practise speaking freely.
tandem | language_education | accompaniment_interpreting leisure_sport | volunteer initiative library | appointment 60 | - | - | -
  Sprachpatenschaft; Sprachtandem; Tandem Deutsch; Sprachpaten gesucht und vermittelt || Language tandem; Language buddy programme; German tandem partners
  Wir vermitteln Sprachpatinnen und -paten, die sich einmal pro Woche mit Neuangekommenen treffen. || We match volunteers with newcomers who meet once a week to practise German.
hausaufgaben | language_education | childcare | welfare church initiative school library family | twice 120 | children | Lernoase; Lernwerkstatt; Schlaue Füchse | -
  Hausaufgabenhilfe; Hausaufgabenbetreuung; Lernhilfe; Nachhilfe für Schulkinder; Lerncafé || Homework help; Homework club; Tutoring for school children
  Ehrenamtliche helfen Schulkindern bei den Hausaufgaben und beim Lernen für Tests. || Volunteers help school children with their homework and revision.
nachhilfe_jugend | language_education | work_training | initiative welfare volunteer | weekly 90 | youth | - | -
  Nachhilfe Mathe und Deutsch; Lernförderung für Jugendliche; Nachhilfe (Sek I) || Maths and German tutoring; Tutoring for teenagers
  Kostenlose Nachhilfe für Jugendliche der Klassen 5 bis 10, vor allem Mathe, Deutsch und Englisch. || Free tutoring for pupils in years 5 to 10, mainly maths, German and English.
alpha | language_education | work_training | school welfare | course 120 | - | - | -
  Alphabetisierungskurs; Lesen und Schreiben lernen; Alpha-Kurs || Literacy course; Learning to read and write
  Kurs für Erwachsene, die das lateinische Alphabet lernen möchten. Kleine Gruppe, viel Geduld. || Course for adults who want to learn the Latin alphabet. Small group, lots of patience.
vorlesen | language_education | childcare leisure_sport | library church volunteer | weekly 60 | children | - | -
  Vorlesestunde; Lesepaten; Mehrsprachiges Vorlesen; Bilderbuchkino || Story time; Multilingual reading for kids; Reading buddies
  Geschichten in einfachem Deutsch und anderen Sprachen für Kinder von 3 bis 8 Jahren. || Stories in simple German and other languages for children aged 3 to 8.
computerkurs | language_education | work_training everyday_help | library school volunteer | weekly 120 | - | - | -
  Computerkurs für Einsteiger; PC-Grundkurs; Digital-Treff || Computer basics; Computer course for beginners
  Grundlagen am Computer: E-Mail, Internet, Formulare online ausfüllen. || Computer basics: e-mail, the internet, filling in forms online.
# accompaniment_interpreting
behoerdenbegleitung | accompaniment_interpreting | everyday_help | initiative welfare volunteer church | appointment 120 | - | - | -
  Begleitung zu Ämtern; Behördenbegleitung; Behördenlotsen; Begleitung zu Behörden und Terminen || Accompaniment to authorities; Help with appointments at public offices
  Ehrenamtliche begleiten zu Ausländerbehörde, Jobcenter oder Bank und helfen beim Verstehen. || Volunteers go with you to the immigration office, job centre or bank and help you understand.
dolmetschen | accompaniment_interpreting | everyday_help health | welfare muni volunteer | appointment 60 | - | - | -
  Dolmetscherpool; Sprachmittlung; Ehrenamtliche Dolmetscher; Sprach- und Kulturmittler || Interpreting service; Volunteer interpreters; Community interpreters
  Vermittlung ehrenamtlicher Sprachmittlerinnen für Gespräche in Schule, Kita und Beratung. || We arrange volunteer interpreters for meetings at school, nursery or counselling.
arztbegleitung | accompaniment_interpreting | health | initiative welfare | appointment 90 | - | - | -
  Begleitung zum Arzt; Arztbegleitung; Begleitung zu Arztterminen || Accompaniment to doctor's appointments; Doctor visit support
  Wir begleiten zu Arztterminen und helfen bei der Verständigung. || We accompany you to medical appointments and help with communication.
paten | accompaniment_interpreting | everyday_help leisure_sport | initiative church volunteer | appointment 120 | families | - | -
  Patenschaften für Familien; Integrationslotsen; Willkommenspaten; Familienpatenschaft || Mentoring for families; Welcome mentors; Integration guides
  Patinnen und Paten unterstützen Familien beim Ankommen, ganz praktisch und auf Augenhöhe. || Mentors help families settle in, practically and as equals.
# housing
wohnungssuche | housing | everyday_help | welfare initiative muni | office 180 | - | - | -
  Hilfe bei der Wohnungssuche; Wohnungslotsen; Wohnraumberatung; Sprechstunde Wohnen || Help finding a flat; Housing advice; Flat search support
  Beratung zur Wohnungssuche: Anzeigen verstehen, Bewerbungsmappe, Besichtigungen vorbereiten. || Advice on finding a flat: reading adverts, application papers, preparing for viewings.
umzugshilfe | housing | donations_in_kind everyday_help | initiative church | appointment 240 | - | - | -
  Umzugshilfe; Hilfe beim Umzug; Umzugsteam || Moving help; Help with moving house
  Unser Team hilft beim Umzug aus der Unterkunft in die erste eigene Wohnung. || Our team helps with moving from the shelter into the first flat.
mieterfuehrerschein | housing | language_education | welfare muni | course 120 | - | - | -
  Mieterführerschein; Wohnführerschein; Kurs: Richtig wohnen in Deutschland || Tenant's licence course; Renting in Germany course
  Kurs zu Mietvertrag, Nebenkosten, Heizen und Lüften, Mülltrennung. Mit Zertifikat. || Course on tenancy agreements, utility costs, heating, airing and waste sorting. Certificate included.
# donations_in_kind
moebel | donations_in_kind | housing | welfare initiative church | office 180 | - | Möbelkammer; Möbel-Oase | -
  Möbelbörse; Möbellager; Möbelspenden-Vermittlung; Gebrauchtmöbel-Lager || Furniture store; Second-hand furniture; Furniture donations
  Gespendete Möbel und Haushaltsgeräte für Menschen, die eine Wohnung einrichten. Abholung nach Absprache. || Donated furniture and appliances for people furnishing a flat. Pick-up by arrangement.
fahrradspenden | donations_in_kind | mobility | bike initiative | monthly 180 | - | - | -
  Fahrradausgabe; Fahrräder für Geflüchtete; Fahrradspenden-Ausgabe || Bicycle hand-out; Bikes for refugees
  Gespendete Fahrräder werden verkehrssicher gemacht und gegen eine kleine Schutzgebühr abgegeben. || Donated bikes are made roadworthy and handed out for a small fee.
haushaltswaren | donations_in_kind | clothing everyday_help | church welfare initiative | weekly 120 | - | - | -
  Sachspendenausgabe; Haushaltswaren-Ausgabe; Spendenlager; Umsonstladen || Household goods hand-out; Free shop; Donations store
  Ausgabe von Geschirr, Bettwäsche, Spielzeug und Kleingeräten an Bedürftige. || Free dishes, bed linen, toys and small appliances for people in need.
lebensmittel | donations_in_kind | everyday_help | church welfare | weekly 150 | - | - | -
  Lebensmittelausgabe; Tafel-Ausgabestelle; Lebensmittel-Verteilung || Food bank; Food distribution
  Lebensmittelausgabe für Menschen mit geringem Einkommen, bitte Berechtigungsnachweis mitbringen. || Food distribution for people on low incomes, please bring proof of entitlement.
# clothing
kleiderkammer | clothing | donations_in_kind | welfare church initiative | twice 150 | - | Kleiderkiste; Anziehungspunkt; Jacke wie Hose | Sonderverkauf Winterkleidung; winter clothes sale
  Kleiderkammer; Kleiderstube; Kleiderladen; Second-Hand-Laden; Kleiderausgabe || Clothes store; Free clothing store; Second-hand clothes
  Gut erhaltene Kleidung für Erwachsene und Kinder, Schuhe und Bettwäsche gegen kleinen Beitrag oder kostenlos. || Good second-hand clothes for adults and children, shoes and bedding, free or for a small contribution.
kinderbasar | clothing | donations_in_kind childcare | church family | monthly 180 | families | - | -
  Kinderkleiderbasar; Baby- und Kinderbasar; Kinderkleidertausch || Children's clothes bazaar; Kids' clothes swap
  Tauschbörse für Kinderkleidung, Schuhe und Spielsachen. || Swap market for children's clothes, shoes and toys.
naehcafe | clothing | leisure_sport | women initiative family | weekly 150 | - | - | -
  Nähcafé; Nähtreff; Nähwerkstatt; Reparatur- und Nähtreff || Sewing café; Sewing workshop
  Gemeinsam nähen, flicken und ändern. Nähmaschinen sind vorhanden. || Sew, mend and alter clothes together. Sewing machines provided.
# childcare
krabbelgruppe | childcare | leisure_sport | family church welfare | weekly 90 | families children | - | -
  Eltern-Kind-Gruppe; Krabbelgruppe; Spielgruppe für Kleinkinder; Mutter-Kind-Treff || Parent and toddler group; Playgroup
  Offene Gruppe für Eltern mit Kindern bis drei Jahre: spielen, singen, austauschen. || Open group for parents with children under three: play, sing, chat.
kinderbetreuung_kurs | childcare | language_education | school welfare family | course 180 | children | - | -
  Kinderbetreuung während des Deutschkurses; Kursbegleitende Kinderbetreuung; Kinderbetreuung parallel zum Kurs || Childcare during German class; Crèche alongside the course
  Während die Eltern im Kurs sind, betreuen Ehrenamtliche die Kinder im Nebenraum. || While parents attend class, volunteers look after the children next door.
ferienprogramm | childcare | leisure_sport | youth welfare muni | course 360 | children | - | -
  Ferienbetreuung; Ferienprogramm für Kinder; Sommerferien-Betreuung || Holiday club; Summer holiday programme for kids
  Betreuung mit Ausflügen, Spielen und Basteln in den Schulferien. || Supervised holiday programme with trips, games and crafts.
# leisure_sport
fussball | leisure_sport | - | sport initiative youth | weekly 90 | youth | - | Fußballturnier; football tournament
  Fußballtraining; Offenes Fußballtraining; Fußball für alle; Kicken || Football training; Open football; Soccer for everyone
  Offenes Training für alle, die Lust auf Fußball haben. Sportkleidung mitbringen. || Open training for anyone who enjoys football. Bring sportswear.
schwimmen | leisure_sport | health | sport women welfare | weekly 60 | - | - | -
  Schwimmkurs; Schwimmen lernen; Schwimmgruppe || Swimming lessons; Learn to swim
  Schwimmkurs mit ausgebildeten Trainerinnen in kleinen Gruppen. || Swimming lessons with qualified coaches in small groups.
kochen | leisure_sport | - | initiative church women family | monthly 180 | - | Kochtopf International; Tischlein deck dich | -
  Interkulturelles Kochen; Kochtreff; Gemeinsam kochen; Internationale Küche || Intercultural cooking; Cooking together; International kitchen
  Wir kochen Gerichte aus aller Welt und essen zusammen. Zutaten werden gestellt. || We cook dishes from around the world and eat together. Ingredients provided.
frauentreff | leisure_sport | everyday_help | women welfare church initiative | weekly 120 | women | Frauen-Oase; Café Mondial | -
  Frauentreff; Frauencafé; Internationales Frauenfrühstück; Treffpunkt für Frauen || Women's group; Women's café; International women's breakfast
  Ein geschützter Raum nur für Frauen: Austausch, Ausflüge, Information. Kinder sind willkommen. || A safe space for women only: conversation, outings, information. Children welcome.
begegnungscafe | leisure_sport | language_education | church initiative civic | weekly 150 | - | Café Welcome; Café Miteinander | Nachbarschaftsfest; neighbourhood party
  Begegnungscafé; Café International; Nachbarschaftscafé; Offener Treff || Meeting café; Neighbourhood café; International café
  Nachbarn und Neuangekommene treffen sich bei Kaffee, Spielen und Gesprächen. || Neighbours and newcomers meet for coffee, games and conversation.
chor | leisure_sport | - | church initiative | weekly 90 | - | - | -
  Internationaler Chor; Chor der Kulturen; Singkreis || International choir; Choir of cultures
  Wir singen Lieder aus vielen Ländern. Keine Vorkenntnisse nötig. || We sing songs from many countries. No experience needed.
garten | leisure_sport | - | initiative church civic | weekly 150 | - | - | -
  Interkultureller Garten; Gemeinschaftsgarten; Gartenprojekt || Intercultural garden; Community garden
  Gemeinsam gärtnern: Beete anlegen, ernten, voneinander lernen. || Gardening together: planting beds, harvesting, learning from each other.
ausfluege | leisure_sport | - | initiative welfare | monthly 300 | - | - | -
  Ausflüge in die Umgebung; Wanderungen und Ausflüge; Ausflugsgruppe || Day trips; Excursions and walks
  Einmal im Monat gemeinsame Ausflüge in die Region, Fahrtkosten werden übernommen. || Monthly trips into the region, travel costs covered.
maedchensport | leisure_sport | childcare | sport youth women | weekly 90 | youth women | - | -
  Mädchensport; Sport für Mädchen; Girls-Fitness || Girls' sport; Sports club for girls
  Sport und Spiel nur für Mädchen von 10 bis 16 Jahren, mit Trainerin. || Sport and games for girls aged 10 to 16, with a female coach.
spieletreff | leisure_sport | childcare | youth library family | weekly 120 | - | - | -
  Spielenachmittag; Spieletreff; Offener Spieletreff || Games afternoon; Board game club
  Brettspiele, Kartenspiele und Tischkicker für Groß und Klein. || Board games, card games and table football for all ages.
kreativ | leisure_sport | childcare | youth family initiative | weekly 120 | - | - | -
  Kreativwerkstatt; Malen und Basteln; Kunstwerkstatt || Creative workshop; Arts and crafts
  Malen, Basteln und Gestalten mit verschiedenen Materialien. || Painting, crafts and making things with all kinds of materials.
# health
gesundheitslotsen | health | accompaniment_interpreting | welfare muni | office 120 | - | - | -
  Gesundheitslotsen; Sprechstunde Gesundheit; Gesundheitsberatung für Zugewanderte || Health guides; Health information desk
  Informationen zum Gesundheitssystem: Arztsuche, Krankenversicherung, Vorsorge. || Information on the health system: finding a doctor, health insurance, check-ups.
hebamme | health | childcare | family welfare | office 120 | women families | - | -
  Hebammensprechstunde; Offene Hebammensprechstunde; Beratung rund um Schwangerschaft || Midwife drop-in; Pregnancy advice
  Eine Hebamme beantwortet Fragen rund um Schwangerschaft, Geburt und Baby. || A midwife answers questions about pregnancy, birth and babies.
erstehilfe | health | support_training | welfare | monthly 480 | - | - | -
  Erste-Hilfe-Kurs; Erste Hilfe mehrsprachig; Erste Hilfe am Kind || First aid course; Multilingual first aid
  Eintägiger Erste-Hilfe-Kurs mit Übersetzung, gültig für den Führerschein. || One-day first aid course with interpreting, valid for the driving licence.
# psychotherapy
psychosozial | psychotherapy | health | psycho welfare | office 180 | - | - | -
  Psychosoziale Beratung; Traumaberatung; Psychologische Sprechstunde || Psychosocial counselling; Trauma counselling
  Fachkräfte bieten psychologische Erstgespräche und vermitteln Therapieplätze, auch mit Sprachmittlung. || Professionals offer first psychological consultations and refer to therapy, with interpreters.
traumagruppe | psychotherapy | health leisure_sport | psycho | weekly 90 | - | - | -
  Stabilisierungsgruppe; Gruppe für traumatisierte Geflüchtete; Therapeutische Gesprächsgruppe || Stabilisation group; Therapeutic group
  Angeleitete Gruppe zur Stabilisierung nach belastenden Erlebnissen, Aufnahme nach Vorgespräch. || Guided group for stabilisation after distressing experiences, intake after a first talk.
# legal_asylum_counselling
asylberatung | legal_asylum_counselling | everyday_help | welfare legal church | office 180 | - | - | -
  Asylverfahrensberatung; Asylberatung; Offene Sprechstunde Asyl; Verfahrensberatung || Asylum counselling; Asylum procedure advice
  Unabhängige Beratung im Asylverfahren: Anhörung, Bescheid, Fristen, Klage. || Independent advice on the asylum procedure: interview, decision, deadlines, appeal.
migrationsberatung | legal_asylum_counselling | everyday_help work_training | welfare | office 240 | - | - | -
  Migrationsberatung für Erwachsene; Migrationsberatung (MBE); Beratung für Zugewanderte || Migration counselling; Advice for migrants
  Beratung zu Aufenthalt, Familiennachzug, Integrationskurs und Sozialleistungen. || Advice on residence, family reunification, integration courses and benefits.
lawclinic | legal_asylum_counselling | - | legal | weekly 120 | - | - | -
  Refugee Law Clinic; Kostenlose Rechtsberatung; Rechtsberatung für Geflüchtete || Refugee Law Clinic; Free legal advice
  Studierende beraten unter anwaltlicher Aufsicht zu Aufenthalts- und Sozialrecht. || Law students advise on residence and social law under a lawyer's supervision.
# work_training
bewerbung | work_training | language_education | welfare volunteer school | weekly 120 | - | Job-Kompass; Bewerbungsbüro | -
  Bewerbungswerkstatt; Bewerbungstraining; Hilfe bei Bewerbungen; Bewerbungscafé || Job application workshop; CV and application help
  Lebenslauf schreiben, Anschreiben formulieren, Vorstellungsgespräch üben. || Writing your CV and cover letter, practising job interviews.
jobcafe | work_training | leisure_sport | volunteer muni welfare | monthly 120 | - | - | -
  Jobcafé; Job-Treff; Arbeitsmarkt-Café || Job café; Jobs meet-up
  Arbeitgeber aus der Region stellen sich vor, danach Gespräche in lockerer Runde. || Local employers introduce themselves, then informal conversations.
anerkennung | work_training | legal_asylum_counselling | muni welfare | office 180 | - | - | -
  Anerkennungsberatung; Beratung Anerkennung ausländischer Abschlüsse; Anerkennung von Berufsabschlüssen || Recognition of foreign qualifications; Qualification recognition advice
  Wir prüfen, wie Ihr Berufs- oder Studienabschluss in Deutschland anerkannt werden kann. || We check how your vocational or university degree can be recognised in Germany.
berufsorientierung | work_training | language_education | youth school welfare | weekly 120 | youth | - | -
  Berufsorientierung für Jugendliche; Ausbildungslotsen; Fit für die Ausbildung || Career guidance for young people; Apprenticeship guides
  Praktikumssuche, Berufe kennenlernen, Unterstützung bis zum Ausbildungsvertrag. || Finding internships, exploring jobs, support until the apprenticeship contract.
# mobility
fahrradwerkstatt | mobility | donations_in_kind leisure_sport | bike initiative youth | weekly 180 | - | Rückenwind; Speiche; Radlager | Fahrrad-Reparaturtag; bike repair day
  Fahrradwerkstatt; Offene Fahrradwerkstatt; Fahrrad-Selbsthilfewerkstatt; Radwerkstatt || Bike workshop; Bicycle repair workshop; DIY bike repair
  Gemeinsam Fahrräder reparieren: Werkzeug und Ersatzteile sind da, Ehrenamtliche zeigen wie es geht. || Repair bikes together: tools and spare parts available, volunteers show you how.
radfahrkurs | mobility | leisure_sport | bike women | course 90 | women | - | -
  Radfahrkurs für Frauen; Fahrradfahren lernen; Radfahrschule || Cycling course for women; Learn to ride a bike
  Radfahren lernen in geschütztem Rahmen, Fahrräder werden gestellt. || Learn to ride a bike in a safe setting, bikes provided.
fuehrerschein | mobility | language_education work_training | school volunteer | weekly 90 | - | - | -
  Führerschein-Theorie lernen; Theorie-Lerngruppe Führerschein; Fahrschulbegleitung || Driving theory study group; Driving licence theory help
  Lerngruppe für die theoretische Führerscheinprüfung mit Erklärungen in einfacher Sprache. || Study group for the driving theory test, explained in plain language.
# everyday_help
formularhilfe | everyday_help | accompaniment_interpreting legal_asylum_counselling | welfare initiative church library | office 120 | - | Papierkram-Café; Formular-Sprechstunde | -
  Formularhilfe; Hilfe bei Anträgen; Sprechstunde Papierkram; Briefe verstehen || Help with forms; Paperwork help desk; Help with letters and forms
  Wir helfen beim Ausfüllen von Anträgen und beim Verstehen von Briefen von Ämtern. || We help you fill in forms and understand official letters.
handysprechstunde | everyday_help | language_education | library volunteer youth | weekly 120 | - | - | -
  Handy-Sprechstunde; Smartphone-Hilfe; Digitalsprechstunde || Smartphone help desk; Digital help
  Hilfe mit Smartphone, Apps, Online-Terminen und E-Mail. || Help with smartphones, apps, online appointments and e-mail.
alltagsbegleitung | everyday_help | accompaniment_interpreting | initiative church volunteer | appointment 120 | - | - | -
  Alltagsbegleitung; Alltagshilfe für Neuangekommene; Hilfe im Alltag || Everyday support; Help with everyday life
  Unterstützung bei Einkauf, Kontoeröffnung, Anmeldung beim Arzt oder in der Schule. || Help with shopping, opening a bank account, registering with a doctor or school.
offene_sprechstunde | everyday_help | legal_asylum_counselling | welfare muni initiative | office 180 | - | - | -
  Offene Sprechstunde; Beratungscafé; Anlaufstelle für Geflüchtete || Drop-in advice; Advice café; Drop-in centre for refugees
  Ohne Termin vorbeikommen: Fragen zu Alltag, Schule, Arbeit und Ämtern. || Drop in without an appointment: questions about daily life, school, work and offices.
# support_rooms
raeume | support_rooms | - | muni church civic | appointment 240 | - | - | -
  Räume für Initiativen; Raumvergabe für Ehrenamtsgruppen; Gruppenraum zu vergeben || Rooms for volunteer groups; Meeting rooms for initiatives
  Initiativen können unsere Gruppenräume kostenlos für Treffen und Kurse nutzen. || Initiatives can use our group rooms free of charge for meetings and classes.
lager | support_rooms | donations_in_kind | muni welfare | appointment 240 | - | - | -
  Lagerraum für Sachspenden; Lagerfläche für Initiativen || Storage space for donations; Storage room for initiatives
  Trockener Lagerraum für Sachspenden, Zugang nach Absprache. || Dry storage for donations, access by arrangement.
# support_materials
lehrmaterial | support_materials | language_education | library school volunteer | office 180 | - | - | -
  Ausleihe von Lehrmaterial; Materialpool Deutschunterricht; Lehrbuch-Ausleihe für Ehrenamtliche || Teaching materials library; Course book lending for volunteers
  Lehrbücher, Wörterbücher und Spiele für Ehrenamtliche im Deutschunterricht zum Ausleihen. || Course books, dictionaries and games for volunteer teachers to borrow.
technik | support_materials | - | volunteer muni | appointment 60 | - | - | -
  Technikverleih für Initiativen; Beamer- und Laptopverleih || Equipment lending for initiatives; Projector and laptop loan
  Beamer, Laptops, Moderationskoffer und Pavillons für Vereine und Initiativen. || Projectors, laptops, facilitation kits and gazebos for groups.
# support_training
ehrenamtsschulung | support_training | - | volunteer welfare muni | monthly 240 | - | - | -
  Schulung für Ehrenamtliche; Einführungsseminar Ehrenamt; Qualifizierung für Ehrenamtliche in der Flüchtlingshilfe || Training for volunteers; Induction for volunteers
  Grundlagen zu Asylrecht, Rollen und Grenzen im Ehrenamt, interkultureller Kommunikation. || Basics of asylum law, roles and limits of volunteering, intercultural communication.
supervision | support_training | psychotherapy | volunteer psycho welfare | monthly 120 | - | - | -
  Supervision für Ehrenamtliche; Austauschrunde mit Supervision; Intervision für Helfende || Supervision for volunteers; Peer support for helpers
  Begleitete Austauschrunde für Ehrenamtliche, um Erlebtes zu verarbeiten. || Guided peer group for volunteers to reflect on their experiences.
# support_insurance
versicherung | support_insurance | support_funding_advice | muni volunteer | appointment 30 | - | - | -
  Informationen zur Ehrenamtsversicherung; Versicherungsschutz im Ehrenamt; Sammelversicherung für Ehrenamtliche || Volunteer insurance information; Insurance cover for volunteers
  Wer ist im Ehrenamt versichert? Beratung zu Haftpflicht- und Unfallversicherung. || Who is insured as a volunteer? Advice on liability and accident insurance.
# support_funding_advice
foerderberatung | support_funding_advice | support_training | muni volunteer | office 120 | - | - | -
  Förderberatung für Initiativen; Beratung zu Fördermitteln; Mikroprojekte-Förderung || Funding advice for initiatives; Grants advice
  Beratung zu Förderprogrammen, Antragstellung und Abrechnung für kleine Projekte. || Advice on funding programmes, applications and reporting for small projects.
"""


def _words(cell: str) -> tuple[str, ...]:
    return () if cell == "-" else tuple(cell.split())


def _items(cell: str) -> tuple[str, ...]:
    return () if cell == "-" else tuple(x.strip() for x in cell.split(";"))


def _parse(table: str) -> list[Activity]:
    rows = [line for line in table.strip().splitlines() if not line.startswith("#")]
    out = []
    for head, titles, texts in zip(rows[0::3], rows[1::3], rows[2::3]):
        key, cat, alt, roles, rhythm, tg, brands, special = (c.strip() for c in head.split(" | "))
        de, en = (_items(t) for t in titles.strip().split(" || "))
        bde, ben = (t.strip() for t in texts.strip().split(" || "))
        sp = _items(special) or ("Sonderveranstaltung", "special event")
        out.append(Activity(key, cat, _words(alt), _words(roles), rhythm.split()[0], int(rhythm.split()[1]), de, en,
                            bde, ben, _words(tg), _items(brands), sp[0], sp[1]))
    return out


ACTIVITIES: list[Activity] = _parse(TABLE)
BY_KEY = {a.key: a for a in ACTIVITIES}

# labels that split one activity into sibling offers: (German suffix, English suffix, target groups)
GROUP_LABELS = [("Anfänger", "beginners", ()), ("Fortgeschrittene", "advanced", ()),
                ("Gruppe 1", "group 1", ()), ("Gruppe 2", "group 2", ())]
AUDIENCE_LABELS = [("für Frauen", "for women", ("women",)), ("für Jugendliche", "for young people", ("youth",)),
                   ("für Kinder", "for children", ("children",)), ("für Familien", "for families", ("families",))]

# which audiences an activity is split into by the same organisation at the same place
SIBLING_AUDIENCES = {
    "sprachcafe": ("women", "youth"), "deutsch_a1": ("women", "youth"), "deutsch_konv": ("women", "youth"),
    "schwimmen": ("women", "children", "youth"), "fussball": ("children", "youth", "women"),
    "computerkurs": ("women", "youth"), "kreativ": ("children", "youth", "families"),
    "fahrradwerkstatt": ("women", "youth"), "kochen": ("women", "families", "youth"), "bewerbung": ("youth", "women"),
    "spieletreff": ("children", "families"), "begegnungscafe": ("women", "families"),
}
SPORTY = ("fussball", "schwimmen", "maedchensport")

# programme names run by different local carriers in different towns (invented)
PROGRAMMES = [
    ("Mütter lernen Deutsch", "Mothers learn German", "deutsch_a1", ("women",)),
    ("Nachbarschaftslotsen", "Neighbourhood guides", "alltagsbegleitung", ()),
    ("Bildungsbrücke", "Education bridge", "hausaufgaben", ("children",)),
    ("Mobil im Alltag", "Mobile every day", "radfahrkurs", ("women",)),
    ("Job-Kompass", "Job compass", "bewerbung", ()),
    ("Willkommen im Verein", "Welcome to the club", "fussball", ("youth",)),
    ("Lesefreunde", "Reading friends", "vorlesen", ("children",)),
]

EXTRA_LANGS = ["ar", "uk", "ru", "fa", "tr", "ku", "ti", "ps", "so", "fr", "en"]
