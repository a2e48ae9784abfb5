"""What the hub writes to Kafka is readable by an independent client (librdkafka), headers included."""

from __future__ import annotations

import asyncio

import pytest
from confluent_kafka import Consumer, TopicPartition

from hub.kafka.producer import EventProducer

pytestmark = pytest.mark.kafka


def _read_with_librdkafka(bootstrap: str, topic: str, partition: int, offset: int, timeout_s: float = 30.0):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "interop-check",
                         "enable.auto.commit": False})
    try:
        consumer.assign([TopicPartition(topic, partition, offset)])
        message = consumer.poll(timeout_s)
        assert message is not None, "librdkafka read nothing within the timeout"
        assert message.error() is None, message.error()
        return message
    finally:
        consumer.close()


async def test_record_produced_by_hub_is_read_back_by_librdkafka(kafka, hub_settings, hub_topics):
    topic = hub_topics["needs"]
    headers = [("ce_specversion", b"1.0"), ("ce_type", b"org.koordinate.need.v1"),
               ("ce_id", "b\u00e4ckerei-\u00fc".encode())]
    async with EventProducer(kafka.bootstrap_servers) as producer:
        sent = await producer.send(topic, b'{"title": "Deutschkurs"}', key=b"entity-1", headers=headers)

    message = await asyncio.to_thread(
        _read_with_librdkafka, kafka.bootstrap_servers, topic, sent.partition, sent.offset
    )
    assert message.key() == b"entity-1"
    assert message.value() == b'{"title": "Deutschkurs"}'
    assert message.headers() == headers
    assert message.offset() == sent.offset


async def test_producer_to_unreachable_cluster_says_so():
    from hub.errors import BrokerUnavailable
    from hub.broker.ports import free_port_pair

    producer = EventProducer(f"127.0.0.1:{free_port_pair()}", request_timeout_s=2)
    with pytest.raises(BrokerUnavailable, match="no Kafka broker answers"):
        await producer.start()
