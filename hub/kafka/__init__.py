"""Thin, typed access to Kafka with aiokafka: cluster checks, the event producer, the topic reader, and the
entity directory the gateway and the sinks share, fed by that reader."""
