"""Runs the hub's processes side by side for `koordinate up`, each with its own log file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Component:
    """One long-running hub process, e.g. `koordinate worker`."""

    name: str
    args: list[str]
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def log_file(self, logs: Path) -> Path:
        return logs / f"{self.name}.log"


class Supervisor:
    """Starts components, notices when one dies, and stops them all on Ctrl-C or SIGTERM."""

    def __init__(self, components: list[Component], logs: Path, env: dict[str, str] | None = None) -> None:
        self.components = components
        self.logs = logs
        self.env = env or dict(os.environ)
        self._stopping = False

    def start(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        executable = str(Path(sys.executable).parent / "koordinate")
        for component in self.components:
            with open(component.log_file(self.logs), "ab") as log:
                component.process = subprocess.Popen(
                    [executable, *component.args], stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, env=self.env,
                )

    def wait(self, on_exit=None) -> int:
        """Block until stopped; returns 1 when a component died on its own, else 0."""
        def _stop(signum, frame):  # noqa: ARG001 - signal handler signature
            self._stopping = True

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        try:
            while not self._stopping:
                for component in self.components:
                    if component.process and component.process.poll() is not None:
                        if on_exit:
                            on_exit(component)
                        return 1
                time.sleep(0.5)
            return 0
        finally:
            self.stop()

    def stop(self, timeout_s: float = 30.0) -> None:
        for component in self.components:
            if component.process and component.process.poll() is None:
                component.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        for component in self.components:
            if component.process is None:
                continue
            try:
                component.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                component.process.kill()
