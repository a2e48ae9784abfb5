from __future__ import annotations

from dataclasses import replace

import pytest

from hub.engine.dedupe.blocking import CandidateIndex, blocking_keys
from hub.engine.dedupe.config import DedupeConfig
from hub.engine.dedupe.profile import OfferProfile

from tests.engine.dedupe.factories import profile

CONFIG = DedupeConfig()

# A bare offer that shares nothing with the probes below unless one field is set on both.
BARE = dict(
    title="Zzz", description="", category="a", organisation={"name": "", "kind": "initiative"},
    area={"ags": "14713000", "districts": []}, location=None, contact=None, schedule=None,
)


def _bare(offer_id: str, **fields: object) -> OfferProfile:
    values = {**BARE, **fields}
    if offer_id == "b" and "category" not in fields:
        values["category"] = "b"
    if offer_id == "b" and "title" not in fields:
        values["title"] = "Qqq"
    return profile(offer_id, **values)


@pytest.mark.parametrize(
    ("kind", "fields_a", "fields_b"),
    [
        ("category", {"category": "health"}, {"category": "health"}),
        ("slot", {"description": "jeden Di 18 Uhr"}, {"description": "dienstags ab 18:15"}),
        ("organisation", {"organisation": {"name": "Helferkreis Grünau e.V.", "kind": "initiative"}}, {"organisation": {"name": "Helferkreis Gruenau", "kind": "initiative"}}),
        ("contact", {"contact": {"email": "A@Example.org", "phone": None, "url": None}}, {"contact": {"email": "a@example.org", "phone": None, "url": None}}),
        ("contact", {"contact": {"email": None, "phone": "+49 341 5550101", "url": None}}, {"contact": {"email": None, "phone": "0341 555 0101", "url": None}}),
        ("contact", {"contact": {"email": None, "phone": None, "url": "https://www.example.org/kurs/"}}, {"contact": {"email": None, "phone": None, "url": "http://example.org/kurs"}}),
        ("venue", {"location": {"street": "Karl-Heine-Str. 12", "postcode": "04229"}}, {"location": {"street": "Karl-Heine-Straße 12", "postcode": "04229"}}),
        ("geo", {"location": {"lat": 51.33301, "lon": 12.3401}}, {"location": {"lat": 51.33399, "lon": 12.34099}}),
        ("text", {"title": "Offene Fahrradwerkstatt für alle im Stadtteil Lindenau"}, {"title": "Offene Fahrradwerkstatt fuer alle im Stadtteil Lindenau"}),
    ],
)
def test_each_key_alone_finds_the_candidate(kind: str, fields_a: dict, fields_b: dict) -> None:
    index = CandidateIndex(CONFIG)
    a, b = _bare("a", **fields_a), _bare("b", **fields_b)
    index.add(a)
    assert index.candidates(b) == {"a"}, kind
    # Symmetric: the other arrival order finds the same pair.
    other = CandidateIndex(CONFIG)
    other.add(b)
    assert other.candidates(a) == {"b"}, kind


def test_unrelated_offers_are_no_candidates() -> None:
    index = CandidateIndex(CONFIG)
    index.add(_bare("a"))
    assert index.candidates(_bare("b")) == set()


def test_keys_are_scoped_by_municipality() -> None:
    leipzig = _bare("a", category="health")
    dresden = _bare("b", category="health", area={"ags": "14612000", "districts": []})
    index = CandidateIndex(CONFIG)
    index.add(leipzig)
    assert index.candidates(dresden) == set()


def test_oversized_bucket_is_skipped_and_counted() -> None:
    config = replace(CONFIG, bucket_cap=3)
    index = CandidateIndex(config)
    for number in range(4):
        index.add(_bare(f"x{number}", category="health", title=f"Titel {number} " + "abcdefgh"[number] * 6))
    probe = _bare("b", category="health")
    assert index.candidates(probe) == set()
    assert index.skipped_buckets["category"] == 1
    index.remove("x0")
    assert index.candidates(probe) == {"x1", "x2", "x3"}


def test_update_and_remove_refile_the_offer() -> None:
    index = CandidateIndex(CONFIG)
    index.add(_bare("a", category="health"))
    index.add(_bare("a", category="mobility"))  # update: filed under the new category only
    assert index.candidates(_bare("b", category="health")) == set()
    assert index.candidates(_bare("b", category="mobility")) == {"a"}
    index.remove("a")
    assert index.candidates(_bare("b", category="mobility")) == set()
    assert "a" not in index


def test_blocking_keys_carry_their_kind() -> None:
    keys = blocking_keys(_bare("a", category="health", description="Mo 10 Uhr"), CONFIG)
    assert {key.split(":", 1)[0] for key in keys} == {"category", "slot"}


