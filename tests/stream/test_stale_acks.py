"""faust's acknowledgement of a record it skipped around a rebalance must not commit its offset."""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

import pytest
from faust.transport.consumer import Consumer
from faust.types.tuples import Message

from hub.stream.stale_acks import refuse_stale_acks


class _FlowControl:
    def __init__(self, active: bool) -> None:
        self.active = active

    def is_active(self) -> bool:
        return self.active


def _consumer(flow_active: bool, generation: int) -> SimpleNamespace:
    """Just the state faust's Consumer.ack reads and writes."""
    app = SimpleNamespace(flow_control=_FlowControl(flow_active), consumer_generation_id=generation,
                          topics=SimpleNamespace(acks_enabled_for=lambda topic: True))
    return SimpleNamespace(app=app, _committed_offset=defaultdict(lambda: None), _acked_index=defaultdict(set),
                           _acked=defaultdict(list), _n_acked=0, _unacked_messages=set(), _waiting_for_ack=None)


def _message(offset: int, generation: int) -> Message:
    return Message("koordinate.needs", 0, offset, 0.0, 0, [], b"k", b"v", None, generation_id=generation)


@pytest.mark.parametrize(("flow_active", "current_generation"), [(False, 3), (True, 4)],
                         ids=["during a rebalance", "fetched in an earlier generation"])
def test_a_skipped_record_is_released_but_not_marked_processed(flow_active, current_generation):
    refuse_stale_acks()
    consumer, message = _consumer(flow_active, current_generation), _message(41, generation=3)
    consumer._unacked_messages.add(message)
    assert Consumer.ack(consumer, message) is False
    assert message.acked and message not in consumer._unacked_messages  # nothing waits for it
    assert consumer._acked[message.tp] == []  # and its offset is not committable: it is read again


def test_a_record_of_the_current_generation_is_acknowledged_as_before():
    refuse_stale_acks()
    refuse_stale_acks()  # patching twice changes nothing
    consumer, message = _consumer(True, 3), _message(41, generation=3)
    consumer._unacked_messages.add(message)
    assert Consumer.ack(consumer, message) is True
    assert consumer._acked[message.tp] == [41] and message not in consumer._unacked_messages
