"""The official AsyncAPI 3.0.0 JSON Schema from the npm package ``@asyncapi/specs``, cached per user.

Not checked in: fetched once with ``npm pack`` into ``~/.cache/koordinate/asyncapi-specs/``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

PACKAGE = "@asyncapi/specs@6"
CACHE = Path.home() / ".cache" / "koordinate" / "asyncapi-specs"
VERSION = "3.0.0"


def spec_path() -> Path:
    """Path of the cached ``3.0.0.json``, fetching the npm package when it is missing."""
    target = CACHE / f"{VERSION}.json"
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed once to fetch @asyncapi/specs (the AsyncAPI JSON Schema)")
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [npm, "pack", PACKAGE, "--pack-destination", tmp, "--silent"],
            capture_output=True, text=True, check=True, timeout=300,
        )
        tarball = Path(tmp) / result.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(f"package/schemas/{VERSION}.json")
            if member is None:
                raise RuntimeError(f"{PACKAGE} has no schemas/{VERSION}.json")
            data = member.read()
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    partial.write_bytes(data)
    partial.replace(target)  # atomic, so a parallel run never reads half a file
    return target


def schema_and_registry() -> tuple[dict[str, Any], Registry]:
    """The AsyncAPI schema and a registry holding its bundled definitions by their ``$id``."""
    schema = json.loads(spec_path().read_text(encoding="utf-8"))
    # the bundle is draft-07 with $refs to absolute ids of its own definitions
    resources = [(uri, Resource.from_contents(body, default_specification=DRAFT7))
                 for uri, body in schema.get("definitions", {}).items()]
    registry = Registry().with_resources(resources)
    return schema, registry
