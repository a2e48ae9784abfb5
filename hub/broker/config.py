"""Renders the KRaft combined-mode server.properties and the log4j2 config of the local broker."""

from __future__ import annotations

from pathlib import Path


def server_properties(*, host: str, port: int, controller_port: int, log_dirs: Path) -> str:
    # One node is both broker and controller; internal topics get replication factor 1 and a
    # consumer group starts without waiting, which keeps tests fast.
    return "\n".join([
        "process.roles=broker,controller",
        "node.id=1",
        f"controller.quorum.bootstrap.servers={host}:{controller_port}",
        f"listeners=PLAINTEXT://{host}:{port},CONTROLLER://{host}:{controller_port}",
        f"advertised.listeners=PLAINTEXT://{host}:{port}",
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        f"log.dirs={log_dirs}",
        "num.partitions=1",
        "default.replication.factor=1",
        "min.insync.replicas=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=10",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        # Topics come from the spec (`koordinate topics apply`) and faust declares its own, so a
        # typo in a topic name fails loudly instead of creating a stray one-partition topic.
        "auto.create.topics.enable=false",
        "delete.topic.enable=true",
        "log.segment.bytes=67108864",
        "log.cleaner.dedupe.buffer.size=33554432",
        "",
    ])


def log4j2_config(log_file: Path) -> str:
    # Kafka 4 logs through log4j2; everything goes to one rolling file, nothing to the terminal.
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN" name="koordinate-broker">
  <Appenders>
    <RollingFile name="file" fileName="{log_file}" filePattern="{log_file}.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20MB"/></Policies>
      <DefaultRolloverStrategy max="3"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="kafka.log.LogCleaner" level="WARN"/>
    <Root level="INFO"><AppenderRef ref="file"/></Root>
  </Loggers>
</Configuration>
"""
