"""The yearly KPI report (R-KPI-1..7): per unit and county-wide, ranked, with the items behind
every missed target, as .xlsx and as an editable .docx summary (R-DL-9); the figures are the
ones the KPI endpoints give."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from openpyxl import load_workbook

from tests.api.flows import V1, ok, problem
from tests.api.office_world import build

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PARAMS = {"year": 2024, "as_of": "2024-12-31"}


def workbook(world, who: str = "staff", **params: Any):
    response = world.get(who, f"{V1}/kpi/report.xlsx", params=params or PARAMS)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def table(sheet) -> list[dict[str, Any]]:
    header = [c.value for c in sheet[1]]
    return [
        dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)
    ]


def test_the_workbook_ranks_units_and_lists_the_items_behind_each_shortfall(world):
    build(world)
    book = workbook(world)
    assert book.sheetnames == ["指标排名", "未达标事项", "计数说明"]
    ranking = table(book["指标排名"])
    assert [(r["名次"], r["承办单位"]) for r in ranking] == [
        ("—", "全县"),
        (1, "县交通运输局"),
        (2, "县财政局"),
    ]
    transport, finance = ranking[1], ranking[2]
    assert transport["R-KPI-1 按时办复率"] == "4/5（80%）" and transport["是否达标"] == "未达标"
    assert finance["R-KPI-1 按时办复率"] == "0/2（0%）"
    # 财政 sent nothing: 3 judged, 3 missed; 交通 met R-KPI-2 of its 7: a larger share met
    assert (finance["未达标指标数"], transport["未达标指标数"]) == (3, 6)
    assert book["指标排名"].freeze_panes == "C2"

    shortfalls = table(book["未达标事项"])
    on_time = {(r["承办单位"], r["件号"]) for r in shortfalls if r["指标"] == "R-KPI-1 按时办复率"}
    assert on_time == {
        ("县交通运输局", "第3号建议"),
        ("县财政局", "第2号建议"),
        ("县财政局", "第6号建议"),
    }
    assert all(r["标题"] for r in shortfalls if r["件号"])


def test_the_figures_are_the_kpi_endpoints_figures(world):
    build(world)
    ranking = table(workbook(world)["指标排名"])
    units = ok(world.get("staff", f"{V1}/kpi/units", params=PARAMS))
    county = ok(world.get("staff", f"{V1}/kpi", params=PARAMS))
    for report in [county, *units]:
        row = next(r for r in ranking if r["承办单位"] == report["unit_name"])
        for result in report["results"]:
            assert row[f"{result['rule_id']} {result['name']}"] == result["display"]


def test_the_summary_is_an_editable_document(world):
    build(world)
    response = world.get("staff", f"{V1}/kpi/report.docx", params=PARAMS)
    assert response.status_code == 200 and response.headers["content-type"] == DOCX
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "魏县2024年度人大代表建议和政协提案办理工作总结" in text
    assert "全县共承办人大代表建议6件、政协提案0件" in text
    assert "按时办复率" in text and "（请办公室补充）" in text
    assert "县财政局按时办复率0%（0/2），未达到100%的目标，涉及第2号建议、第6号建议。" in text
    county, ranking = document.tables
    assert [c.text for c in county.rows[0].cells] == ["指标", "目标", "完成情况", "是否达标"]
    assert [row.cells[1].text for row in ranking.rows[1:]] == ["县交通运输局", "县财政局"]


def test_an_empty_year_and_the_default_year(world):
    book = workbook(world, year=2030)
    assert [r["承办单位"] for r in table(book["指标排名"])] == ["全县"]
    assert table(book["未达标事项"]) == []
    assert world.get("handler", f"{V1}/kpi/report.xlsx").status_code == 200
    docx = world.get("auditor", f"{V1}/kpi/report.docx", params={"year": 2030})
    assert "各承办单位各项指标均达到目标" in "\n".join(
        p.text for p in Document(io.BytesIO(docx.content)).paragraphs
    )
    problem(world.get("staff", f"{V1}/kpi/report.xlsx", params={"year": 1999}), 422)
