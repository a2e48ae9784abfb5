"""Clusters without chaining: one organisation's different roles stay apart, one role posted thrice is one cluster."""

from __future__ import annotations

from hub.engine.dedupe.batch import find_duplicate_clusters
from hub.engine.dedupe.coherence import coherent_clusters
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.scoring import score_pair

from tests.engine.dedupe.factories import profile

INTRO = ("Die Nachbarschaftshilfe Lindenau unterstützt seit 2015 Neuangekommene im Stadtteil. "
         "Wir sind ein offenes Team aus Ehrenamtlichen und freuen uns über jede helfende Hand. ")
ORGANISATION = {"name": "Nachbarschaftshilfe Lindenau e.V.", "kind": "association"}
VENUE = {"street": "Lützner Straße 39", "postcode": "04177", "city": "Leipzig", "lat": 51.3373, "lon": 12.3355}
CONTACT = {"email": "mitmachen@nh-lindenau.example.org", "phone": "0341 555 0199", "url": None}
ROLES = {
    "Bürohilfe": "Unterstützung im Büro: Ablage, Telefon, Post.",
    "Öffentlichkeitsarbeit": "Texte für Website und Social Media schreiben.",
    "Buchhaltung": "Belege sortieren und Spenden verbuchen.",
    "Nähwerkstatt": "Kleidung ändern und flicken mit unseren Nähmaschinen.",
    "Friseur-Nachmittag": "Haare schneiden für Gäste, die sich keinen Friseur leisten können.",
    "Einkaufshilfe": "Mit älteren Nachbarn einkaufen gehen.",
    "Hausaufgabenhilfe": "Schulkindern bei den Hausaufgaben helfen.",
    "Fahrradwerkstatt": "Gespendete Fahrräder reparieren.",
}


def test_eight_roles_of_one_organisation_sharing_intro_and_venue_give_no_cluster() -> None:
    roles = [
        profile(f"role-{number}", title=title, description=INTRO + task, organisation=ORGANISATION,
                location=VENUE, contact=CONTACT, category="everyday_help", area={"ags": "14713000", "districts": ["Lindenau"]})
        for number, (title, task) in enumerate(ROLES.items())
    ]
    clusters = find_duplicate_clusters(roles, DedupeConfig())
    assert clusters == []


def test_the_same_role_posted_by_three_agencies_gives_one_cluster() -> None:
    agencies = ("urn:koordinate:initiative:helferplaner", "urn:koordinate:municipal:14713000:ehrenamtsportal",
                "urn:koordinate:initiative:gemeinsam-leipzig")
    titles = ("Nähwerkstatt", "Nähwerkstatt für Geflüchtete", "Nähcafé – Kleidung ändern und flicken")
    posts = [
        profile(f"post-{number}", source=source, title=title, description=INTRO + ROLES["Nähwerkstatt"] + " Jeden Mi 15-17 Uhr.",
                organisation=ORGANISATION, location=VENUE, contact=CONTACT, category="clothing",
                area={"ags": "14713000", "districts": ["Lindenau"]})
        for number, (source, title) in enumerate(zip(agencies, titles))
    ]
    [cluster] = find_duplicate_clusters(posts, DedupeConfig())
    assert cluster.members == ("post-0", "post-1", "post-2")
    # each linking pair says what every field weighed
    assert all(pair.weights and "title" in pair.weights for pair in cluster.evidence)


def test_a_chain_of_single_links_is_split_into_coherent_clusters() -> None:
    links = {("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f")}
    linked = lambda x, y: (x, y) in links or (y, x) in links  # noqa: E731
    parts = coherent_clusters(["a", "b", "c", "d", "e", "f"], linked, lambda x, y: False, 0.5)
    assert all(len(part) <= 2 for part in parts)
    assert sorted(member for part in parts for member in part) == ["a", "b", "c", "d", "e", "f"]


