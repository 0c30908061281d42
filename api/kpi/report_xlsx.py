"""The yearly KPI report as .xlsx: a ranking sheet (county first, then units by rank), the items
behind every missed target, and how the figures are counted (R-KPI-0)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from api.kpi.report import YearReport
from domain.kpi import KpiReport, KpiResult, percent_text
from domain.kpi_targets import MEASURES, face_to_face_target

RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
HEADER_FILL = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")
BOLD = Font(bold=True)
WRAP = Alignment(horizontal="center", vertical="center", wrap_text=True)
COUNTING = (
    "R-KPI-0 计数口径：以“交办”为计数单位（一件建议提案由一个单位以一种方式承办）。"
    "单位指标统计其主办、分办件；会办件只计入会办意见期限（R-DL-3）。全县指标统计全部主办、分办件。",
    "R-KPI-1 按时办复率：已答复或答复期限已过的件为分母，按期答复的为分子。",
    "R-KPI-2 答复函规范化率、R-KPI-3 解决率：以已答复件为分母；类别以办公室最终审定为准。",
    "R-KPI-4 面对面走访率：主办分办件数N≤10件须100%，11至49件不低于75%，50件以上不低于50%。",
    "R-KPI-5 满意率：每件每位提出人一票，以最新一份征询意见表为准；满意与基本满意计为满意。",
    "R-KPI-6 联系率：领衔人以任何方式联系过的件占全部件的比例。",
    "R-KPI-7 答复公开率：可公开且已到公开期限（或已公开）的答复中，7日内公开的比例。",
    "百分比截断到0.1%（不四舍五入），不会把未达标显示成达标。",
)


def _met(result: KpiResult) -> str:
    return {True: "达标", False: "未达标", None: "—"}[result.met]


def _target(result: KpiResult, report: KpiReport) -> str:
    if result.target is not None:
        return percent_text(result.target)
    if report.unit_id is not None:  # R-KPI-4: the unit's own tier
        return percent_text(face_to_face_target(result.denominator))
    return "各单位分档"


def _header(sheet: Worksheet, names: Sequence[str], widths: Sequence[int]) -> None:
    sheet.append(list(names))
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2"


def _ranking(sheet: Worksheet, report: YearReport) -> None:
    names = ["名次", "承办单位", "主办分办件数"]
    for measure in MEASURES:
        names += [f"{measure.rule_id} {measure.name}", "目标", "是否达标"]
    names += ["未达标指标数"]
    _header(sheet, names, [6, 22, 8] + [16, 8, 8] * len(MEASURES) + [10])
    rows: list[tuple[Any, KpiReport]] = [("—", report.county)]
    rows += [(u.rank if u.rank is not None else "—", u.report) for u in report.units]
    for rank, kpis in rows:
        count = kpis["R-KPI-4"].denominator
        values: list[Any] = [rank, report.name(kpis.unit_id), count]
        for result in kpis.results:
            values += [result.display, _target(result, kpis), _met(result)]
        values.append(len(kpis.missed_rule_ids))
        sheet.append(values)
        line = sheet.max_row
        for index, result in enumerate(kpis.results):
            if result.met is not None:
                sheet.cell(row=line, column=6 + index * 3).fill = RED if not result.met else GREEN
        if kpis.unit_id is None:
            for cell in sheet[line]:
                cell.font = BOLD
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{sheet.max_row}"


def _shortfalls(sheet: Worksheet, report: YearReport) -> None:
    _header(
        sheet, ["承办单位", "指标", "目标", "完成情况", "件号", "标题"], [22, 22, 8, 16, 14, 50]
    )
    for shortfall in report.shortfalls:
        result = shortfall.result
        target = percent_text(result.target) if result.target is not None else "分档"
        head = [shortfall.unit_name, f"{result.rule_id} {result.name}", target, result.display]
        for item in shortfall.items or ():
            sheet.append([*head, item.label, item.title])
        if not shortfall.items:
            sheet.append([*head, "", ""])
    sheet.auto_filter.ref = f"A1:F{max(sheet.max_row, 1)}"


def report_workbook(report: YearReport) -> bytes:
    book = Workbook()
    ranking = book.active
    assert ranking is not None
    ranking.title = "指标排名"
    _ranking(ranking, report)
    _shortfalls(book.create_sheet("未达标事项"), report)
    notes = book.create_sheet("计数说明")
    notes.column_dimensions["A"].width = 120
    notes.append(
        [f"{report.county_name}{report.year}年度建议提案办理目标完成情况（截至{report.as_of}）"]
    )
    for line in COUNTING:
        notes.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
