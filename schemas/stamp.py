"""The mark of a record made from a validated model, so the worker does not validate it a second time.

`to_kafka` sets `VALIDATED_HEADER` on a record it makes from a model: the contract's checks and the
privacy guard passed where the record was made (the gateway, a connector, the API), and the worker
routes it from its key fields instead of validating it again (hub/stream/routing.py). The header's
value is a digest of the record's value, so a header copied onto other data is not honoured; a new
contract version changes the context, and with it every stamp, so records stamped under the old one
are validated in full. It is a mark of origin, not a signature: a producer outside the hub must not
set it (who may write the canonical topics is the broker's ACLs' business, docs/operations.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

__all__ = ["VALIDATED_HEADER", "carries_validation_stamp", "validation_stamp"]

VALIDATED_HEADER = "koordinate_validated"
_CONTEXT = b"koordinate contract v1\0"


def validation_stamp(value: bytes) -> bytes:
    """The `VALIDATED_HEADER` value for a record's value."""
    return hashlib.sha256(_CONTEXT + value).hexdigest()[:32].encode()


def carries_validation_stamp(value: bytes | None, headers: Sequence[tuple[str, bytes | None]] | None) -> bool:
    """Whether the record was made from a validated model of this contract."""
    stamp = next((header_value for name, header_value in headers or () if name == VALIDATED_HEADER), None)
    return stamp is not None and value is not None and stamp == validation_stamp(value)
