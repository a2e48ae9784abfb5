"""Finding free ports for a local broker (client listener p, controller listener p + 1)."""

from __future__ import annotations

import socket


def free_port_pair(host: str = "127.0.0.1", attempts: int = 50) -> int:
    """A port p such that p and p+1 are both free on `host` right now."""
    for _ in range(attempts):
        with socket.socket() as probe:
            probe.bind((host, 0))
            port = probe.getsockname()[1]
        if port >= 65535:
            continue
        with socket.socket() as second:
            try:
                second.bind((host, port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError(f"no pair of free ports found on {host}")
