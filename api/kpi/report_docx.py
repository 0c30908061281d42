"""The yearly summary (年度总结, R-DL-9) as a .docx draft the office edits: the county's
figures against the targets, the units ranked, the shortfalls with their items, and the
places the office fills in."""

from __future__ import annotations

from api.documents.plain import PlainDocument
from api.kpi.report import YearReport
from domain.explain import chinese_date
from domain.kpi import KpiResult, percent_text
from domain.model import ItemKind, Level

TO_FILL = "（请办公室补充）"


def _verdict(result: KpiResult) -> str:
    if result.met is None:
        return "暂无可统计数据" if result.denominator == 0 else "按各单位分档考核"
    return "达到目标" if result.met else "未达到目标"


def _target(result: KpiResult) -> str:
    return percent_text(result.target) if result.target is not None else "分档"


def _overview(report: YearReport) -> str:
    counts = report.item_counts
    suggestions = sum(n for (kind, _), n in counts.items() if kind is ItemKind.SUGGESTION)
    proposals = sum(n for (kind, _), n in counts.items() if kind is ItemKind.PROPOSAL)
    city = sum(n for (_, level), n in counts.items() if level is Level.CITY)
    units = sum(1 for u in report.units if u.judged or u.report["R-KPI-4"].denominator)
    return (
        f"{report.year}年，全县共承办人大代表建议{suggestions}件、政协提案{proposals}件"
        f"（其中市级{city}件、县级{suggestions + proposals - city}件），"
        f"由{units}个单位主办或分办。截至{chinese_date(report.as_of)}，主要指标完成情况如下。"
    )


def _county_sentences(report: YearReport) -> list[str]:
    return [
        f"{r.name}{percent_text(r.rate)}（{r.numerator}/{r.denominator}），目标{_target(r)}，"
        f"{_verdict(r)}。"
        for r in report.county.results
    ]


def summary_docx(report: YearReport) -> bytes:
    doc = PlainDocument()
    doc.title(f"{report.county_name}{report.year}年度人大代表建议和政协提案办理工作总结")
    doc.subtitle("（草稿）")
    doc.heading("一、基本情况")
    doc.paragraph(_overview(report))
    doc.paragraph(f"{TO_FILL}：办理工作的组织领导、主要做法和成效。")
    doc.heading("二、目标完成情况")
    for sentence in _county_sentences(report):
        doc.paragraph(sentence)
    doc.table(
        ("指标", "目标", "完成情况", "是否达标"),
        [
            (f"{r.rule_id} {r.name}", _target(r), r.display, _verdict(r))
            for r in report.county.results
        ],
    )
    doc.heading("三、各承办单位排名")
    doc.table(
        ("名次", "承办单位", "主办分办件数", "达标指标数", "未达标指标"),
        [
            (
                unit.rank if unit.rank is not None else "—",
                report.name(unit.report.unit_id),
                unit.report["R-KPI-4"].denominator,
                f"{unit.met}/{unit.judged}" if unit.judged else "—",
                "、".join(unit.report[rule].name for rule in unit.missed) or "无",
            )
            for unit in report.units
        ],
    )
    doc.heading("四、存在的问题")
    if not report.shortfalls:
        doc.paragraph("各承办单位各项指标均达到目标。")
    for shortfall in report.shortfalls:
        result = shortfall.result
        labels = "、".join(i.label for i in shortfall.items[:20])
        more = f"等{len(shortfall.items)}件" if len(shortfall.items) > 20 else ""
        doc.paragraph(
            f"{shortfall.unit_name}{result.name}{percent_text(result.rate)}"
            f"（{result.numerator}/{result.denominator}），未达到{_target(result)}的目标"
            + (f"，涉及{labels}{more}。" if labels else "。")
        )
    doc.heading("五、下一步工作")
    doc.paragraph(f"{TO_FILL}：对未达标单位的督办、约谈或通报安排，以及下一年度的改进措施。")
    doc.paragraph("")
    doc.paragraph(f"{report.county_government}办公室", right=True)
    doc.paragraph(chinese_date(report.as_of), right=True)
    return doc.to_bytes()
