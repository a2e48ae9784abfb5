"""Canary for the faust fence (hub/stream/_faust.py): fails, naming what moved, when the installed
faust-streaming no longer has what the fence relies on; and the rest of the hub stays outside it.

No broker: the pieces are built, not started.
"""

from __future__ import annotations

import ast
import asyncio
import gc
import hashlib
import importlib
import inspect
import re
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from faust.streams import current_event
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, Message
from mode.services import ServiceTask

from hub.settings import Settings
from hub.stream import _faust
from hub.stream._faust import RELIES_ON, acting_for, partition_rows
from hub.stream.app import worker_faust_app

ROOT = Path(__file__).resolve().parents[2]
FENCE = ROOT / "hub" / "stream" / "_faust.py"
UPGRADE_HINT = ("faust-streaming changed under hub/stream/_faust.py: read the new code of each name, adapt "
                "the fence, then update RELIES_ON (and the pin in pyproject.toml)")


def _relied_on(name: str) -> object:
    module_name, _, qualified = name.partition(":")
    found: object = importlib.import_module(module_name)
    for part in qualified.split("."):
        found = getattr(found, part)
    return found


def source_digest(obj: object) -> str:
    """How RELIES_ON notes the code the fence was written against (of a property, its getter's; of a
    mode service's background task, its function's)."""
    if isinstance(obj, property):
        obj = obj.fget
    if isinstance(obj, ServiceTask):
        obj = obj.fun
    return hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()[:12]  # type: ignore[arg-type]


def test_the_installed_faust_is_the_one_pinned_and_the_one_the_fence_was_written_for() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pins = [d for d in pyproject["project"]["dependencies"] if d.startswith("faust-streaming")]
    assert len(pins) == 1 and "==" in pins[0], f"faust-streaming must be pinned exactly in pyproject.toml: {pins}"
    pinned = pins[0].split("==")[1].strip()
    installed = metadata.version("faust-streaming")
    assert installed == pinned == RELIES_ON["version"], (
        f"pinned {pinned}, installed {installed}, fence written for {RELIES_ON['version']}: {UPGRADE_HINT}")


def test_every_internal_the_fence_overrides_or_reads_is_there_and_unchanged() -> None:
    problems = []
    for name, digest in RELIES_ON["overridden"].items():
        try:
            found = _relied_on(name)
        except (ImportError, AttributeError) as exc:
            problems.append(f"{name}: gone ({exc})")
            continue
        if source_digest(found) != digest:
            problems.append(f"{name}: its code changed (digest {source_digest(found)}, fence read {digest})")
    assert not problems, f"{UPGRADE_HINT}:\n" + "\n".join(problems)


def test_the_signatures_the_fence_calls_with_are_unchanged() -> None:
    expected = {
        "faust.transport.drivers.aiokafka:AIOKafkaConsumerThread._create_worker_consumer": ["self", "transport"],
        "faust.stores.rocksdb:Store.revoke_partitions": ["self", "table", "tps"],
        "faust.stores.rocksdb:Store._open_for_partition": ["self", "partition"],
        "faust.stores.rocksdb:Store._db_for_partition": ["self", "partition"],
        # `Stream.take_events` is faust's with keyword arguments added
        "faust.streams:Stream.take_events": ["self", "max_", "within"],
        # hub/stream/sending.py sends with these keywords
        "faust.transport.drivers.aiokafka:Producer.send":
            ["self", "topic", "key", "value", "partition", "timestamp", "headers", "transactional_id"],
    }
    changed = {name: list(inspect.signature(_relied_on(name)).parameters) for name in expected}
    changed = {name: params for name, params in changed.items() if params != expected[name]}
    assert not changed, f"{UPGRADE_HINT}: parameters now {changed}"


