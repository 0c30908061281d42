"""SQLAlchemy models, one module per aggregate; importing this registers them all."""

from api.models.accounts import ApiKey, AuthSession, User, UserRole
from api.models.assignments import (
    Assignment,
    Breakdown,
    OpenDoorRecord,
    ReassignmentRequest,
    RequestStatus,
)
from api.models.audit import AuditEntry, IdempotencyRecord
from api.models.base import Base
from api.models.items import CongressSession, Item, ItemNote, ItemProposer, MergeGroup, Proposer
from api.models.organisation import Configuration, Unit, UnitKind, YearPlan
from api.models.replies import (
    CoOpinion,
    Reply,
    ReplyReview,
    ReplyStatus,
    ReplyTemplate,
    ReviewAction,
)

__all__ = [
    "ApiKey",
    "Assignment",
    "AuditEntry",
    "AuthSession",
    "Base",
    "Breakdown",
    "CoOpinion",
    "Configuration",
    "CongressSession",
    "IdempotencyRecord",
    "Item",
    "ItemNote",
    "ItemProposer",
    "MergeGroup",
    "OpenDoorRecord",
    "Proposer",
    "ReassignmentRequest",
    "Reply",
    "ReplyReview",
    "ReplyStatus",
    "ReplyTemplate",
    "RequestStatus",
    "ReviewAction",
    "Unit",
    "UnitKind",
    "User",
    "UserRole",
    "YearPlan",
]
