"""What every benchmark shares: a broker (own LocalBroker or --bootstrap), a worker process, reports.

A report is one JSON file per benchmark run under bench/results/ with the machine, the versions,
the parameters and the figures; the plot next to it has the same stem.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from hub.broker.ports import free_port_pair
from hub.settings import BrokerSettings, Settings, subprocess_environment
from hub.topics.admin import apply_topics

RESULTS = Path(__file__).parent / "results"
REPO = Path(__file__).resolve().parent.parent


# -- machine and versions -------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kb / 2**20, 1),
            "loadavg": [round(x, 2) for x in os.getloadavg()], "kernel": platform.release()}


def versions(kafka_version: str | None = None) -> dict[str, str]:
    out = {"python": platform.python_version()}
    for dist in ("faust-streaming", "aiokafka", "koordinate", "rapidfuzz", "datasketch"):
        try:
            out[dist] = version(dist)
        except Exception:  # noqa: BLE001 - a missing package is reported, not fatal
            out[dist] = "absent"
    out["kafka"] = kafka_version or BrokerSettings().kafka_version
    try:
        out["git"] = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                                    text=True, timeout=5).stdout.strip()
    except OSError:
        pass
    return out


def rss_mib() -> float:
    """Resident set size of this process (VmRSS), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mib_of(pid: int) -> float:
    """Peak resident set size of a process (VmHWM), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds_of(pid: int) -> float:
    """User + system CPU time of a process (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_report(name: str, parameters: dict[str, Any], figures: dict[str, Any], broker: str,
                 kafka_version: str | None = None, **extra: Any) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"benchmark": name, "date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(),
              "versions": versions(kafka_version), "broker": broker, "parameters": parameters, **figures, **extra}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    return path


# -- broker ---------------------------------------------------------------------------------------
@contextmanager
def broker(bootstrap: str | None) -> Iterator[str]:
    """The bootstrap address: the given one, or a LocalBroker of our own (stopped afterwards)."""
    if bootstrap:
        yield bootstrap
        return
    from hub.broker import LocalBroker

    home = Path(tempfile.mkdtemp(prefix="koordinate-bench-"))
    port = free_port_pair()
    local = LocalBroker(Settings(home=home, bootstrap_servers=f"127.0.0.1:{port}",
                                 broker=BrokerSettings(port=port, heap="1g")))
    print(f"starting a local Kafka broker on {local.address} (data in {home})", flush=True)
    local.start()
    try:
        yield local.address
    finally:
        local.stop()
        shutil.rmtree(home, ignore_errors=True)


def fresh_settings(bootstrap: str, label: str, home: Path | None = None) -> Settings:
    """Settings with a topic prefix of their own, so runs never see each other's records."""
    home = home or Path(tempfile.mkdtemp(prefix=f"koordinate-bench-{label}-"))
    return Settings(bootstrap_servers=bootstrap, topic_prefix=f"bench{label}{uuid.uuid4().hex[:6]}", home=home)


async def create_topics(settings: Settings) -> None:
    await apply_topics(settings.bootstrap_servers, settings.topic_prefix)


# -- the worker -----------------------------------------------------------------------------------
def worker_environment(settings: Settings, **extra: str) -> dict[str, str]:
    return subprocess_environment(settings, **{"KOORDINATE_LOG_LEVEL": "warning", "PYTHONPATH": str(REPO), **extra})


class Worker:
    """`koordinate worker` as a subprocess (optionally under pyinstrument); killable like a crash."""

    def __init__(self, settings: Settings, name: str = "worker-1", profile: Path | None = None,
                 command: tuple[str, ...] = ("hub.cli.main", "worker"), log_label: str | None = None,
                 **env: str) -> None:
        self.settings = settings
        self.command = command  # module and arguments for `python -m`
        # a restart under the same name gets a log of its own with a label
        self.log_file = settings.home / f"{name}{'-' + log_label if log_label else ''}.log"
        self.env = worker_environment(settings, KOORDINATE_WORKER__NAME=name, **env)
        self.profile = profile
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    def start(self) -> Worker:
        if self.profile:
            # pyinstrument writes its report when the worker exits on SIGINT/SIGTERM.
            args = [sys.executable, "-m", "pyinstrument", "-o", str(self.profile), "-r", "session",
                    "-m", *self.command]
        else:
            args = [sys.executable, "-m", *self.command]
        log = open(self.log_file, "ab")
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(args, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, cwd=str(REPO))
        log.close()
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def cpu_seconds(self) -> float:
        try:
            return cpu_seconds_of(self.pid)
        except (OSError, IndexError):
            return float("nan")

    def peak_rss_mib(self) -> float:
        try:
            return round(peak_rss_mib_of(self.pid), 1)
        except (OSError, ValueError):
            return float("nan")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def stop(self, timeout_s: float = 60.0) -> None:
        import signal

        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT if self.profile else signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.kill()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_file.exists():
            return ""
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])


