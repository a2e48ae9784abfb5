"""Postings must hold exactly what a dict of sets would, through filings, removals and merges."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from hub.engine.dedupe.postings import Postings

# Few keys and offers, so operations meet; keys across the whole 64-bit range the index files under.
KEYS = st.sampled_from([0, 1, 7, 2**32 + 5, 2**63 - 1, 2**63, 2**64 - 1])
OFFERS = st.sampled_from([f"o{number}" for number in range(12)])
OPERATIONS = st.lists(st.tuples(st.booleans(), st.lists(KEYS, min_size=1, max_size=4, unique=True), OFFERS),
                      max_size=120)


@settings(max_examples=300, deadline=None)
@given(operations=OPERATIONS, merge_minimum=st.sampled_from([1, 2, 5, 64]))
def test_postings_agree_with_a_dict_of_sets(operations: list[tuple[bool, list[int], str]], merge_minimum: int) -> None:
    postings = Postings(merge_minimum=merge_minimum)
    expected: defaultdict[int, set[str]] = defaultdict(set)
    for filing, keys, offer_id in operations:
        if filing:
            # the caller's contract: an offer is filed under a key it is not filed under yet
            new = [key for key in keys if offer_id not in expected[key]]
            postings.file(new, offer_id)
            for key in new:
                expected[key].add(offer_id)
        else:
            postings.unfile(keys, offer_id)
            for key in keys:
                expected[key].discard(offer_id)
        probe = sorted(expected)
        for cap in (1, 2, 100):
            found = postings.filed_under(probe, cap)
            assert [None if members is None else sorted(members) for members in found] == [
                None if len(expected[key]) > cap else sorted(expected[key]) for key in probe]
        assert len(postings) == sum(map(len, expected.values()))


def test_a_merge_moves_the_recent_filings_into_the_arrays_and_drops_the_removed() -> None:
    postings = Postings(merge_minimum=3)
    for number in range(4):  # the fourth filing passes the minimum: all four are merged
        postings.file([10 + number % 2], f"o{number}")
    assert not postings._recent and len(postings._keys) == 4
    postings.unfile([10], "o0")  # in the arrays: marked, still there until the next merge
    assert len(postings._keys) == 4 and len(postings) == 3
    assert postings.filed_under([10, 11, 12], cap=5) == [["o2"], ["o1", "o3"], []]
    assert postings.filed_under([10, 11, 12], cap=1) == [["o2"], None, []]
    postings.file([10], "o9")  # a recent filing is read together with the arrays
    assert sorted(postings.filed_under([10], cap=5)[0]) == ["o2", "o9"]
