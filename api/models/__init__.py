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
from api.models.followup import FeedbackForm, LookBack, Referral, Visit
from api.models.items import CongressSession, Item, ItemNote, ItemProposer, MergeGroup, Proposer
from api.models.office_tools import ImportJob, ImportStatus, OutboxMessage
from api.models.organisation import Configuration, Unit, UnitKind, YearPlan
from api.models.oversight import (
    Attachment,
    CalendarOverride,
    ReportKind,
    SupervisionKind,
    SupervisionMeans,
    SupervisionRecord,
    UnitReport,
)
from api.models.replies import (
    CoOpinion,
    Reply,
    ReplyReview,
    ReplyStatus,
    ReplyTemplate,
    ReviewAction,
)
from api.models.webhooks import (
    DeliveryStatus,
    Event,
    WebhookDelivery,
    WebhookSubscription,
)

__all__ = [
    "ApiKey",
    "Assignment",
    "Attachment",
    "AuditEntry",
    "AuthSession",
    "Base",
    "Breakdown",
    "CalendarOverride",
    "CoOpinion",
    "Configuration",
    "CongressSession",
    "DeliveryStatus",
    "Event",
    "FeedbackForm",
    "IdempotencyRecord",
    "ImportJob",
    "ImportStatus",
    "Item",
    "ItemNote",
    "ItemProposer",
    "LookBack",
    "MergeGroup",
    "OpenDoorRecord",
    "OutboxMessage",
    "Proposer",
    "ReassignmentRequest",
    "Referral",
    "Reply",
    "ReplyReview",
    "ReplyStatus",
    "ReplyTemplate",
    "ReportKind",
    "RequestStatus",
    "ReviewAction",
    "SupervisionKind",
    "SupervisionMeans",
    "SupervisionRecord",
    "Unit",
    "UnitKind",
    "UnitReport",
    "User",
    "UserRole",
    "Visit",
    "WebhookDelivery",
    "WebhookSubscription",
    "YearPlan",
]