async def test_the_worker_consumer_is_the_fenced_one_with_the_short_fetch_wait(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    app = worker_faust_app(settings)
    consumer = app.consumer
    assert isinstance(consumer, _faust.Consumer), f"faust built {type(consumer)}: app.transport is no longer used"
    absent = [a for a in RELIES_ON["consumer_attributes"] if not hasattr(consumer, a)]
    assert not absent, f"{UPGRADE_HINT}: faust's consumer lacks {absent}"
    thread = consumer._thread
    assert isinstance(thread, _faust._ConsumerThread), f"faust built the consumer thread {type(thread)}"
    aiokafka_consumer = thread._create_worker_consumer(app.transport)
    try:
        attribute = RELIES_ON["aiokafka_consumer_attribute"]
        assert getattr(aiokafka_consumer, attribute, None) == settings.worker.fetch_max_wait_ms, (
            f"aiokafka's consumer keeps its fetch wait elsewhere than {attribute}")
        # and hands that attribute to its fetcher when it starts
        assert f"fetch_max_wait_ms=self.{attribute}" in inspect.getsource(AIOKafkaConsumer.start), (
            "aiokafka no longer passes its fetch wait to the fetcher on start: the fence's setting does nothing")
    finally:
        await aiokafka_consumer.stop()


def test_the_worker_recovers_its_tables_with_the_fenced_recovery(tmp_path: Path) -> None:
    app = worker_faust_app(Settings(home=tmp_path))
    assert isinstance(app.tables.recovery, _faust.Recovery), (
        f"faust built {type(app.tables.recovery)} for the TableManager setting")


def test_the_worker_streams_are_the_fenced_ones(tmp_path: Path) -> None:
    app = worker_faust_app(Settings(home=tmp_path))
    stream = app.stream(app.channel())
    assert isinstance(stream, _faust.Stream), f"faust built {type(stream)} for the Stream setting"


class _Message:
    def __init__(self, partition: int) -> None:
        self.partition = partition


class _Event:
    """What faust's store reads of the current event: its message's partition."""

    def __init__(self, partition: int) -> None:
        self.message = _Message(partition)


def test_a_table_write_lands_in_the_partition_acted_for_and_is_read_back_from_that_store_alone(tmp_path: Path) -> None:
    app = worker_faust_app(Settings(home=tmp_path))
    table = app.Table("fence-canary", partitions=3, default=None)
    store = table.data
    assert isinstance(store, _faust.RocksDBStore), f"faust built {type(store)} for {_faust.ROCKSDB_STORE_URL}"
    absent = [a for a in RELIES_ON["store_attributes"] if not hasattr(store, a)]
    assert not absent, f"{UPGRADE_HINT}: faust's RocksDB store lacks {absent}"
    event = _Event(2)
    with acting_for(event):  # type: ignore[arg-type]
        assert current_event() is event, "faust no longer takes the current event from the context variable set"
        store["2/a"] = {"value": 1}
    assert current_event() is None
    assert list(partition_rows(table, 2)()) == [("2/a", {"value": 1})]  # type: ignore[misc]
    assert list(partition_rows(table, 1)()) == []  # type: ignore[misc]
    assert partition_rows({}, 2) is None


def test_a_partition_scan_decodes_each_row_when_it_is_asked_for(tmp_path: Path, monkeypatch) -> None:
    """A restore yields to the event loop between rows: decoding them all at once held it for seconds."""
    app = worker_faust_app(Settings(home=tmp_path))
    table = app.Table("fence-canary", partitions=3, default=None)
    store = table.data
    with acting_for(_Event(2)):  # type: ignore[arg-type]
        for key in ("2/a", "2/b", "2/c"):
            store[key] = {"key": key}
    decoded: list = []
    decode = store._decode_value
    monkeypatch.setattr(store, "_decode_value", lambda raw: decoded.append(raw) or decode(raw))
    rows = partition_rows(table, 2)()  # type: ignore[misc]
    assert next(rows) == ("2/a", {"key": "2/a"}) and len(decoded) == 1
    with acting_for(_Event(2)):  # type: ignore[arg-type]
        store["2/a"] = {"key": "changed"}  # no store iterator is held open while the caller holds the scan
    assert list(rows) == [("2/b", {"key": "2/b"}), ("2/c", {"key": "2/c"})] and len(decoded) == 3


async def test_a_changelog_record_reaches_the_store_as_its_bytes_and_reads_back_decoded(tmp_path: Path) -> None:
    app = worker_faust_app(Settings(home=tmp_path))
    table = app.Table("fence-canary", partitions=3, default=None, schema=_faust.RawChangelogSchema())
    topic = table.changelog_topic
    key, value = b'"1/a"', b'{"value": 1}'
    message = Message(topic.get_topic_name(), 1, 7, timestamp=0.0, timestamp_type=0, headers=[], key=key,
                      value=value, checksum=None)
    event = await topic.decode(message)  # what the conductor does with each record it reads
    assert (event.key, event.value) == (key, value), "the changelog record was decoded"
    table.apply_changelog_batch([event])  # what recovery does with them
    assert list(partition_rows(table, 1)()) == [("1/a", {"value": 1})]  # type: ignore[misc]
    # writes are encoded as faust's default schema encodes them
    assert topic.schema.dumps_value(app, {"value": 1}, headers={})[0] == app.serializers.dumps_value(None, {"value": 1})


def _store_with_a_row_in_partition_1(tmp_path: Path, monkeypatch) -> tuple[Any, Any, list]:
    """A worker table's store holding one row in partition 1, and the full collections run from now on."""
    app = worker_faust_app(Settings(home=tmp_path))
    table = app.Table("fence-canary", partitions=3, default=None)
    store = table.data
    with acting_for(_Event(1)):  # type: ignore[arg-type]
        store["1/a"] = "kept"
    collections: list = []
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(args) or 0)
    return table, store, collections


