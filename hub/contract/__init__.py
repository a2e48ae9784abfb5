"""The generated contract files: JSON Schema per event type and the AsyncAPI document of every topic."""

from __future__ import annotations

from hub.contract.files import contract_files, schemas_dir, stale_files, write_files

__all__ = ["contract_files", "schemas_dir", "stale_files", "write_files"]
