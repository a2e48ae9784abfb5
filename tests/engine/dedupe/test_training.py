"""Training the scoring model: from labelled offers, from the office's reviews, and the model file itself."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from hub.engine.dedupe.batch import find_duplicate_clusters
from hub.engine.dedupe.config import DedupeConfig, default_model
from hub.engine.dedupe.model import ModelError, ScoringModel
from hub.engine.dedupe.profile import OfferProfile, profile_of_record
from hub.engine.dedupe.scoring import score_pair
from hub.engine.dedupe.training import learned_title_synonyms
from hub.replay.training import load_model, read_reviews, shipped_model_json, train_model, write_model

from tests.engine.dedupe.factories import profile
from tests.synthetic.offers import generate_offers

MODEL_JSON = Path(__file__).resolve().parents[3] / "hub" / "engine" / "dedupe" / "model.json"


@lru_cache(maxsize=1)
def _training_set() -> tuple[list[OfferProfile], dict[str, str]]:
    data = generate_offers(seed=1, n_offers=600)
    return [profile_of_record(record) for record in data.records], dict(data.cluster_of)


def _same_cafe_in_two_districts(number: int) -> list[OfferProfile]:
    """One city-wide organisation's café, listed for two districts: the office says these are two cafés."""
    common = {"title": "Sprachcafé", "description": "Jeden Mittwoch 16 Uhr.", "location": None, "category": "language_education",
              "contact": {"email": "sprachcafe@caritas-leipzig.example.org", "phone": None, "url": None},
              "organisation": {"name": "Caritasverband Leipzig e.V.", "kind": "association"}}
    return [profile(f"cafe-{number}-west", area={"ags": "14713000", "districts": ["Grünau"]}, **common),
            profile(f"cafe-{number}-east", area={"ags": "14713000", "districts": ["Paunsdorf"]}, **common)]


def test_after_a_few_rejects_and_retraining_the_pattern_is_no_longer_suggested() -> None:
    profiles, labels = _training_set()
    base = train_model(profiles, labels, {}, "base")
    probe = _same_cafe_in_two_districts(99)
    assert [c.members for c in find_duplicate_clusters(probe, DedupeConfig(model=base))] == [("cafe-99-east", "cafe-99-west")]

    rejected = [pair for number in range(5) for pair in [_same_cafe_in_two_districts(number)]]
    decisions = {tuple(sorted((a.offer_id, b.offer_id))): "reject" for a, b in rejected}
    retrained = train_model(profiles + [p for pair in rejected for p in pair], labels, decisions, "after-reviews")

    assert find_duplicate_clusters(probe, DedupeConfig(model=retrained)) == []
    # the weights moved against what the rejected pairs share (another district, same everything else)
    assert score_pair(*probe, DedupeConfig(model=retrained)).score < score_pair(*probe, DedupeConfig(model=base)).score
    assert retrained.bits("district", 1) <= base.bits("district", 1)
    assert retrained.trained_on["reviews"] == 5


def test_reviews_are_read_from_review_records_and_events() -> None:
    lines = [
        json.dumps({"offer_ids": ["b", "a"], "decision": "reject"}),
        json.dumps({"specversion": "1.0", "data": {"offer_ids": ["c", "d", "e"], "decision": "confirm"}}),
    ]
    decisions = read_reviews(lines)
    assert decisions[("a", "b")] == "reject"
    assert decisions[("c", "e")] == decisions[("d", "e")] == "confirm"


