from __future__ import annotations

import pytest

from hub.engine.dedupe.clusters import DuplicateIndex, UnknownClusterError
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.profile import OfferProfile

from tests.engine.dedupe.factories import profile

CONFIG = DedupeConfig()


def copies(*ids: str) -> list[OfferProfile]:
    """The same offer, entered in several systems with small differences."""
    titles = ["Deutschkurs für Anfänger", "Deutsch für Anfänger", "Anfänger-Deutschkurs", "Deutschkurs Anfänger", "Deutschkurs A1 Anfänger"]
    return [profile(offer_id, title=titles[number % len(titles)], source=f"urn:koordinate:initiative:system-{number}")
            for number, offer_id in enumerate(ids)]


def feed(index: DuplicateIndex, profiles: list[OfferProfile]) -> list:
    return [change for p in profiles for change in index.upsert(p)]


def test_two_copies_open_one_suspected_cluster() -> None:
    index = DuplicateIndex(CONFIG)
    [change] = feed(index, copies("a", "b"))
    assert change.change == "opened" and change.kind == "same_offer"
    assert change.members == ("a", "b") and change.status == "suspected"
    assert change.evidence[0].key == ("a", "b") and 0 < change.score <= 1


def test_cluster_id_is_kept_when_the_cluster_grows() -> None:
    index = DuplicateIndex(CONFIG)
    [opened] = feed(index, copies("b", "c"))
    [grown] = index.upsert(copies("a")[0])  # a smaller id joins: the id must not move
    assert grown.change == "updated"
    assert grown.cluster_id == opened.cluster_id
    assert grown.members == ("a", "b", "c")


def test_merging_two_clusters_keeps_the_smaller_id_and_does_not_chain() -> None:
    index = DuplicateIndex(CONFIG)
    mockau = {"organisation": {"name": "Helferkreis Mockau", "kind": "initiative"}, "contact": None,
              "location": {"street": "Kieler Straße 3", "postcode": "04357"}, "area": {"ags": "14713000", "districts": ["Mockau"]}}
    [left] = [c for c in feed(index, copies("a", "b")) if c.status == "suspected"]
    [right] = [c for c in feed(index, [profile("x", **mockau), profile("y", title="Deutsch für Anfänger", **mockau)]) if c.status == "suspected"]
    assert left.cluster_id != right.cluster_id
    changes = index.apply_review(("b", "x"), "confirm")
    [merged] = [c for c in changes if c.change != "closed" and c.status != "review"]
    # b = x is confirmed; y is linked to x alone, a minority of the merged group: it is not chained in
    # but shown to a person
    assert merged.members == ("a", "b", "x")
    assert merged.cluster_id == min(left.cluster_id, right.cluster_id)
    assert ("x", "y") in {review.members for review in index.review_queue()}
    [gone] = [c for c in changes if c.change == "closed" and c.cluster_id == max(left.cluster_id, right.cluster_id)]
    assert gone.members in {("a", "b"), ("x", "y")}


def test_replay_gives_the_same_ids_and_a_repeated_revision_emits_nothing() -> None:
    offers = copies("a", "b", "c")
    first, second = DuplicateIndex(CONFIG), DuplicateIndex(CONFIG)
    assert [c.event_id for c in feed(first, offers)] == [c.event_id for c in feed(second, offers)]
    assert first.upsert(offers[1]) == []


def test_reject_is_final_and_never_resuggested() -> None:
    index = DuplicateIndex(CONFIG)
    a, b = copies("a", "b")
    [opened] = feed(index, [a, b])
    [closed] = index.apply_review(opened.cluster_id, "reject")
    assert closed.change == "closed" and closed.status == "rejected"
    assert index.clusters() == []
    # An edit of either offer re-scores the pair, but the decision stands.
    assert index.upsert(profile("b", title="Deutschkurs für Anfänger!", revision="2")) == []
    assert index.clusters() == [] and index.review_queue() == []


def test_rejected_pair_does_not_link_a_cluster() -> None:
    index = DuplicateIndex(CONFIG)
    index.apply_review(("a", "b"), "reject")
    feed(index, copies("a", "b", "c"))
    [cluster] = index.clusters()
    assert ("a", "b") not in {pair.key for pair in cluster.evidence}
    assert cluster.members == ("a", "b", "c")  # a and b still meet through c


def test_confirm_always_links_even_a_low_score() -> None:
    index = DuplicateIndex(CONFIG)
    a = profile("a")
    other = profile("z", title="Fahrradwerkstatt", description="", category="mobility", contact=None, location=None,
                    organisation={"name": "Radhaus Plagwitz", "kind": "initiative"})
    feed(index, [a, other])
    assert index.clusters() == []
    [opened] = index.apply_review(("a", "z"), "confirm")
    assert opened.members == ("a", "z") and opened.status == "confirmed"
    # Still linked after an edit that blocking would not find.
    index.upsert(profile("z", title="Werkstatt", description="", category="mobility", contact=None, location=None,
                         organisation={"name": "Radhaus Plagwitz", "kind": "initiative"}))
    assert [c.members for c in index.clusters()] == [("a", "z")]


def test_mid_band_pair_goes_to_review_and_confirm_resolves_it() -> None:
    index = DuplicateIndex(CONFIG)
    a = profile("a")
    # same group and course, with no contact, place or time to confirm it: a person should look
    b = profile("b", title="Deutschkurs Anfänger", description="", contact=None, location=None)
    changes = feed(index, [a, b])
    [review] = [c for c in changes if c.status == "review"]
    assert CONFIG.review_threshold <= review.score < CONFIG.auto_threshold
    assert index.clusters() == []
    changes = index.apply_review(review.cluster_id, "confirm")
    assert {(c.change, c.status) for c in changes} == {("closed", "review"), ("opened", "confirmed")}
    assert index.review_queue() == []


def test_remove_dissolves_a_pair_cluster_and_shrinks_a_larger_one() -> None:
    index = DuplicateIndex(CONFIG)
    [opened] = feed(index, copies("a", "b"))[:1]
    index.upsert(copies("a", "b", "c")[2])
    [shrunk] = index.remove("c")
    assert shrunk.change == "updated" and shrunk.members == ("a", "b") and shrunk.cluster_id == opened.cluster_id
    [closed] = index.remove("b")
    assert closed.change == "closed" and closed.cluster_id == opened.cluster_id
    assert index.remove("b") == []


def test_ended_offer_leaves_the_index() -> None:
    index = DuplicateIndex(CONFIG)
    feed(index, copies("a", "b"))
    [closed] = index.upsert(profile("b", status="ended"))
    assert closed.change == "closed"


def test_state_round_trips_through_plain_dicts() -> None:
    index = DuplicateIndex(CONFIG)
    feed(index, copies("a", "b", "c"))
    index.apply_review(("a", "c"), "confirm")
    restored = DuplicateIndex.from_dict(index.to_dict(), CONFIG)
    assert restored.to_dict() == index.to_dict()
    d = copies("a", "b", "c", "d")[3]
    assert [c.cluster_id for c in restored.upsert(d)] == [c.cluster_id for c in index.upsert(d)]


def test_unknown_cluster_review_is_an_error() -> None:
    with pytest.raises(UnknownClusterError):
        DuplicateIndex(CONFIG).apply_review("no-such-cluster", "reject")
    with pytest.raises(ValueError):
        DuplicateIndex(CONFIG).apply_review(("a", "b"), "maybe")  # type: ignore[arg-type]
