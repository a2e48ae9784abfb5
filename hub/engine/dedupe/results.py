"""What duplicate detection reports: clusters of offers and the changes to them.

A stream processor turns each ClusterChange into one Duplicate event; its `event_id` is a
function of the cluster's content, so replaying the same input emits the same ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from hub.engine.dedupe.scoring import PairEvidence

__all__ = ["CLUSTER_NAMESPACE", "Cluster", "ClusterChange", "ClusterKind", "ClusterStatus"]

CLUSTER_NAMESPACE = uuid.UUID("0b8e1f39-1d3c-5f0e-8a44-6d2f4a9c7e15")

ClusterKind = Literal["same_offer", "parallel_offers"]
# suspected: score >= auto threshold; review: mid band, waits for a person;
# confirmed: every link confirmed by a reviewer; rejected: a reviewer said "not the same".
ClusterStatus = Literal["suspected", "review", "confirmed", "rejected"]


_NO_DETAILS: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)  # slots: an index keeps one per cluster, and an instance dict costs ~100 bytes
class Cluster:
    cluster_id: str
    kind: ClusterKind
    members: tuple[str, ...]
    status: ClusterStatus
    score: float
    evidence: tuple[PairEvidence, ...] = ()
    # parallel_offers: overlapping slots, joint capacity and local demand (a same-offer cluster has none:
    # one empty mapping for all of them)
    details: Mapping[str, Any] = field(default_factory=lambda: _NO_DETAILS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "kind": self.kind,
            "members": list(self.members),
            "status": self.status,
            "score": self.score,
            "evidence": [pair.to_dict() for pair in self.evidence],
            "details": dict(self.details),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cluster:
        return cls(
            cluster_id=data["cluster_id"],
            kind=data["kind"],
            members=tuple(data["members"]),
            status=data["status"],
            score=data["score"],
            evidence=tuple(PairEvidence.from_dict(pair) for pair in data["evidence"]),
            details=dict(data["details"]) if data.get("details") else _NO_DETAILS,
        )


@dataclass(frozen=True)
class ClusterChange:
    """A cluster was opened, its content changed, or it was closed (dissolved, merged away, rejected)."""

    change: Literal["opened", "updated", "closed"]
    cluster: Cluster

    @property
    def cluster_id(self) -> str:
        return self.cluster.cluster_id

    @property
    def kind(self) -> ClusterKind:
        return self.cluster.kind

    @property
    def members(self) -> tuple[str, ...]:
        return self.cluster.members

    @property
    def status(self) -> ClusterStatus:
        return self.cluster.status

    @property
    def score(self) -> float:
        return self.cluster.score

    @property
    def evidence(self) -> tuple[PairEvidence, ...]:
        return self.cluster.evidence

    @property
    def event_id(self) -> str:
        """Deterministic id of the Duplicate event for this change."""
        content = f"{self.change}|{self.cluster_id}|{self.status}|{','.join(self.members)}|{self.score:.4f}"
        return str(uuid.uuid5(CLUSTER_NAMESPACE, content))

    def to_dict(self) -> dict[str, Any]:
        return {"change": self.change, "event_id": self.event_id, **self.cluster.to_dict()}
