"""The office's circular (通报) draft naming the units that are late (R-SV-1 periodic
circulars, R-SV-2 criticism): per unit, its overdue items and counts, as an editable .docx."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from api import audit
from api.documents.plain import PlainDocument
from api.documents.render import safe_filename
from api.ledger.facts import Scope, gather
from api.organisation.service import jurisdiction
from domain.deadlines import State
from domain.explain import chinese_date


@dataclass
class LateUnit:
    name: str
    overdue_items: set[int] = field(default_factory=set)
    overdue_deadlines: int = 0
    overdue_replies: int = 0
    late_replies: int = 0
    labels: list[str] = field(default_factory=list)


def late_units(session: Session, year: int, as_of: date) -> list[LateUnit]:
    """Units with an overdue deadline on the year's items as of ``as_of``, the latest first."""
    found: dict[int, LateUnit] = {}
    for row in gather(session, Scope((year,)), as_of):
        unit = found.setdefault(row.assignment.unit_id, LateUnit(row.unit_name))
        overdue = [d for d in row.deadlines if d.state is State.OVERDUE]
        main = row.main_duty
        if main is not None and main.state is State.DONE_LATE:
            unit.late_replies += 1
        if not overdue:
            continue
        if row.item.id not in unit.overdue_items:
            unit.overdue_items.add(row.item.id)
            unit.labels.append(f"第{row.item.number}号{row.item.kind.label}")
        unit.overdue_deadlines += len(overdue)
        unit.overdue_replies += sum(1 for d in overdue if d is main)
    late = [u for u in found.values() if u.overdue_items]
    return sorted(late, key=lambda u: (-len(u.overdue_items), -u.overdue_deadlines, u.name))


def circular_docx(session: Session, year: int, as_of: date) -> tuple[str, bytes]:
    """(file name, .docx bytes) of the draft; recorded in the audit log."""
    place = jurisdiction(session)
    late = late_units(session, year, as_of)
    doc = PlainDocument()
    doc.title(f"关于{year}年度人大代表建议和政协提案办理进度情况的通报")
    doc.subtitle("（征求意见稿）")
    doc.paragraph("各乡镇人民政府、街道办事处，县政府各部门：", indent=False)
    if not late:
        doc.paragraph(
            f"截至{chinese_date(as_of)}，{year}年度建议提案办理各项工作均在规定期限内推进，"
            "未发现逾期情况。请各承办单位继续抓好办理工作。"
        )
    else:
        doc.paragraph(
            f"截至{chinese_date(as_of)}，经{place.supervision_office}台账管理核查，共有"
            f"{len(late)}个承办单位存在逾期未完成事项，涉及建议提案"
            f"{sum(len(u.overdue_items) for u in late)}件。现将有关情况通报如下："
        )
        doc.heading("一、逾期单位及事项")
        doc.table(
            (
                "序号",
                "承办单位",
                "逾期件数",
                "逾期事项数",
                "其中逾期未答复",
                "逾期答复",
                "涉及件号",
            ),
            [
                (
                    n,
                    u.name,
                    len(u.overdue_items),
                    u.overdue_deadlines,
                    u.overdue_replies,
                    u.late_replies,
                    "、".join(u.labels),
                )
                for n, u in enumerate(late, start=1)
            ],
        )
        doc.heading("二、有关要求")
        doc.paragraph(
            "请上述单位高度重视，对照台账逐件查找原因，落实责任，于收到本通报后5个工作日内"
            f"完成逾期事项，并将整改情况报送{place.supervision_office}。对整改不力的单位，"
            "将按照有关规定予以约谈或通报批评。"
        )
    doc.paragraph("")
    doc.paragraph(f"{place.county_government}办公室", right=True)
    doc.paragraph(chinese_date(as_of), right=True)
    audit.record(
        session,
        "export",
        "circular",
        None,
        changes={"year": year, "as_of": as_of.isoformat(), "late_units": len(late)},
    )
    return safe_filename(
        f"{year}年度建议提案办理情况通报（征求意见稿）-{as_of.isoformat()}.docx"
    ), doc.to_bytes()
