"""A record the engine cannot apply is dead-lettered, and the worker goes on; any other failure of a
batch stops the worker with the batch uncommitted, and its restart applies it.

No real input makes the engine raise today, so the failures come from the worker's test fault hook
(`hub/stream/area_stage.py`, `FaultHook`, set through `KOORDINATE_TEST_FAULT_HOOK`), which raises
where the stage calls the engine, as an engine bug would.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from hub.deadletters.letter import read_dead_letter_headers
from hub.engine import EngineConfig, EngineTables
from hub.kafka.reader import read_topic
from hub.stream.app import area_stream_name
from hub.stream.area_stage import FAULT_HOOK_VARIABLE, AreaStage, FaultHook
from hub.stream.route_stage import RouteStage
from schemas import Need, Offer, to_kafka
from tests.stream.group import committed_offsets
from tests.stream.test_worker_recovery import NO_TICKS, _area_stream, _replay_derived, _settled_output
from tests.stream.workload import mixed_workload
from tests.support import produce_models, wait_until

TIMEOUT = 240


def _event_id(model) -> str:
    return dict(to_kafka(model).headers)["ce_id"].decode()


def _poison_need(events) -> Need:
    """A need in the middle of Leipzig's events that no status update refers to."""
    return next(e for e in events if isinstance(e, Need) and e.source_record_id == "14713000-n11")


def _without(records, event_id: str) -> list:
    return [r for r in records if dict(r.headers).get("ce_id", b"").decode() != event_id]


async def _dead_letters_of(settings, event_id: str) -> list:
    records = await read_topic(settings.bootstrap_servers, settings.topic_name("deadletter"))
    return [r for r in records if dict(r.headers).get("ce_id", b"").decode() == event_id]


# --- the isolation, without Kafka ---------------------------------------------------------------


class _Stage(AreaStage):
    """The area stage over dicts, without the read-back of emitted events (nothing was sent)."""

    async def _emitted_since_commit(self, partition, positions) -> set[str]:
        return set()


def _stage(fault_hook: FaultHook) -> _Stage:
    topics = {suffix: SimpleNamespace(suffix=suffix) for suffix in ("matches", "gaps", "duplicates", "coverage", "state")}
    return _Stage({name: {} for name in EngineTables.names()}, {}, {}, EngineConfig(), topics,
                  SimpleNamespace(suffix="deadletter"), "unused:9092", flush=None, fault_hook=fault_hook)


def _area_events(models, partition: int = 0) -> list:
    events = []
    for offset, model in enumerate(models):
        record = to_kafka(model)
        message = SimpleNamespace(topic="t.worker.by-area", partition=partition, offset=offset, headers=record.headers,
                                  timestamp=None)
        events.append(SimpleNamespace(message=message, key=b"14713000", value=record.value))
    return events


def _derived_ids(records) -> list[tuple[str, str]]:
    return [(topic.suffix, dict(headers)["ce_id"].decode()) for topic, _key, _value, headers, _p in records
            if topic.suffix != "deadletter"]


async def test_a_batch_with_a_poison_record_applies_the_others_once_and_dead_letters_it():
    models = [e for e in mixed_workload(seed=5, offers_per_area=8, needs_per_area=24)
              if isinstance(e, (Need, Offer)) and e.area.ags == "14713000"]  # one area: one partition
    poison = _poison_need(models)
    events = _area_events(models)
    poisoned_at = models.index(poison)
    assert 0 < poisoned_at < len(models) - 1

    clean = _stage(FaultHook())
    expected, _, _ = await clean._apply_isolating(_area_events([m for m in models if m is not poison]))
    stage = _stage(FaultHook(apply=frozenset({_event_id(poison)})))
    records, owners, last_event_of = await stage._apply_isolating(events)

    assert _derived_ids(records) == _derived_ids(expected)  # the others: all of it, once, in order
    [letter] = [r for r in records if r[0].suffix == "deadletter"]
    context = read_dead_letter_headers(letter[3])
    assert context["stage"] == "APPLY" and context["exception.class.name"] == "InjectedFault"
    assert context["exception.message"].startswith("InjectedFault while applying: test fault hook")
    assert context["offset"] == str(poisoned_at) and letter[2] == events[poisoned_at].value
    # the buffered state is that of the clean run: no half of the poison record stayed
    [(engine, _)] = last_event_of.values()
    [(clean_engine, _)] = (await clean._apply_isolating(_area_events([m for m in models if m is not poison])))[2].values()
    assert {name: staged.changes() for name, staged in engine.staged.items()} == \
        {name: staged.changes() for name, staged in clean_engine.staged.items()}


# --- through a real worker ----------------------------------------------------------------------