def test_revoking_a_partition_runs_no_full_collection_and_the_store_opens_again(tmp_path: Path, monkeypatch) -> None:
    table, store, collections = _store_with_a_row_in_partition_1(tmp_path, monkeypatch)
    store.revoke_partitions(table, {TP(table.changelog_topic.get_topic_name(), 1)})
    assert 1 not in store._dbs and collections == []
    # nothing else held the handle: its file lock is gone, and opening it again needs no collection
    assert list(partition_rows(table, 1)()) == [("1/a", "kept")]  # type: ignore[misc]
    assert collections == []


async def test_stopping_a_store_runs_no_full_collection(tmp_path: Path, monkeypatch) -> None:
    table, store, collections = _store_with_a_row_in_partition_1(tmp_path, monkeypatch)
    await store.stop()
    assert not store._dbs and collections == []
    assert list(partition_rows(table, 1)()) == [("1/a", "kept")]  # type: ignore[misc]  # reopens: lock released


async def test_the_collector_freezes_once_after_the_first_rebalance_with_partitions(tmp_path: Path, monkeypatch) -> None:
    app = worker_faust_app(Settings(home=tmp_path))
    freezes = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(1))
    await app.on_rebalance_complete.send()
    assert freezes == []  # joined, nothing assigned yet
    monkeypatch.setattr(app.assignor, "assigned_actives", lambda: {TP("t", 0)})
    await app.on_rebalance_complete.send()
    await app.on_rebalance_complete.send()
    assert freezes == [1]


# --- outside the fence: faust's public names only


ALLOWED_FAUST_MODULES = {"faust", "faust.types", "faust.serializers", "mode.loop"}
# (`_gap` and `_thread` are left out: the hub has methods of its own by those names)
PRIVATE_NAMES = {*RELIES_ON["consumer_attributes"], *RELIES_ON["store_attributes"],
                 RELIES_ON["aiokafka_consumer_attribute"], "_current_event"} - {"_gap", "_thread"}


