"""Small facts about one real offer (free of charge, registration, access ...), in German and English.

Every listing of an offer repeats some of its facts, and two different offers of the same activity
seldom have the same ones: this is what tells apart, in real texts, a second group from a re-post.
"""

from __future__ import annotations

import random

Fact = tuple[str, str]  # (German, English)

# one alternative per group at most, so an offer never says both "free" and "3 euros"
FACT_GROUPS: tuple[tuple[Fact, ...], ...] = (
    (("Die Teilnahme ist kostenlos.", "Free of charge."),
     ("Wir bitten um eine kleine Spende für Material.", "A small donation for materials is welcome."),
     ("Kostenbeitrag: 2 Euro pro Termin.", "Fee: 2 euros per session.")),
    (("Eine Anmeldung ist nicht nötig.", "No need to register."),
     ("Bitte melden Sie sich vorher an.", "Please register in advance."),
     ("Die Plätze sind begrenzt, Anmeldung erforderlich.", "Places are limited, registration required."),
     ("Einstieg jederzeit möglich.", "You can join at any time.")),
    (("Die Räume sind barrierefrei.", "The rooms are wheelchair accessible."),
     ("Der Raum liegt im ersten Stock ohne Aufzug.", "The room is on the first floor, no lift."),
     ("Eingang über den Hof.", "Entrance through the courtyard."),
     ("Eingang neben dem Spielplatz.", "Entrance next to the playground.")),
    (("Kinder können mitgebracht werden.", "Children are welcome to come along."),
     ("Parallel gibt es eine Kinderbetreuung.", "Childcare is available at the same time."),
     ("Tee und Kaffee stehen bereit.", "Tea and coffee are provided."),
     ("Bitte bringen Sie Ihren Ausweis mit.", "Please bring your ID.")),
    (("Das Angebot wird von Ehrenamtlichen aus dem Viertel getragen.", "Run by volunteers from the neighbourhood."),
     ("Neue Helferinnen und Helfer sind jederzeit willkommen.", "New volunteers are always welcome."),
     ("Gefördert durch das Programm Integration im Quartier.", "Funded by the Integration in the Neighbourhood programme."),
     ("In Kooperation mit dem Quartiersmanagement.", "In cooperation with the neighbourhood management."),
     ("Wir suchen noch Verstärkung für das Team.", "We are looking for more volunteers to join the team.")),
    (("In den Schulferien findet das Angebot nicht statt.", "Not during school holidays."),
     ("Auch in den Ferien geöffnet.", "Also open during the holidays."),
     ("Bei schönem Wetter draußen.", "Outdoors when the weather is good.")),
)


def pick_facts(rng: random.Random) -> tuple[Fact, ...]:
    """Two or three facts of different groups for one real offer."""
    groups = rng.sample(FACT_GROUPS, rng.choice((2, 2, 3)))
    return tuple(rng.choice(group) for group in groups)


def some_facts(rng: random.Random, facts: tuple[Fact, ...], english: bool) -> list[str]:
    """The facts one listing repeats: most, in its language."""
    return [fact[1] if english else fact[0] for fact in facts if rng.random() < 0.7]