@pytest.mark.kafka
async def test_a_poison_record_is_dead_lettered_and_the_worker_derives_the_rest_once(hub_settings, start_worker):
    events = mixed_workload(seed=13, offers_per_area=8, needs_per_area=24)
    poison = _poison_need(events)
    poison_id = _event_id(poison)
    first_half, second_half = events[:events.index(poison) + 5], events[events.index(poison) + 5:]
    worker = start_worker(**NO_TICKS, **{FAULT_HOOK_VARIABLE: f"apply:{poison_id}"})
    await produce_models(hub_settings, first_half)

    letters = await wait_until(lambda: _dead_letters_of(hub_settings, poison_id), TIMEOUT,
                               "the poison record's dead letter", processes=[worker])
    await produce_models(hub_settings, second_half)  # after the poison record: the worker goes on

    await _settled_output(hub_settings, set(), worker)  # everything routed, applied and committed
    area = await _area_stream(hub_settings)
    expected = _replay_derived(_without(area, poison_id))
    output = await _settled_output(hub_settings, expected, worker)

    assert {key for key in output if not key[0].endswith("coverage.v1")} == expected
    assert [key for key, count in output.items() if count > 1] == []
    [poisoned] = [r for r in area if dict(r.headers)["ce_id"].decode() == poison_id]
    same_partition = [r for r in area if r.partition == poisoned.partition]
    assert same_partition[0].offset < poisoned.offset < same_partition[-1].offset, "records on both sides"
    letters = await _dead_letters_of(hub_settings, poison_id)
    assert len(letters) == 1, "dead-lettered once"
    context = read_dead_letter_headers(letters[0].headers)
    assert context["stage"] == "APPLY" and context["exception.class.name"] == "InjectedFault"
    assert "test fault hook" in context["exception.message"]
    assert (context["topic"], context["partition"], context["offset"]) == \
        (area_stream_name(hub_settings), str(poisoned.partition), str(poisoned.offset))
    assert letters[0].value == poisoned.value
    assert worker.exit_code() is None, f"the worker stopped; log:\n{worker.log_tail()}"
    assert '"poison record dead-lettered"' in worker.log_file.read_text()


@pytest.mark.kafka
async def test_a_batch_that_fails_otherwise_stops_the_worker_uncommitted_and_its_restart_applies_it(
        hub_settings, start_worker):
    events = mixed_workload(seed=14, offers_per_area=8, needs_per_area=24)
    failing = _poison_need(events)
    failing_id = _event_id(failing)
    worker = start_worker(**NO_TICKS, **{FAULT_HOOK_VARIABLE: f"commit:{failing_id}"})
    await produce_models(hub_settings, events)

    async def stopped():
        return worker.exit_code() is not None

    await wait_until(stopped, TIMEOUT, lambda: f"the worker to stop on the failed batch; log:\n{worker.log_tail()}")
    assert worker.exit_code() != 0
    area = await _area_stream(hub_settings)
    [failed] = [r for r in area if dict(r.headers)["ce_id"].decode() == failing_id]
    committed = {(tp.topic, tp.partition): meta.offset for tp, meta in (await committed_offsets(hub_settings)).items()}
    assert committed.get((failed.topic, failed.partition), 0) <= failed.offset, "committed past an unapplied record"

    restarted = start_worker(**NO_TICKS)  # same name and state, without the fault
    await _settled_output(hub_settings, set(), restarted)
    expected = _replay_derived(await _area_stream(hub_settings))
    output = await _settled_output(hub_settings, expected, restarted)
    assert {key for key in output if not key[0].endswith("coverage.v1")} == expected
    assert [key for key, count in output.items() if count > 1] == []
    assert await _dead_letters_of(hub_settings, failing_id) == []


def test_a_record_whose_routing_raises_is_dead_lettered_and_the_others_routed_once():
    models = [e for e in mixed_workload(seed=5, offers_per_area=4, needs_per_area=6) if isinstance(e, (Need, Offer))]
    poison = models[3]

    class Routing(RouteStage):
        def _route(self, event):
            if dict(event.message.headers)["ce_id"].decode() == _event_id(poison):
                self._router(event.message.partition)[1][0]["half-written"] = "AGS"  # then it fails
                raise KeyError("a routing bug")
            return super()._route(event)

    def stage() -> RouteStage:
        return Routing({}, {}, SimpleNamespace(suffix="by-area"), SimpleNamespace(suffix="deadletter"))

    events = _area_events(models)
    records, _ = stage()._route_isolating(events)
    expected, _ = stage()._route_isolating([e for e in events if e.value != to_kafka(poison).value])
    routed = [(dict(r[3])["ce_id"], r[1]) for r in records if r[0].suffix == "by-area"]
    assert routed == [(dict(r[3])["ce_id"], r[1]) for r in expected]
    [letter] = [r for r in records if r[0].suffix == "deadletter"]
    context = read_dead_letter_headers(letter[3])
    assert context["stage"] == "ROUTE" and context["exception.class.name"] == "KeyError"
    assert "a routing bug" in context["exception.message"] and context["offset"] == "3"
    isolated = stage()
    isolated._route_isolating(events)
    assert "half-written" not in isolated._router(0)[1][0].changes()[0]
