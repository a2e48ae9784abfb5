"""The shared contract of Koordinate: models, taxonomy, identity, schedules, privacy guard, CloudEvents envelope.

Imports nothing of ours; connectors, stream processors and clients all import from here.
"""

from __future__ import annotations

from schemas._base import PRIVACY_CHECKED, ContractModel, EventModel
from schemas.derived import Coverage, Duplicate, Gap, GapReason, GapResolved, Match, PairEvidence, Review
from schemas.envelope import (
    BATCH,
    STRUCTURED,
    CloudEvent,
    HttpMessage,
    KafkaRecord,
    from_http,
    from_http_batch,
    from_http_binary,
    from_http_structured,
    from_kafka,
    model_from_kafka,
    to_event,
    to_http_batch,
    to_http_binary,
    to_http_structured,
    to_kafka,
    to_model,
)
from schemas.errors import EnvelopeError, FieldProblem, PrivacyError, SchemaError, describe_validation_error
from schemas.events import DATASCHEMA_BASE, EVENT_MODELS, HUB_SOURCE, dataschema_uri, is_canonical, model_for_type
from schemas.identity import KOORDINATE_NAMESPACE, derived_id, entity_id, event_id, is_newer
from schemas.need import NEED_STATUSES, Need
from schemas.offer import OFFER_STATUSES, Offer
from schemas.parts import Area, Contact, Location, Organisation, ServiceArea
from schemas.privacy import Finding, check_need_text, check_offer_text, find_contact_data, find_personal_data
from schemas.schedule import (
    DEFAULT_LIMIT,
    Interval,
    RecurringSlot,
    Schedule,
    Window,
    expand,
    overlaps,
    schedules_overlap,
)
from schemas.status import Commitment, StatusUpdate
from schemas.taxonomy import (
    TAXONOMY_VERSION,
    Category,
    all_categories,
    category,
    category_codes,
    is_professional_only,
    map_free_text,
)

__all__ = [
    "BATCH",
    "DATASCHEMA_BASE",
    "DEFAULT_LIMIT",
    "EVENT_MODELS",
    "HUB_SOURCE",
    "KOORDINATE_NAMESPACE",
    "NEED_STATUSES",
    "OFFER_STATUSES",
    "PRIVACY_CHECKED",
    "STRUCTURED",
    "TAXONOMY_VERSION",
    "Area",
    "Category",
    "CloudEvent",
    "Commitment",
    "Contact",
    "ContractModel",
    "Coverage",
    "Duplicate",
    "EnvelopeError",
    "EventModel",
    "FieldProblem",
    "Finding",
    "Gap",
    "GapReason",
    "GapResolved",
    "HttpMessage",
    "Interval",
    "KafkaRecord",
    "Location",
    "Match",
    "Need",
    "Offer",
    "Organisation",
    "PairEvidence",
    "PrivacyError",
    "RecurringSlot",
    "Review",
    "Schedule",
    "SchemaError",
    "ServiceArea",
    "StatusUpdate",
    "Window",
    "all_categories",
    "category",
    "category_codes",
    "check_need_text",
    "check_offer_text",
    "dataschema_uri",
    "derived_id",
    "describe_validation_error",
    "entity_id",
    "event_id",
    "expand",
    "find_contact_data",
    "find_personal_data",
    "from_http",
    "from_http_batch",
    "from_http_binary",
    "from_http_structured",
    "from_kafka",
    "is_canonical",
    "is_newer",
    "is_professional_only",
    "map_free_text",
    "model_for_type",
    "model_from_kafka",
    "overlaps",
    "schedules_overlap",
    "to_event",
    "to_http_batch",
    "to_http_binary",
    "to_http_structured",
    "to_kafka",
    "to_model",
]
