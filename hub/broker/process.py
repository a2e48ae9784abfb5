"""Starts, stops and inspects the local single-node Kafka broker (KRaft combined mode)."""

from __future__ import annotations

import asyncio
import base64
import os
import resource
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from hub.broker.config import log4j2_config, server_properties
from hub.broker.jars import classpath, ensure_kafka_jars, java_executable
from hub.errors import BrokerError, BrokerUnavailable
from hub.kafka.cluster import cluster_answers, wait_for_cluster
from hub.settings import Settings

_MAIN_CLASS = "kafka.Kafka"


@dataclass(frozen=True)
class BrokerStatus:
    running: bool
    answering: bool
    pid: int | None
    address: str
    data_dir: Path
    log_file: Path

    def describe(self) -> str:
        if not self.running:
            return f"not running (data in {self.data_dir})"
        state = "answering" if self.answering else "starting or not answering"
        return f"running, pid {self.pid}, at {self.address}, {state}; data {self.data_dir}; log {self.log_file}"


class LocalBroker:
    """One Kafka broker+controller process whose data lives in `data_dir` and survives restarts."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._broker = settings.broker
        self.data_dir = settings.broker_data_dir.resolve()
        self.jars_dir = settings.kafka_jars_dir
        self.address = f"{self._broker.host}:{self._broker.port}"

    # -- paths -------------------------------------------------------------------------------
    @property
    def log_file(self) -> Path:
        return self.data_dir / "broker.log"

    @property
    def _pid_file(self) -> Path:
        return self.data_dir / "broker.pid"

    @property
    def _properties(self) -> Path:
        return self.data_dir / "server.properties"

    @property
    def _log_dirs(self) -> Path:
        return self.data_dir / "kraft-logs"

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> BrokerStatus:
        """Start the broker (fetching jars and formatting storage the first time) and wait for it."""
        current = self.status()
        if current.running:
            return current
        self._check_data_dir()
        for port in (self._broker.port, self._broker.effective_controller_port):
            _check_port_free(self._broker.host, port)
        jars = ensure_kafka_jars(self._broker.kafka_version, self.jars_dir)
        self._write_configs()
        self._format_storage_once(jars)
        process = self._launch(jars)
        try:
            asyncio.run(wait_for_cluster(
                self.address, self._broker.start_timeout_s, still_worth_waiting=lambda: process.poll() is None
            ))
        except BrokerUnavailable as exc:
            exited = process.poll() is not None
            if not exited:
                self._terminate(process.pid)
            self._pid_file.unlink(missing_ok=True)
            reason = "exited during start-up" if exited else "did not answer in time"
            raise BrokerError(f"the broker {reason}; last lines of {self.log_file}:\n{self._log_tail()}") from exc
        return self.status()

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stop the broker with a controlled shutdown; False when it was not running."""
        pid = self._running_pid()
        if pid is None:
            self._pid_file.unlink(missing_ok=True)
            return False
        self._terminate(pid, timeout_s)
        self._pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> BrokerStatus:
        pid = self._running_pid()
        answering = pid is not None and asyncio.run(cluster_answers(self.address, timeout_s=3.0))
        return BrokerStatus(pid is not None, answering, pid, self.address, self.data_dir, self.log_file)

    # -- steps ----------------------------------------------------------------------------------
    def _check_data_dir(self) -> None:
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise BrokerError(f"the broker data directory {self.data_dir} is a file, not a directory")
        meta = self._log_dirs / "meta.properties"
        if meta.exists():
            fields = _read_properties(meta)
            missing = {"cluster.id", "node.id"} - fields.keys()
            if missing:
                raise BrokerError(
                    f"the broker data directory {self.data_dir} is broken: {meta} lacks "
                    f"{', '.join(sorted(missing))}; move the directory away or choose another data_dir"
                )
        elif self._log_dirs.exists() and any(self._log_dirs.iterdir()):
            raise BrokerError(
                f"the broker data directory {self.data_dir} is broken: {self._log_dirs} holds data "
                "but no meta.properties; move the directory away or choose another data_dir"
            )
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BrokerError(f"cannot create the broker data directory {self.data_dir}: {exc}") from exc
        if not os.access(self.data_dir, os.W_OK):
            raise BrokerError(f"the broker data directory {self.data_dir} is not writable")

    def _write_configs(self) -> None:
        self._properties.write_text(server_properties(
            host=self._broker.host, port=self._broker.port,
            controller_port=self._broker.effective_controller_port, log_dirs=self._log_dirs,
        ), encoding="utf-8")
        (self.data_dir / "log4j2.xml").write_text(log4j2_config(self.log_file), encoding="utf-8")

    def _java_command(self, jars: Path, main_class: str, *args: str) -> list[str]:
        return [
            java_executable(), f"-Xmx{self._broker.heap}", "-Xms128m", "-XX:+UseG1GC",
            "-Djava.awt.headless=true", f"-Dlog4j2.configurationFile={self.data_dir / 'log4j2.xml'}",
            f"-Dkafka.logs.dir={self.data_dir}", "-cp", classpath(jars), main_class, *args,
        ]

    def _format_storage_once(self, jars: Path) -> None:
        if (self._log_dirs / "meta.properties").exists():
            return
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        result = subprocess.run(
            # "--cluster-id=" keeps an id that starts with "-" (base64url) from reading as an option
            self._java_command(jars, "kafka.tools.StorageTool", "format", "--standalone",
                               f"--cluster-id={cluster_id}", "-c", str(self._properties)),
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise BrokerError(f"formatting the KRaft storage in {self._log_dirs} failed:\n"
                              f"{(result.stdout + result.stderr).strip()[-800:]}")

    def _launch(self, jars: Path) -> subprocess.Popen[bytes]:
        stdout = open(self.data_dir / "broker.out", "ab")  # the JVM's own crash output
        process = subprocess.Popen(
            self._java_command(jars, _MAIN_CLASS, str(self._properties)),
            stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.STDOUT,
            start_new_session=True,  # survives the CLI that started it; not killed by its Ctrl-C
            preexec_fn=_raise_open_files_limit,
        )
        stdout.close()
        self._pid_file.write_text(str(process.pid), encoding="utf-8")
        return process

    def _running_pid(self) -> int | None:
        try:
            pid = int(self._pid_file.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None
        return pid if _is_our_broker(pid, self._properties) else None

    def _terminate(self, pid: int, timeout_s: float = 60.0) -> None:
        _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.1)
        _signal(pid, signal.SIGKILL)

    def _log_tail(self, lines: int = 12) -> str:
        text = ""
        for path in (self.log_file, self.data_dir / "broker.out"):
            if path.exists():
                text += path.read_text(encoding="utf-8", errors="replace")
        wanted = [line for line in text.splitlines() if "ERROR" in line or "Exception" in line]
        return "\n".join((wanted or text.splitlines())[-lines:]) or "(the log is empty)"


def _raise_open_files_limit() -> None:
    # Kafka keeps several files open per partition segment; thousands of partitions (a test run,
    # a large installation) pass the usual limit of a few thousand and the broker dies.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for wanted in (1_048_576, 262_144, hard):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, max(wanted, hard)))
            return
        except (ValueError, OSError):
            continue


def _check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise BrokerError(
                f"port {port} on {host} is already in use by another program; choose another with "
                "--port (or KOORDINATE_BROKER__PORT)"
            ) from exc


def _read_properties(path: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            fields[key.strip()] = value.strip()
    return fields


def _alive(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our child, so it does not linger as a zombie
    except ChildProcessError:
        pass
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return False


def _is_our_broker(pid: int, properties: Path) -> bool:
    # A pid file can outlive its process and the pid be reused: check the command line too.
    if not _alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return _MAIN_CLASS.encode() in cmdline and str(properties).encode() in cmdline


def _signal(pid: int, sig: signal.Signals) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
