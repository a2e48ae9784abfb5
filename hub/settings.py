"""Settings of every hub process, from KOORDINATE_* environment variables and an optional file.

Precedence: explicit arguments > environment > settings file (TOML or YAML) > defaults.
"""

from __future__ import annotations

import os
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from hub.errors import SettingsError

CONFIG_FILE_VARIABLE = "KOORDINATE_CONFIG"


def default_home() -> Path:
    """Where the hub keeps its local state (broker data, read store) unless told otherwise."""
    return Path(os.environ.get("KOORDINATE_HOME", Path.cwd() / ".koordinate"))


def default_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "koordinate"


class BrokerSettings(BaseModel):
    """The local single-node Kafka broker started by `koordinate broker start`."""

    kafka_version: str = "4.1.0"
    host: str = "127.0.0.1"
    port: int = Field(9092, ge=1, le=65535)
    controller_port: int | None = Field(None, ge=1, le=65535, description="default: port + 1")
    data_dir: Path | None = Field(None, description="default: $KOORDINATE_HOME/broker")
    jars_dir: Path | None = Field(None, description="default: ~/.cache/koordinate/kafka/<version>")
    heap: str = "768m"
    start_timeout_s: float = Field(90.0, gt=0)

    @property
    def effective_controller_port(self) -> int:
        return self.controller_port or self.port + 1


class WorkerSettings(BaseModel):
    """The faust stream worker (`koordinate worker`)."""

    name: str = Field("worker-1", pattern=r"^[A-Za-z0-9_.-]+$", description="keeps its local state apart")
    partitions: int = Field(6, ge=1, description="of the area stream and the state tables")
    # A gap whose deadline passed is raised at the next tick, so the interval is added to that latency.
    # Each tick is a small record per assigned area partition (4 a second each at 0.25 s).
    tick_interval_s: float = Field(0.25, gt=0, description="how often gap and expiry timers are checked")
    metrics_port: int | None = Field(None, ge=1, le=65535, description="Prometheus /metrics; off when unset")
    metrics_host: str = Field("127.0.0.1", description="0.0.0.0 to let a Prometheus on another host scrape")
    # faust opens one RocksDB per table and partition (about 90 here) and its defaults give each a
    # 2 GiB block cache and up to 3 x 64 MiB of write buffers: memory would grow for hours.
    table_write_buffer_mb: int = Field(4, ge=1, description="RocksDB write buffer per table partition")
    table_block_cache_mb: int = Field(8, ge=1, description="RocksDB block cache per table partition")
    subscribe_timeout_s: float = Field(
        60.0, gt=0, description="stop with an error (exit 1) if the worker's topics and partitions are not there by then")
    # aiokafka's default is 5 minutes: a topic created after the consumer started stayed unread that long
    metadata_max_age_s: float = Field(5.0, gt=0, description="how often the worker's consumer refreshes cluster metadata")
    # faust's default is 60 s, and a replacement for a killed worker under another name (or without
    # static membership, below) waits that long before it gets the partitions. Heartbeats come from the consumer's own thread every 3 s, and the worker's event
    # loop is never held long (partition indexes are rebuilt in steps), so a shorter timeout is safe.
    # at most faust's request timeout (90 s): faust refuses to start with a longer session
    session_timeout_s: float = Field(
        15.0, ge=6, le=90, description="how long the consumer group waits for a silent worker before its partitions move")
    # Kafka's static membership (KIP-345): the group knows the worker by a name that outlives its
    # process (the host's name and the worker's), so a worker restarted after a crash or a deploy is
    # taken back at once instead of waiting out the session timeout of the process it replaces.
    # The price: a worker stopped for good does not leave the group, and its partitions move to the
    # others only after session_timeout_s.
    static_membership: bool = Field(
        True, description="a restarted worker (same host and name) gets partitions without waiting for the session timeout")
    # faust hard-codes 1,500 ms: under light load each record waited up to that long on each of the
    # worker's two reads (hub/stream/_faust.py)
    fetch_max_wait_ms: int = Field(100, ge=0, le=1500,
                                   description="longest the broker holds a fetch of the worker's consumer while no data is there")


class Settings(BaseSettings):
    """Settings shared by all hub processes."""

    model_config = SettingsConfigDict(
        env_prefix="KOORDINATE_", env_nested_delimiter="__", extra="forbid"
    )

    bootstrap_servers: str = "127.0.0.1:9092"
    topic_prefix: str = "koordinate"
    replication_factor: int = Field(1, ge=1)
    request_timeout_s: float = Field(10.0, gt=0)
    log_format: Literal["json", "console"] = "json"
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    home: Path = Field(default_factory=default_home)
    cache_dir: Path = Field(default_factory=default_cache)
    broker: BrokerSettings = Field(default_factory=BrokerSettings)
    worker: WorkerSettings = Field(default_factory=WorkerSettings)

    @field_validator("topic_prefix")
    @classmethod
    def _prefix_is_a_topic_name(cls, value: str) -> str:
        allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        if not value or set(value) - allowed:
            raise ValueError("use only letters, digits, '.', '_' and '-'")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _FileSource(settings_cls))

    @property
    def broker_data_dir(self) -> Path:
        return self.broker.data_dir or self.home / "broker"

    @property
    def kafka_jars_dir(self) -> Path:
        return self.broker.jars_dir or self.cache_dir / "kafka" / self.broker.kafka_version

    def topic_name(self, suffix: str) -> str:
        """`<prefix>.<suffix>`, as the topic spec puts names together (hub.topics.spec.format_topic_name)."""
        # imported here: the spec brings in the schemas and the engine, which reading settings does not need
        from hub.topics.spec import format_topic_name

        return format_topic_name(self.topic_prefix, suffix)


# The file chosen for one load_settings() call; a context variable rather than os.environ so that
# `--config` of one command does not leak into the next one in the same process.
_config_file: ContextVar[Path | None] = ContextVar("koordinate_config_file", default=None)


class _FileSource(PydanticBaseSettingsSource):
    """Reads the settings file (TOML or YAML); its keys are the setting names."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = _config_file.get() or os.environ.get(CONFIG_FILE_VARIABLE)
        return read_settings_file(Path(path)) if path else {}


def read_settings_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise SettingsError(f"settings file {path} does not exist")
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"settings file {path} is not valid {path.suffix[1:].upper()}: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SettingsError(f"settings file {path} must hold a mapping of setting names to values")
    return data


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Settings from all sources, or a SettingsError naming every wrong setting on one line."""
    token = _config_file.set(config_file)
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}"
            f" (got {str(err.get('input'))[:40]!r})"
            for err in exc.errors()
        )
        raise SettingsError(f"wrong settings: {problems}") from exc
    finally:
        _config_file.reset(token)


def subprocess_environment(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment for a hub process started by this one: same broker, topics and home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOORDINATE_")}
    env.update({
        "KOORDINATE_BOOTSTRAP_SERVERS": settings.bootstrap_servers,
        "KOORDINATE_TOPIC_PREFIX": settings.topic_prefix,
        "KOORDINATE_HOME": str(settings.home),
    })
    env.update(extra)
    return env
