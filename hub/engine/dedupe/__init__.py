"""Duplicate and parallel-offer detection: the pure core behind the dedupe stream processor.

Offers are projected to `OfferProfile`s; pairs are put on comparison levels and weighed by a
learnt `ScoringModel`; `DuplicateIndex` keeps coherent same-offer clusters up to date one offer at a time; `find_duplicate_clusters` is the batch entry; `find_parallel_offers`
finds distinct groups doing the same thing at the same place and time.
"""

from __future__ import annotations

from hub.engine.dedupe.batch import find_duplicate_clusters
from hub.engine.dedupe.blocking import CandidateIndex, blocking_keys
from hub.engine.dedupe.clusters import Decision, DuplicateIndex, UnknownClusterError
from hub.engine.dedupe.coherence import coherent_clusters
from hub.engine.dedupe.comparisons import LEVELS, compare
from hub.engine.dedupe.config import DedupeConfig, default_model
from hub.engine.dedupe.model import ModelError, ScoringModel
from hub.engine.dedupe.normalise import (
    fold,
    normalise_content,
    normalise_email,
    normalise_organisation,
    normalise_phone,
    normalise_street,
    normalise_text,
    normalise_url,
)
from hub.engine.dedupe.parallel import find_parallel_offers
from hub.engine.dedupe.phonetics import cologne_phonetic, organisation_key
from hub.engine.dedupe.profile import OfferProfile, profile_from_dict, profile_of, profile_of_record
from hub.engine.dedupe.results import Cluster, ClusterChange
from hub.engine.dedupe.scoring import PairEvidence, field_similarities, score_pair
from hub.engine.dedupe.slots import parse_weekly_slots, slots_of_rule

__all__ = [
    "CandidateIndex",
    "Cluster",
    "ClusterChange",
    "Decision",
    "DedupeConfig",
    "DuplicateIndex",
    "LEVELS",
    "ModelError",
    "OfferProfile",
    "PairEvidence",
    "ScoringModel",
    "UnknownClusterError",
    "blocking_keys",
    "coherent_clusters",
    "cologne_phonetic",
    "compare",
    "default_model",
    "field_similarities",
    "find_duplicate_clusters",
    "find_parallel_offers",
    "fold",
    "normalise_content",
    "normalise_email",
    "normalise_organisation",
    "normalise_phone",
    "normalise_street",
    "normalise_text",
    "normalise_url",
    "organisation_key",
    "parse_weekly_slots",
    "profile_from_dict",
    "profile_of",
    "profile_of_record",
    "score_pair",
    "slots_of_rule",
]
