"""The views a partition engine reads its tables through: one partition's keys, buffered writes, decoded cache."""

from __future__ import annotations

from hub.stream.staging import DecodedCache, PrefixedMap, StagedMap

SHARED = {"1/a": 1, "1/b": 2, "2/a": 20, "10/a": 100}


class CountingMap(dict):
    """A dict that counts single-key reads, as a faust Table's reads from RocksDB would cost."""

    reads = 0

    def __getitem__(self, key):
        self.reads += 1
        return super().__getitem__(key)


def test_a_prefixed_view_lists_only_its_partition_with_or_without_a_scan():
    rows_of_partition_1 = [("1/a", 1), ("1/b", 2), ("10/x", 9)]  # a scan may hand over foreign keys
    plain = PrefixedMap(dict(SHARED), "1/")
    scanned = PrefixedMap(dict(SHARED), "1/", scan=lambda: iter(rows_of_partition_1))
    assert dict(plain.items()) == dict(scanned.items()) == {"a": 1, "b": 2}
    assert sorted(plain) == sorted(scanned) == ["a", "b"]
    assert len(scanned) == 2


def test_a_scanned_view_hands_over_each_row_when_it_is_asked_for():
    """A restore yields to the event loop between rows: decoding a partition's rows all at once held it
    for 2-6 s at 1M entities."""
    handed: list[str] = []

    def scan():
        for key, value in [("1/a", 1), ("1/b", 2), ("1/c", 3)]:
            handed.append(key)
            yield key, value

    view = StagedMap(DecodedCache(PrefixedMap({}, "1/", scan=scan)))
    rows = iter(view.items())
    assert next(rows) == ("a", 1) and handed == ["1/a"]
    assert list(rows) == [("b", 2), ("c", 3)]


def test_reading_all_items_through_the_layers_reads_each_row_once_and_keeps_none():
    """A restore reads every row through `items`; keeping them held each entity's decoded record beside
    the engine's models (two thirds of a restored engine's memory at 100,000 entities)."""
    backing = CountingMap(SHARED)
    cache = DecodedCache(PrefixedMap(backing, "1/", scan=lambda: iter(dict.items(backing))))
    view = StagedMap(cache)
    assert dict(view.items()) == {"a": 1, "b": 2}
    assert backing.reads == 0  # the scan delivered keys and values together
    assert view["a"] == 1 and backing.reads == 1  # read when an event asks for it
    assert view["a"] == 1 and backing.reads == 1  # and kept from then on


def test_buffered_writes_show_in_items_before_they_are_committed():
    backing = dict(SHARED)
    view = StagedMap(PrefixedMap(backing, "1/"))
    view["c"] = 3
    del view["a"]
    assert dict(view.items()) == {"b": 2, "c": 3}
    assert list(view.values()) == [2, 3]
    assert backing == SHARED  # nothing written yet
    view.commit()
    assert backing == {"1/b": 2, "1/c": 3, "2/a": 20, "10/a": 100}


def test_a_key_found_absent_is_not_looked_up_again_until_it_is_written():
    backing = CountingMap(SHARED)
    cache = DecodedCache(PrefixedMap(backing, "1/"))
    view = StagedMap(cache)
    assert view.get("c") is None and view.get("c") is None and "c" not in view
    assert backing.reads == 1  # the miss was remembered
    view["c"] = 3
    view.commit()
    assert view["c"] == 3 and "c" in cache and backing["1/c"] == 3
    del view["c"]
    view.commit()
    assert "c" not in view and "1/c" not in backing
