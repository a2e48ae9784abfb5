"""The mark `to_kafka` sets on a record made from a validated model, and what it is bound to."""

from __future__ import annotations

from schemas import VALIDATED_HEADER, carries_validation_stamp, to_event, to_kafka
from tests.builders import need, offer


def test_a_record_made_from_a_model_carries_the_stamp_of_its_value() -> None:
    record = to_kafka(need("stamped"))
    assert [name for name, _ in record.headers].count(VALIDATED_HEADER) == 1
    assert carries_validation_stamp(record.value, record.headers)


def test_a_record_passed_on_as_an_envelope_is_not_stamped() -> None:
    """A CloudEvent may hold data nobody validated (read from an HTTP body, a file, another system)."""
    record = to_kafka(to_event(need("envelope")))
    assert VALIDATED_HEADER not in [name for name, _ in record.headers]
    assert not carries_validation_stamp(record.value, record.headers)


def test_the_stamp_does_not_hold_for_other_data() -> None:
    record, other = to_kafka(need("first")), to_kafka(offer("second"))
    changed = record.value.replace(b'"revision":1', b'"revision":2')
    assert changed != record.value
    assert not carries_validation_stamp(changed, record.headers)  # the value was edited after stamping
    assert not carries_validation_stamp(other.value, record.headers)  # the header copied onto another record
    assert not carries_validation_stamp(None, record.headers)  # a tombstone
    assert not carries_validation_stamp(record.value, [h for h in record.headers if h[0] != VALIDATED_HEADER])
