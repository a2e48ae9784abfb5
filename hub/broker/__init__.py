"""The local single-node Apache Kafka broker (KRaft) that tests and `koordinate up` run on."""

from hub.broker.process import BrokerStatus, LocalBroker

__all__ = ["BrokerStatus", "LocalBroker"]