def _outside_the_fence() -> list[Path]:
    return [path for area in ("hub", "bench") for path in sorted((ROOT / area).rglob("*.py")) if path != FENCE]


def test_only_the_fence_imports_faust_internals_or_touches_its_private_attributes() -> None:
    found = []
    for path in _outside_the_fence():
        tree = ast.parse(path.read_text(), str(path))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
                if re.match(r"(faust|mode)\b", node.module):
                    found += [f"{where}: imports {alias.name} from {node.module}"
                              for alias in node.names if alias.name.startswith("_")]
            found += [f"{where}: imports {m}" for m in modules
                      if re.match(r"(faust|mode)(\.|$)", m) and m not in ALLOWED_FAUST_MODULES]
            if isinstance(node, ast.Attribute) and node.attr in PRIVATE_NAMES:
                found.append(f"{where}:{node.lineno}: .{node.attr}")
    assert not found, "faust internals outside hub/stream/_faust.py (move them into the fence):\n" + "\n".join(found)


@given(st.dictionaries(st.integers(0, 40), st.tuples(st.one_of(st.none(), st.integers(-1, 50)),
                                                     st.one_of(st.none(), st.integers(-1, 50))), max_size=40),
       st.lists(st.integers(0, 40), max_size=5))
@hypothesis_settings(max_examples=300, deadline=None)
def test_recovery_needs_to_go_on_exactly_when_fausts_count_says_records_are_left(
        partitions: dict[int, tuple[int | None, int | None]], asked_before: list[int]) -> None:
    # The fence's Recovery answers without faust's counter over every partition; the answer must be
    # the counter's, whichever partition it found records left in the last time it was asked.
    from collections import Counter

    from faust.tables.recovery import Recovery as FaustRecovery

    from hub.stream._faust import Recovery

    class Tables:
        active_highwaters = Counter({TP("changelog", p): hw for p, (hw, _) in partitions.items()})
        active_offsets = Counter({TP("changelog", p): off for p, (_, off) in partitions.items()})
        _left_in = None

    tables = Tables()
    expected = any(count > 0 for count in FaustRecovery.active_remaining(tables).values())  # type: ignore[arg-type]
    for partition in asked_before:
        tables._left_in = TP("changelog", partition)
        assert Recovery.need_recovery(tables) is expected  # type: ignore[arg-type]
    assert Recovery.need_recovery(tables) is expected  # type: ignore[arg-type]


def _changelog_record(topic: str, partition: int, offset: int, key: str) -> Message:
    return Message(topic, partition, offset, timestamp=0.0, timestamp_type=0, headers=[],
                   key=f'"{partition}/{key}"'.encode(), value=b'{"value": %d}' % offset, checksum=None)


async def test_a_restore_applies_its_partitions_records_once_each_in_batches_and_ends_when_none_are_left(
        tmp_path: Path) -> None:
    # What `Consumer.getmany` gives `Recovery.take` while a restore runs (faust's own path goes through
    # its conductor and a queue): each record once, written in batches of the table's recovery buffer,
    # and the restore ended at the last one, as `_slurp_changelogs` ends it.
    app = worker_faust_app(Settings(home=tmp_path))
    table = app.Table("fence-canary", partitions=3, default=None, schema=_faust.RawChangelogSchema(),
                      recovery_buffer_size=2)
    recovery = app.tables.recovery
    assert isinstance(recovery, _faust.Recovery)
    name = table.changelog_topic.get_topic_name()
    restored, standby = TP(name, 1), TP(name, 2)
    recovery.add_active(table, restored)
    recovery.add_standby(table, standby)
    recovery.active_highwaters[restored] = 2  # the last offset: three records to restore
    assert not recovery.takes(restored), "taken while no restore runs"

    recovery._set_recovery_started()
    assert recovery.takes(restored) and not recovery.takes(standby), "a standby partition goes faust's way"
    rows = partition_rows(table, 1)
    recovery.take(_changelog_record(name, 1, 0, "a"))
    assert list(rows()) == [], "written before its batch was full"  # type: ignore[misc]
    recovery.take(_changelog_record(name, 1, 1, "b"))
    recovery.take(_changelog_record(name, 1, 1, "b-again"))  # an offset already applied
    assert list(rows()) == [("1/a", {"value": 0}), ("1/b", {"value": 1})]  # type: ignore[misc]
    assert not recovery.signal_recovery_end.is_set()

    waiting = asyncio.ensure_future(recovery.signal_recovery_end.wait())  # as faust's restore waits
    await asyncio.sleep(0)
    recovery.take(_changelog_record(name, 1, 2, "c"))
    assert list(rows()) == [("1/a", {"value": 0}), ("1/b", {"value": 1}), ("1/c", {"value": 2})]  # type: ignore[misc]
    assert table.persisted_offset(restored) == 2
    assert await asyncio.wait_for(waiting, timeout=5) and not recovery.in_recovery
    assert not recovery.takes(restored), "taken after the restore ended"
    # the next restore waits for its own end
    assert not recovery.signal_recovery_end.is_set()


