"""Resolves Apache Kafka's runtime classpath with Maven from the pom in deploy/kafka, and caches it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from hub.errors import BrokerError, ToolMissing

POM = Path(__file__).resolve().parents[2] / "deploy" / "kafka" / "pom.xml"
_COMPLETE_MARKER = ".resolved"


def ensure_kafka_jars(version: str, jars_dir: Path, *, quiet: bool = True) -> Path:
    """Return a folder holding every jar the broker needs, downloading them once with Maven."""
    if (jars_dir / _COMPLETE_MARKER).is_file():
        return jars_dir
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ToolMissing(
            "Maven (mvn) is needed once to fetch the Kafka jars; install it, e.g. `apt-get install maven`"
        )
    if not POM.is_file():
        raise BrokerError(f"the broker pom is missing at {POM}; is this a complete checkout?")
    jars_dir.mkdir(parents=True, exist_ok=True)
    command = [
        mvn, "-B", "-f", str(POM), f"-Dkafka.version={version}",
        "dependency:copy-dependencies", f"-DoutputDirectory={jars_dir}", "-DincludeScope=runtime",
    ]
    if quiet:
        command.insert(2, "-q")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-5:])
        raise BrokerError(
            f"Maven could not fetch Apache Kafka {version} (is Maven Central reachable?):\n{tail}"
        )
    if not any(jars_dir.glob("kafka_2.13-*.jar")):
        raise BrokerError(f"Maven finished but no kafka_2.13 jar is in {jars_dir}")
    (jars_dir / _COMPLETE_MARKER).write_text(version, encoding="utf-8")
    return jars_dir


def classpath(jars_dir: Path) -> str:
    return ":".join(str(p) for p in sorted(jars_dir.glob("*.jar")))


def java_executable() -> str:
    java = shutil.which("java")
    if java is None:
        raise ToolMissing("Java 17 or newer is needed to run Kafka; install it, e.g. `apt-get install openjdk-17-jre-headless`")
    return java