def test_a_model_round_trips_through_its_file(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    write_model(default_model(), path)
    assert load_model(path) == default_model()


def test_the_shipped_module_and_model_json_are_the_same_model() -> None:
    assert ScoringModel.from_dict(json.loads(MODEL_JSON.read_text(encoding="utf-8"))) == default_model()
    assert ScoringModel.from_dict(shipped_model_json()) == default_model()  # as the package ships it


def test_a_broken_model_names_the_field() -> None:
    data = default_model().to_dict()
    data["weights"]["title"] = [1.0, 0.0]
    with pytest.raises(ModelError, match="weights.title: needs 5 levels"):
        ScoringModel.from_dict(data)
    data = default_model().to_dict()
    data["format"] = "something-else"
    with pytest.raises(ModelError, match="format"):
        ScoringModel.from_dict(data)
    data = default_model().to_dict()
    data["levels"]["venue"] = ["same", "different"]
    with pytest.raises(ModelError, match="levels.venue"):
        ScoringModel.from_dict(data)
    data = default_model().to_dict()
    data["title_synonyms"] = {"crawling": ["play"]}
    with pytest.raises(ModelError, match="title_synonyms.crawling"):
        ScoringModel.from_dict(data)


def test_em_without_labels_moves_towards_the_labelled_weights() -> None:
    profiles, labels = _training_set()
    em = train_model(profiles, {}, {}, "em", method="em")
    assert em.trained_on["method"] == "fellegi-sunter-em"
    # agreement on the same slot and the same title must count for a pair, disagreement against it
    assert em.bits("schedule", 0) > 0 > em.bits("schedule", 2)
    assert em.bits("title", 0) > 0 > em.bits("title", 4)


def _toddler_group_listed_twice(number: int) -> list[OfferProfile]:
    """One family centre's toddler group, in German on the portal and in a literal English translation."""
    common = {"description": "Jeden Donnerstag 10 Uhr im Familienzentrum.", "category": "childcare",
              "location": {"street": "Plauensche Straße 12", "postcode": "04229", "city": "Leipzig"},
              "contact": {"email": f"familie{number}@fz-plagwitz.example.org", "phone": None, "url": None},
              "organisation": {"name": f"Familienzentrum Plagwitz {number}", "kind": "association"}}
    # the English listing names no time: at one place and weekly time, a title naming no activity would
    # be no evidence either way (`comparisons._a_name_and_an_activity`), and nothing would be left to learn
    return [profile(f"toddlers-{number}-de", title="Krabbelgruppe", **common),
            profile(f"toddlers-{number}-en", source="urn:koordinate:initiative:english-listing",
                    title="Crawling group", **{**common, "description": "At the family centre."})]


def test_confirmed_reviews_teach_a_title_word_the_lexicon_does_not_know() -> None:
    profiles, labels = _training_set()
    base = train_model(profiles, labels, {}, "base")
    probe = _toddler_group_listed_twice(99)
    assert base.title_synonyms == {}
    assert score_pair(*probe, DedupeConfig(model=base)).fields["title"] < 0.45  # read as other activities
    assert find_duplicate_clusters(probe, DedupeConfig(model=base)) == []

    confirmed = [_toddler_group_listed_twice(number) for number in range(2)]
    decisions = {tuple(sorted((a.offer_id, b.offer_id))): "confirm" for a, b in confirmed}
    retrained = train_model(profiles + [p for pair in confirmed for p in pair], labels, decisions, "after-reviews")

    assert retrained.title_synonyms == {"crawling": frozenset({"#play"})}
    assert score_pair(*probe, DedupeConfig(model=retrained)).fields["title"] >= 0.7
    assert [c.members for c in find_duplicate_clusters(probe, DedupeConfig(model=retrained))] == [
        ("toddlers-99-de", "toddlers-99-en")]
    # the taught word travels with the model file
    assert ScoringModel.from_dict(retrained.to_dict()).title_synonyms == retrained.title_synonyms


def test_a_word_of_many_titles_or_a_rejected_pair_teaches_nothing() -> None:
    pair = _toddler_group_listed_twice(1)
    by_id = {p.offer_id: p for p in pair}
    key = tuple(sorted(by_id))
    assert learned_title_synonyms(by_id, {key: "confirm"}, {"crawling": 2}, 1000) == {"crawling": frozenset({"#play"})}
    # in one title of twenty: a word of the listing's language or template, not of this activity
    assert learned_title_synonyms(by_id, {key: "confirm"}, {"crawling": 50}, 1000) == {}
    assert learned_title_synonyms(by_id, {key: "reject"}, {"crawling": 2}, 1000) == {}