def test_a_tight_group_stays_whole_and_confirmed_offers_stay_together() -> None:
    members = ["a", "b", "c", "d"]
    everything = lambda x, y: True  # noqa: E731
    assert coherent_clusters(members, everything, lambda x, y: False, 0.5) == [members]
    only_path = lambda x, y: {x, y} in ({"a", "b"}, {"b", "c"}, {"c", "d"})  # noqa: E731
    confirmed = lambda x, y: {x, y} == {"a", "d"}  # noqa: E731
    parts = coherent_clusters(members, only_path, confirmed, 0.5)
    assert any({"a", "d"} <= set(part) for part in parts)


def test_a_renamed_initiative_with_the_same_homepage_and_place_reaches_the_review_band() -> None:
    def circle(offer_id: str, name: str, email: str | None) -> dict:
        return {"title": name, "description": "", "organisation": {"name": name, "kind": "initiative"},
                "location": {"street": None, "postcode": None, "city": "München", "lat": 48.13697, "lon": 11.52226},
                "contact": {"email": email, "phone": None, "url": "https://helferkreis-westend.example.org/"}}

    before = profile("2016", **circle("2016", "Helferkreis Tübinger und Hansastraße", "kontakt@hk-westend.example.org"))
    after = profile("2020", **circle("2020", "Helferkreis Hans-Thonauer-Straße und Elsenheimerstraße", None))
    [item] = find_duplicate_clusters([before, after], DedupeConfig(), with_review_queue=True)
    assert item.status == "review" and item.members == ("2016", "2020")


def test_groups_at_other_times_are_not_joined_through_a_listing_that_names_no_time() -> None:
    """A sewing group on Monday and one on Wednesday, and a spreadsheet row naming neither day: the row
    joins neither (nothing tells which group it lists), and a person is shown both links."""
    common = {"title": "Nähwerkstatt", "organisation": ORGANISATION, "location": VENUE, "contact": CONTACT,
              "category": "clothing", "area": {"ags": "14713000", "districts": ["Lindenau"]}}
    monday = profile("monday", description=ROLES["Nähwerkstatt"] + " Jeden Mo 15-17 Uhr.", **common)
    wednesday = profile("wednesday", description=ROLES["Nähwerkstatt"] + " Jeden Mi 15-17 Uhr.", **common)
    untimed = profile("untimed", description=ROLES["Nähwerkstatt"], **common)
    found = find_duplicate_clusters([monday, wednesday, untimed], DedupeConfig(), with_review_queue=True)
    assert [cluster for cluster in found if cluster.status != "review"] == []
    assert {cluster.members for cluster in found if cluster.status == "review"} == {("monday", "untimed"), ("untimed", "wednesday")}


def test_a_conflicting_pair_splits_a_group_that_would_stay_whole() -> None:
    linked = lambda x, y: {x, y} in ({"a", "b"}, {"b", "c"})  # noqa: E731
    at_other_times = lambda x, y: {x, y} == {"a", "c"}  # noqa: E731
    assert coherent_clusters(["a", "b", "c"], linked, lambda x, y: False, 0.5) == [["a", "b", "c"]]
    parts = coherent_clusters(["a", "b", "c"], linked, lambda x, y: False, 0.5, at_other_times)
    assert not any({"a", "c"} <= set(part) for part in parts)
    # a group with a reviewer's confirm in it is exempt: the person has seen the times
    confirmed = lambda x, y: {x, y} == {"b", "c"}  # noqa: E731
    assert coherent_clusters(["a", "b", "c"], linked, confirmed, 0.5, at_other_times) == [["a", "b", "c"]]


