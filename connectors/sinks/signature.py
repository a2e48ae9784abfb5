"""Webhook signatures: HMAC-SHA256 over ``<timestamp>.<body>``, so a receiver can check origin and freshness.

Headers: ``X-Koordinate-Signature: sha256=<hex>``, ``X-Koordinate-Timestamp: <unix seconds>``,
``X-Koordinate-Delivery: <CloudEvent id>`` (receivers dedupe on it). The timestamp is inside the signed
text, so an old request cannot be replayed with a fresh timestamp.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE = "X-Koordinate-Signature"
TIMESTAMP = "X-Koordinate-Timestamp"
DELIVERY = "X-Koordinate-Delivery"
SUBSCRIPTION = "X-Koordinate-Subscription"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The header value: ``sha256=`` and the hex HMAC of ``<timestamp>.<body>``."""
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signed_headers(secret: str, timestamp: int, body: bytes, delivery_id: str, subscription: str) -> dict[str, str]:
    return {
        SIGNATURE: signature(secret, timestamp, body),
        TIMESTAMP: str(timestamp),
        DELIVERY: delivery_id,
        SUBSCRIPTION: subscription,
    }


def verify(secret: str, body: bytes, signature_header: str, timestamp_header: str, now: float,
           tolerance_s: float = 300.0) -> bool:
    """What a receiver does: the signature matches and the timestamp is within the tolerance of `now`."""
    try:
        timestamp = int(timestamp_header)
    except (TypeError, ValueError):
        return False
    if abs(now - timestamp) > tolerance_s:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), signature_header or "")
