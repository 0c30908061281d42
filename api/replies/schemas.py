from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from api.common import Id
from api.models import ReplyStatus, ReviewAction
from domain.model import Disclosure, ProposerKind, ReplyClass


class ReplyCreate(BaseModel):
    reply_class: ReplyClass | None = Field(default=None, description="R-RP-1 A/B/C")
    disclosure: Disclosure = Field(default=Disclosure.UNMARKED, description="R-RP-2")
    document_number: str | None = Field(
        default=None, max_length=64, examples=["魏交函〔2024〕15号"]
    )
    body: str = Field(default="", max_length=100000)
    letter_date: date | None = None
    signing_leader: str | None = Field(default=None, max_length=64)
    contact_person: str | None = Field(default=None, max_length=64)
    contact_phone: str | None = Field(default=None, max_length=32, examples=["0310-3519359"])
    template_id: Id | None = Field(default=None, description="从本单位答复模板起草")


class ReplyUpdate(BaseModel):
    reply_class: ReplyClass | None = None
    disclosure: Disclosure | None = None
    document_number: str | None = Field(default=None, max_length=64)
    body: str | None = Field(default=None, max_length=100000)
    letter_date: date | None = None
    signing_leader: str | None = Field(default=None, max_length=64)
    contact_person: str | None = Field(default=None, max_length=64)
    contact_phone: str | None = Field(default=None, max_length=32)


class Recipient(BaseModel):
    id: int
    name: str
    kind: ProposerKind
    salutation: str = Field(examples=["张三代表："])


class FormatProblemRead(BaseModel):
    field: str
    message: str
    rule_id: str


class ReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    action: ReviewAction
    reasons: str | None
    class_from: ReplyClass | None
    class_to: ReplyClass | None
    at: datetime


class ReplyRead(BaseModel):
    id: int
    item_id: int
    assignment_id: int
    unit_id: int
    merge_group_id: int | None
    item_numbers: list[int]
    status: ReplyStatus
    status_label: str
    reply_class: ReplyClass | None
    unit_class: ReplyClass | None
    disclosure: Disclosure
    document_number: str | None
    body: str
    letter_date: date | None
    signing_leader: str | None
    contact_person: str | None
    contact_phone: str | None
    signed_at: datetime | None
    approved_at: datetime | None
    sent_on: date | None
    published_on: date | None
    published_url: str | None
    heading: str
    copy_to: list[str]
    route: str = Field(description="R-RP-4 谁答复、经谁报送")
    recipients: list[Recipient] = Field(description="R-RP-3 一人一函 / 只答复领衔")
    format_problems: list[FormatProblemRead] = Field(description="R-RP-7 格式检查")
    reviews: list[ReviewRead]
    version: int


class ReturnBody(BaseModel):
    reasons: str = Field(min_length=2, max_length=5000, description="退回理由（R-RP-9）")


class ApproveBody(BaseModel):
    reply_class: ReplyClass | None = Field(default=None, description="办公室更正类别（R-RP-9）")
    note: str | None = Field(default=None, max_length=5000)


class SendBody(BaseModel):
    sent_on: date | None = Field(default=None, description="答复日期，默认今天")


class PublishBody(BaseModel):
    published_on: date = Field(description="网上公开日期（R-DL-5：答复之日起一周内）")
    url: str = Field(
        min_length=8,
        max_length=500,
        pattern=r"^https?://",
        examples=["https://www.weixian.gov.cn/col/jyta/2024/15.html"],
    )


class CoOpinionBody(BaseModel):
    body: str = Field(default="", max_length=100000)
    disclosure: Disclosure = Disclosure.UNMARKED
    document_number: str | None = Field(default=None, max_length=64)
    letter_date: date | None = None
    signing_leader: str | None = Field(default=None, max_length=64)
    contact_person: str | None = Field(default=None, max_length=64)
    contact_phone: str | None = Field(default=None, max_length=32)


class DeliverBody(BaseModel):
    delivered_on: date = Field(description="送达主办单位日期（R-DL-3）")
    sent_to_office_on: date | None = Field(
        default=None, description="市级件同时报县政府办公室（R-RP-5）"
    )


class CoOpinionRead(CoOpinionBody):
    id: int
    assignment_id: int
    unit_id: int
    unit_name: str
    delivered_on: date | None
    sent_to_office_on: date | None
    heading: str
    copy_to: list[str]
    version: int


class TemplateBody(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    body: str = Field(min_length=1, max_length=100000)


class TemplateRead(TemplateBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    unit_id: int
    version: int