def test_the_text_index_proposes_what_datasketchs_lsh_proposes() -> None:
    # The text index keeps band keys as ints instead of datasketch's MinHashLSH with a MinHash per
    # offer (memory per offer); it must propose exactly the offers the LSH would, also after removals.
    import random

    from datasketch import MinHashLSH

    from hub.engine.dedupe.blocking import _lsh_bands

    words = "deutsch kurs cafe treff hilfe fahrrad werkstatt naehen kinder lesen spielen garten".split()
    draw = random.Random(7)
    offers = [_bare(f"o{n:02d}", category=f"c{n}", title=" ".join(draw.sample(words, 3)),
                    description=" ".join(draw.sample(words, 4))) for n in range(60)]
    index = CandidateIndex(CONFIG)
    lsh = MinHashLSH(threshold=CONFIG.lsh_threshold, num_perm=CONFIG.lsh_num_perm,
                     params=_lsh_bands(CONFIG.lsh_threshold, CONFIG.lsh_num_perm))
    for offer in offers:
        index.add(offer)
        minhash = index._minhash(offer)
        assert minhash is not None
        lsh.insert(offer.offer_id, minhash)
    for gone in offers[::5]:
        index.remove(gone.offer_id)
        lsh.remove(gone.offer_id)
    proposed = 0
    for offer in offers:
        minhash = index._minhash(offer)
        assert minhash is not None
        similar = set(lsh.query(minhash))
        expected = (similar if len(similar) <= CONFIG.bucket_cap else set()) - {offer.offer_id}
        assert index.candidates(offer) == expected
        proposed += len(expected)
    assert proposed > 0  # the vocabulary is small enough for texts to meet


def test_buckets_hold_exactly_the_filed_offers_as_they_grow_and_shrink() -> None:
    # A bucket is an id, a tuple or a set by size; whatever its form, it must hold the offers filed
    # under its key, through growing past the tuple's size and shrinking back in any order.
    import random

    index = CandidateIndex(replace(CONFIG, bucket_cap=100))
    filed = [f"x{number:02d}" for number in range(20)]
    for offer_id in filed:
        index.add(_bare(offer_id, category="health", title=f"Titel {offer_id}"))
        index.add(_bare(offer_id, category="health", title=f"Titel {offer_id}"))  # a repeat changes nothing
    probe = _bare("b", category="health")
    order = filed[:]
    random.Random(3).shuffle(order)
    for gone in order:
        assert index.candidates(probe) == set(filed)
        index.remove(gone)
        filed.remove(gone)
    assert index.candidates(probe) == set()
    assert not index._keys and not index._text  # a municipality's postings go with its last offer


def test_an_update_keeps_or_moves_its_text_filing_with_its_text() -> None:
    index = CandidateIndex(CONFIG)
    text = "Offene Fahrradwerkstatt für alle im Stadtteil Lindenau"
    index.add(_bare("a", title=text, category="health"))
    index.add(_bare("a", title=text, category="mobility"))  # new category, same text: still found by text
    assert index.candidates(_bare("b", title=text)) == {"a"}
    index.add(_bare("a", title="Nähcafé am Donnerstag im Nachbarschaftsladen", category="mobility"))
    assert index.candidates(_bare("b", title=text)) == set()  # the old text no longer finds it
    assert index.candidates(_bare("b", title="Nähcafé am Donnerstag im Nachbarschaftsladen")) == {"a"}


def test_shingle_hashes_keep_the_shingles_apart_and_minhash_tracks_their_overlap() -> None:
    # The shingles of a text are hashed all at once over its code points: distinct shingles must stay
    # distinct, and the MinHash over the hashes must estimate the overlap of the shingles themselves.
    from hub.engine.dedupe.blocking import _shingle_hashes

    size = CONFIG.shingle_size
    texts = [
        ("Deutschkurs für Anfänger", "Wir lernen gemeinsam Deutsch, dienstags im Gemeindehaus St. Marien."),
        ("Deutschkurs fuer Anfaenger", "Wir lernen zusammen Deutsch, donnerstags im Gemeindehaus St. Marien."),
        ("Sprachcafé", "Deutsch sprechen bei Kaffee und Kuchen, offen für alle."),
        ("Fahrradwerkstatt", "Räder reparieren mit Werkzeug und Hilfe – ещё велосипеды, دراجات, 🚲"),
    ]
    offers = [_bare(f"o{n}", title=title, description=description) for n, (title, description) in enumerate(texts)]
    index = CandidateIndex(CONFIG)
    for offer in offers:
        text = f"{offer.title_norm} {offer.description_norm}".strip()
        shingles = {text[start:start + size] for start in range(len(text) - size + 1)}
        assert len(set(_shingle_hashes(offer, size))) == len(shingles)
    assert _shingle_hashes(_bare("x", title="Tee", description=""), size) != []  # shorter than a shingle
    for first, second in [(0, 1), (0, 2), (1, 3), (2, 3)]:
        a, b = offers[first], offers[second]
        shingles = [{t[i:i + size] for i in range(len(t) - size + 1)}
                    for t in (f"{o.title_norm} {o.description_norm}".strip() for o in (a, b))]
        exact = len(shingles[0] & shingles[1]) / len(shingles[0] | shingles[1])
        minhash_a, minhash_b = index._minhash(a), index._minhash(b)
        assert minhash_a is not None and minhash_b is not None
        assert abs(minhash_a.jaccard(minhash_b) - exact) < 0.2, (first, second, exact)