def logged_partitions(log_file: Path, message: str) -> list[int]:
    """The area partition named by each JSON log line of a worker with this message, in order
    ("partition engine ready", "partition engine kept across the rebalance")."""
    if not log_file.exists():
        return []
    return [json.loads(line[line.index("{"):])["partition"]
            for line in log_file.read_text(errors="replace").splitlines() if f'"{message}"' in line]


# -- offsets --------------------------------------------------------------------------------------
async def end_offsets(bootstrap: str, topics: list[str]) -> dict[TopicPartition, int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = []
        for topic in topics:
            ids = consumer.partitions_for_topic(topic)
            if not ids:
                await consumer._client.force_metadata_update()
                ids = consumer.partitions_for_topic(topic) or set()
            partitions += [TopicPartition(topic, p) for p in sorted(ids)]
        return await consumer.end_offsets(partitions) if partitions else {}
    finally:
        await consumer.stop()


class GroupOffsets:
    """Committed offsets of a consumer group (one admin client kept open while polling)."""

    def __init__(self, bootstrap: str, group: str) -> None:
        self._admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        self._group = group

    async def __aenter__(self) -> GroupOffsets:
        await self._admin.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._admin.close()

    async def committed(self) -> dict[TopicPartition, int]:
        try:
            offsets = await self._admin.list_consumer_group_offsets(self._group)
        except Exception:  # noqa: BLE001 - the group may not exist yet
            return {}
        return {tp: meta.offset for tp, meta in offsets.items() if meta.offset >= 0}


async def last_record_time(bootstrap: str, topics: list[str]) -> float | None:
    """Latest CreateTime (s since epoch) of the last record of each partition of these topics."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    latest: float | None = None
    try:
        ends = await end_offsets(bootstrap, topics)
        wanted = {tp: end - 1 for tp, end in ends.items() if end > 0}
        if not wanted:
            return None
        consumer.assign(list(wanted))
        for tp, offset in wanted.items():
            consumer.seek(tp, offset)
        remaining = set(wanted)
        deadline = time.monotonic() + 30
        while remaining and time.monotonic() < deadline:
            batch = await consumer.getmany(*remaining, timeout_ms=1000)
            for tp, records in batch.items():
                for record in records:
                    if record.offset >= wanted[tp]:
                        latest = max(latest or 0.0, record.timestamp / 1000)
                        remaining.discard(tp)
        return latest
    finally:
        await consumer.stop()


async def first_record_time(bootstrap: str, topic: str) -> float | None:
    """Earliest CreateTime (s since epoch) among the first records of the topic's partitions."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
    await consumer.start()
    earliest: float | None = None
    try:
        ends = await end_offsets(bootstrap, [topic])
        parts = [tp for tp, end in ends.items() if end > 0]
        if not parts:
            return None
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        remaining = set(parts)
        deadline = time.monotonic() + 30
        while remaining and time.monotonic() < deadline:
            batch = await consumer.getmany(*remaining, timeout_ms=1000, max_records=1)
            for tp, records in batch.items():
                if records:
                    earliest = min(earliest or 1e18, records[0].timestamp / 1000)
                    remaining.discard(tp)
        return earliest
    finally:
        await consumer.stop()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    import math

    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def run(coro):  # noqa: ANN001, ANN201 - tiny asyncio.run wrapper shared by the subcommands
    return asyncio.run(coro)


def render_profile(session: Path) -> None:
    """A pyinstrument session of a worker as text next to it (`.txt`); the session is dropped."""
    if not session.exists():
        print(f"  no profile written at {session}", flush=True)
        return
    text = session.with_suffix(".txt")
    # the session (hundreds of MB) is rendered to a short text tree plus the top functions by self
    # time (faust, mode and asyncio frames included), and then dropped
    render = [sys.executable, "-m", "pyinstrument", "--load", str(session), "-r", "text"]
    tree = subprocess.run(render, capture_output=True, text=True, check=False).stdout
    flat = subprocess.run([*render, "-p", "flat", "-p", "show_all"], capture_output=True, text=True,
                          check=False).stdout
    top = "\n".join(flat.splitlines()[:60])
    text.write_text(f"{tree}\n\nTop functions by self time (first 60 lines of -p flat -p show_all):\n{top}\n")
    session.unlink(missing_ok=True)
    print(f"  profile: {text}", flush=True)
