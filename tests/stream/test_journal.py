"""The area partition's write-ahead journal: a commit cut short is finished, never half applied."""

from __future__ import annotations

from datetime import datetime

import pytest

from hub.stream import journal as journal_module
from hub.stream.journal import Journal, reapply
from hub.stream.staging import PrefixedMap, StagedMap


class KilledAfter(dict):
    """A table that stops taking writes after `budget` of them, as a worker killed with -9 would."""

    def __init__(self, budget: int) -> None:
        super().__init__()
        self.budget = budget

    def __setitem__(self, key, value) -> None:
        if self.budget == 0:
            raise SystemExit("killed")
        self.budget -= 1
        super().__setitem__(key, value)


def _commit(needs: StagedMap, offers: StagedMap) -> dict:
    return {"needs": needs.changes(), "offers": offers.changes()}


def test_staged_changes_name_new_values_and_deleted_keys():
    staged = StagedMap({"old": 1, "gone": 2})
    staged["new"] = {"revision": 3}
    staged["old"] = 5
    del staged["gone"]
    assert staged.changes() == ({"new": {"revision": 3}, "old": 5}, frozenset({"gone"}))


def test_last_entry_round_trips_values_deletions_and_times():
    table: dict = {}
    journal = Journal(table, partition=3)
    assert journal.last() is None
    happened = datetime(2026, 3, 29, 2, 30)
    journal.write({"needs": ({"n1": {"revision": 2, "at": happened}}, frozenset({"n0"})),
                   "offers": ({}, frozenset())})
    # Values come back as the tables' JSON codec returns them; untouched tables are left out.
    assert journal.last() == {"needs": ({"n1": {"revision": 2, "at": happened.isoformat()}}, ["n0"])}
    assert all(key.startswith("3/") for key in table)


def test_reapply_finishes_a_commit_that_a_kill_cut_short():
    journal_table: dict = {}
    tables = {"needs": {"0/n0": {"revision": 1}}, "offers": {}}
    needs = StagedMap(PrefixedMap(tables["needs"], "0/"))
    offers = StagedMap(PrefixedMap(tables["offers"], "0/"))
    needs["n1"], offers["o1"] = {"revision": 1}, {"revision": 4}
    del needs["n0"]
    Journal(journal_table, 0).write(_commit(needs, offers))
    tables["needs"]["0/n1"] = {"revision": 1}  # the kill lands after the first of the table writes

    entry = Journal(journal_table, 0).last()
    assert entry is not None
    written = reapply(entry, {name: PrefixedMap(table, "0/") for name, table in tables.items()})
    assert written == 3
    assert tables == {"needs": {"0/n1": {"revision": 1}}, "offers": {"0/o1": {"revision": 4}}}


def test_an_entry_whose_head_was_not_written_leaves_the_previous_entry_whole(monkeypatch):
    monkeypatch.setattr(journal_module, "CHUNK_CHARS", 16)  # many chunks per entry
    table = KilledAfter(budget=10_000)
    journal = Journal(table, 1)
    journal.write({"needs": ({"first": "x" * 100}, frozenset())})
    first = journal.last()

    table.budget = 3  # killed while writing the chunks of the next entry, before its head
    with pytest.raises(SystemExit):
        journal.write({"needs": ({"second": "y" * 100}, frozenset())})
    assert Journal(table, 1).last() == first

    table.budget = 10_000
    journal.write({"needs": ({"third": "z" * 100}, frozenset())})
    assert Journal(table, 1).last() == {"needs": ({"third": "z" * 100}, [])}


def test_a_head_without_its_chunks_is_not_trusted(monkeypatch):
    monkeypatch.setattr(journal_module, "CHUNK_CHARS", 16)
    table: dict = {}
    Journal(table, 0).write({"needs": ({"a": "x" * 100}, frozenset())})
    del table["0/0/2"]  # cannot happen through Kafka's ordering; a damaged store must not be applied
    assert Journal(table, 0).last() is None