def test_a_listing_between_two_offers_joins_the_one_its_link_clearly_prefers() -> None:
    """"Kindertreff" (a weekly group) and "Kinderzeit" (another group of the house) say they are two; a
    portal's "Kunterbunt" is linked to both, at 0.98 and 0.80: it lists the first. Links closer than the
    margin leave it with neither, as without scores."""
    linked = lambda x, y: {x, y} in ({"listing", "treff"}, {"listing", "zeit"})  # noqa: E731
    apart = lambda x, y: {x, y} == {"treff", "zeit"}  # noqa: E731
    never = lambda x, y: False  # noqa: E731
    members = ["listing", "treff", "zeit"]

    def scores(treff: float, zeit: float):  # type: ignore[no-untyped-def]
        return lambda x, y: treff if "treff" in (x, y) else zeit

    assert coherent_clusters(members, linked, never, 0.5, apart, scores(0.98, 0.80), 0.05) == [
        ["listing", "treff"], ["zeit"]]
    assert coherent_clusters(members, linked, never, 0.5, apart, scores(0.80, 0.98), 0.05) == [
        ["listing", "zeit"], ["treff"]]
    alike = [["listing"], ["treff"], ["zeit"]]
    assert coherent_clusters(members, linked, never, 0.5, apart, scores(0.94, 0.92), 0.05) == alike
    assert coherent_clusters(members, linked, never, 0.5, apart) == alike


def test_the_preferred_offer_is_chosen_through_the_index_too() -> None:
    """The same decision where the index scores the links: a spreadsheet row with the sewing workshop's
    title and text, no weekday, beside the workshop on Monday and a sewing café on Wednesday."""
    common = {"organisation": ORGANISATION, "location": VENUE, "contact": CONTACT, "category": "clothing",
              "area": {"ags": "14713000", "districts": ["Lindenau"]}}
    workshop = profile("workshop", title="Nähwerkstatt", description=ROLES["Nähwerkstatt"] + " Jeden Mo 15-17 Uhr.",
                       **common)
    cafe = profile("cafe", title="Nähcafé", description="Gemeinsam nähen. Jeden Mi 15-17 Uhr.", **common)
    row = profile("row", source="urn:koordinate:initiative:gemeinsam-leipzig", title="Nähwerkstatt",
                  description=ROLES["Nähwerkstatt"], **common)
    config = DedupeConfig()
    to_workshop, to_cafe = score_pair(row, workshop, config).score, score_pair(row, cafe, config).score
    assert config.auto_threshold <= to_cafe < to_workshop - config.clearly_more_alike  # both link; one clearly more
    found = find_duplicate_clusters([workshop, cafe, row], config, with_review_queue=True)
    assert {(cluster.members, cluster.status) for cluster in found} == {
        (("row", "workshop"), "suspected"), (("cafe", "row"), "review")}
    # a margin wider than the difference leaves the row with neither, as before
    wide = DedupeConfig(clearly_more_alike=0.2)
    assert [cluster.members for cluster in find_duplicate_clusters([workshop, cafe, row], wide)] == []


def test_two_offers_with_their_own_pages_are_not_joined_through_a_listing_that_links_neither() -> None:
    """A café and a breakfast of one organisation at one time and place, each with its page on the
    organisation's site, and a round table's row "Dienstagsrunde" at that time with only the e-mail:
    the row joins neither (nothing tells which it lists), and a person is shown both links."""
    common = {"organisation": ORGANISATION, "location": VENUE, "category": "leisure_sport",
              "area": {"ags": "14713000", "districts": ["Lindenau"]}}
    pages = "https://nh-lindenau.example.org/angebote/"
    cafe = profile("cafe", title="Begegnungscafé",
                   description="Jeden Dienstag 10-12 Uhr: Kaffee, Kuchen und Gespräche.",
                   contact={**CONTACT, "url": pages + "begegnungscafe"}, **common)
    breakfast = profile("breakfast", title="Internationales Frühstück",
                        description="Jeden Dienstag 10-12 Uhr: gemeinsam frühstücken.",
                        contact={**CONTACT, "url": pages + "fruehstueck"}, **common)
    row = profile("row", source="urn:koordinate:initiative:runder-tisch", title="Dienstagsrunde",
                  description="Di 10-12 Uhr", contact={**CONTACT, "url": None}, **common)
    found = find_duplicate_clusters([cafe, breakfast, row], DedupeConfig(), with_review_queue=True)
    assert [cluster for cluster in found if cluster.status != "review"] == []
    reviews = {cluster.members for cluster in found if cluster.status == "review"}
    assert reviews == {("cafe", "row"), ("breakfast", "row")}
