from __future__ import annotations

from hub.engine.dedupe.parallel import find_parallel_offers

from tests.engine.dedupe.factories import profile


def _group(offer_id: str, name: str, **fields: object):
    return profile(
        offer_id,
        organisation={"name": name, "kind": "initiative"},
        contact={"email": f"{offer_id}@example.org", "phone": None, "url": None},
        location={"street": f"Straße {offer_id}", "postcode": "04209"},
        **fields,
    )


GRUENAU = _group("a", "Willkommensinitiative Grünau", capacity=12)
CHURCH = _group("b", "Ev.-Luth. Kirchgemeinde Grünau", capacity=10, description="dienstags ab 18:30")
SPORT = _group("c", "Sportverein Grünau 1990", capacity=8, description="Di 17:45")


def test_parallel_offers_over_local_demand() -> None:
    [cluster] = find_parallel_offers([GRUENAU, CHURCH, SPORT], local_demand=15)
    assert cluster.kind == "parallel_offers" and cluster.members == ("a", "b", "c")
    assert cluster.details["joint_capacity"] == 30 and cluster.details["local_demand"] == 15
    assert [1, 1080] in cluster.details["slots"]
    assert cluster.score == 0.5


def test_no_parallel_offers_when_demand_absorbs_the_capacity() -> None:
    assert find_parallel_offers([GRUENAU, CHURCH, SPORT], local_demand=30) == []
    assert find_parallel_offers([GRUENAU, CHURCH], local_demand={("14713000", "language_education"): 40}) == []


def test_other_time_district_target_group_or_category_is_not_parallel() -> None:
    thursday = _group("d", "Helferkreis Lausen", capacity=10, description="Do 10 Uhr")
    paunsdorf = _group("e", "Helferkreis Paunsdorf", capacity=10, area={"ags": "14713000", "districts": ["Paunsdorf"]})
    children = _group("f", "Kinderhaus Grünau", capacity=10, target_groups=["children"])
    sport = _group("g", "Laufgruppe Grünau", capacity=10, category="leisure_sport")
    for other in (thursday, paunsdorf, children, sport):
        assert find_parallel_offers([GRUENAU, other], local_demand=0) == [], other.offer_id


def test_one_group_twice_is_not_parallel() -> None:
    same_group = profile("h", capacity=10, organisation={"name": "Willkommensinitiative Gruenau e.V.", "kind": "initiative"})
    assert find_parallel_offers([GRUENAU, same_group], local_demand=0) == []


def test_paused_offers_add_no_capacity() -> None:
    paused = _group("i", "Ev.-Luth. Kirchgemeinde Grünau", capacity=10, status="paused")
    assert find_parallel_offers([GRUENAU, paused], local_demand=0) == []
