"""Thin, typed access to Kafka with aiokafka: cluster checks, the event producer, admin clients."""