def _counting_tasks(monkeypatch) -> list:
    """Every task mode's `wait_first` makes, from now on."""
    made: list = []
    ensure_future = asyncio.ensure_future
    monkeypatch.setattr(asyncio, "ensure_future", lambda *args, **kwargs: made.append(args) or ensure_future(*args, **kwargs))
    return made


async def test_a_record_its_callback_queues_at_once_is_handed_on_without_tasks(tmp_path: Path, monkeypatch) -> None:
    consumer = worker_faust_app(Settings(home=tmp_path)).consumer
    tasks = _counting_tasks(monkeypatch)

    async def queues(message: str) -> str:
        return f"queued {message}"

    # as faust's `_drain_messages` hands each record to its callback
    handed = await consumer.wait_first(queues("m"), consumer.suspend_flow.wait())
    assert handed.results == ["queued m"] and not handed.stopped
    assert not tasks

    async def refuses(message: str) -> None:
        raise ValueError(message)

    with pytest.raises(ValueError, match="bad record"):
        await consumer.wait_first(refuses("bad record"), consumer.suspend_flow.wait())
    consumer.suspend_flow.set()  # while the flow is suspended, faust's way, tasks and all
    assert (await consumer.wait_first(queues("n"), consumer.suspend_flow.wait())).stopped is False
    assert tasks


async def test_a_callback_that_waits_is_raced_against_a_suspension_of_the_flow(tmp_path: Path) -> None:
    consumer = worker_faust_app(Settings(home=tmp_path)).consumer
    waiting, room, happened = asyncio.Event(), asyncio.Event(), []

    async def waits_for_room(message: str) -> str:
        happened.append(f"read {message}")
        waiting.set()
        try:
            await room.wait()  # a full queue
        except asyncio.CancelledError:
            happened.append(f"dropped {message}")
            raise
        happened.append(f"queued {message}")
        return message

    # room comes: the callback goes on from where it waited
    handing = asyncio.ensure_future(consumer.wait_first(waits_for_room("a"), consumer.suspend_flow.wait()))
    await asyncio.wait_for(waiting.wait(), 5)
    room.set()
    assert (await asyncio.wait_for(handing, 5)).results == ["a"]
    # the flow is suspended first (a rebalance): the callback is cancelled where it waits, as faust does
    room.clear()
    waiting.clear()
    handing = asyncio.ensure_future(consumer.wait_first(waits_for_room("b"), consumer.suspend_flow.wait()))
    await asyncio.wait_for(waiting.wait(), 5)
    consumer.suspend_flow.set()
    handed = await asyncio.wait_for(handing, 5)
    assert handed.results == [True]  # the suspension won: its wait returned True
    assert happened == ["read a", "queued a", "read b", "dropped b"]
