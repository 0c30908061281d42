from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from api.models import UnitKind


class UnitCreate(BaseModel):
    name: str = Field(min_length=2, max_length=100, examples=["县交通运输局"])
    kind: UnitKind = UnitKind.DEPARTMENT
    issuer_code: str | None = Field(default=None, max_length=16, examples=["魏交函"])
    leader_in_charge: str | None = Field(default=None, max_length=64)
    contact_person: str | None = Field(default=None, max_length=64)
    contact_phone: str | None = Field(default=None, max_length=32)


class UnitUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=2, max_length=100)
    kind: UnitKind | None = None
    issuer_code: str | None = Field(default=None, max_length=16)
    leader_in_charge: str | None = Field(default=None, max_length=64)
    contact_person: str | None = Field(default=None, max_length=64)
    contact_phone: str | None = Field(default=None, max_length=32)
    active: bool | None = None


class UnitRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    kind: UnitKind
    issuer_code: str | None
    leader_in_charge: str | None
    contact_person: str | None
    contact_phone: str | None
    active: bool
    version: int


class BodiesConfig(BaseModel):
    """Names of the bodies in copy-to lines for one level (R-RP-6)."""

    npc_personnel_committee: str = Field(examples=["县人大常委会选举任免代表工作委员会"])
    government_office: str = Field(examples=["县政府办公室"])
    cppcc_proposals_committee: str = Field(examples=["县政协提案委员会"])


class Jurisdiction(BaseModel):
    county_name: str = "魏县"
    city_name: str = "邯郸市"
    county_government: str = "魏县人民政府"
    county_bodies: BodiesConfig = BodiesConfig(
        npc_personnel_committee="县人大常委会选举任免代表工作委员会",
        government_office="县政府办公室",
        cppcc_proposals_committee="县政协提案委员会",
    )
    city_bodies: BodiesConfig = BodiesConfig(
        npc_personnel_committee="市人大常委会选举任免代表工作委员会",
        government_office="县政府办公室",
        cppcc_proposals_committee="市政协提案委员会",
    )
    npc_term: int = Field(default=10, ge=1, le=99, description="县人大届次")
    cppcc_term: int = Field(default=10, ge=1, le=99, description="县政协届次")
    supervision_office: str = Field(default="县政府督查室", description="表格报送机构")
    office_phone: str = Field(default="3519359", description="政府督查室联系电话")
    office_email: str = Field(default="hongmeng2468@163.com", description="督查室邮箱（附件14）")
    npc_feedback_office: str = Field(default="县人大选任工委", description="代表征询意见表反馈机构")
    cppcc_feedback_office: str = Field(default="县政协提案委", description="委员征询意见表反馈机构")
    notice_title: str = Field(
        default="魏县人民政府办公室关于做好人大代表建议政协提案办理工作的通知",
        description="附件1引用的年度通知名称",
    )
    npc_office_phone: str = Field(default="3511920", description="人大选任工委联系电话")
    cppcc_office_phone: str = Field(default="3520411", description="政协提案委联系电话")


class DeadlineConfig(BaseModel):
    due_soon_days: int = Field(default=3, ge=0, le=30, description="临期：剩余工作日数")
    reassignment_window_days: int = Field(
        default=10, ge=1, le=60, description="R-AS-2：收到交办后申请调整的工作日数"
    )


class ConfigurationRead(BaseModel):
    jurisdiction: Jurisdiction
    deadlines: DeadlineConfig
    version: int


class ConfigurationUpdate(BaseModel):
    jurisdiction: Jurisdiction | None = None
    deadlines: DeadlineConfig | None = None


class YearPlanBody(BaseModel):
    visit_cards_due: date = Field(description="R-DL-8 走访卡报送截止日", examples=["2024-09-30"])
    lookback_due: date = Field(description="R-DL-9 复查表及年度总结截止日", examples=["2024-12-31"])


class YearPlanRead(YearPlanBody):
    year: int
    is_default: bool
