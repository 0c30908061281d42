from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from api.common import Id
from domain.model import Satisfaction, VisitMode


class VisitBody(BaseModel):
    """走访代表委员专用卡 (attachment 13)."""

    mode: VisitMode = Field(description="R-VS-1 面对面/电话/微信/视频")
    visited_on: date
    place: str | None = Field(default=None, max_length=200)
    visitors: str = Field(min_length=1, max_length=200, description="走访人员")
    attitude_comment: str | None = Field(default=None, max_length=5000)
    result_comment: str | None = Field(default=None, max_length=5000)
    organised_by_unit: bool = Field(default=True, description="R-VS-3 由承办单位组织")


class VisitCreate(VisitBody):
    proposer_id: Id | None = Field(default=None, description="默认领衔人（R-VS-2）")


class BatchVisitCreate(VisitBody):
    """集中走访: one card per item, each for its lead proposer (R-VS-1, R-VS-2)."""

    item_ids: list[Id] = Field(min_length=1, max_length=100)


class VisitRead(VisitBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    item_id: int
    unit_id: int
    proposer_id: Id
    proposer_name: str
    batch: str | None
    submitted_on: date | None


class CardsSubmit(BaseModel):
    submitted_on: date = Field(description="报送政府办公室日期（R-DL-8）")


class FeedbackCreate(BaseModel):
    """征询意见表 (attachments 11/12), recorded by the liaison (R-FB-1)."""

    unit_id: Id = Field(description="答复单位")
    proposer_id: Id
    received_on: date
    satisfaction: Satisfaction
    attitude_comment: str | None = Field(default=None, max_length=5000)
    result_comment: str | None = Field(default=None, max_length=5000)
    wants_face_to_face: bool = False


class FeedbackRead(FeedbackCreate):
    model_config = ConfigDict(from_attributes=True)

    id: int
    item_id: int
    form_seq: int
    needs_referral: bool
    referral_id: int | None


class ReferralCreate(BaseModel):
    referred_on: date = Field(description="政府办公室交办反馈意见日期（R-DL-7 起算）")
    note: str | None = Field(default=None, max_length=5000)


class FollowUpBody(BaseModel):
    face_to_face_on: date | None = Field(default=None, description="当面走访沟通日期")
    written_reply_on: date | None = Field(default=None, description="书面反馈日期（抄送办公室）")
    summary: str | None = Field(default=None, max_length=10000)


class ReferralRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    feedback_id: int
    item_id: int
    unit_id: int
    referred_on: date
    note: str | None
    face_to_face_on: date | None
    written_reply_on: date | None
    summary: str | None
    due: date | None = Field(description="R-DL-7 书面反馈期限")
    due_provisional: bool = Field(
        default=False, description="期限所涉年份放假安排尚未公布，日期为暂定（R-DL-12）"
    )
    listed_supervision: bool = Field(description="挂账督办中（R-FB-2）")
    version: int


class LookBackBody(BaseModel):
    """回头看 (attachment 14): progress or none, with details (R-FB-3)."""

    checked_on: date
    progress: bool
    details: str = Field(min_length=2, max_length=10000)
    filed_on: date | None = Field(default=None, description="报送政府办公室日期（R-DL-9）")


class LookBackRead(LookBackBody):
    item_id: int
    unit_id: int
    question: str
