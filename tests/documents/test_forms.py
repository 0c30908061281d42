"""Forms (attachments 1, 2, 11–14): the notice's columns in order, footnotes from the year
plan, the deadline rules and configuration — never a year written into a template."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from api.documents import form_document
from domain.deadlines import YearPlan
from domain.model import Satisfaction, VisitMode
from tests.documents.conftest import CONTACTS, forms
from tests.documents.readback import (
    LEFTOVER,
    all_text,
    body_texts,
    first_column,
    header_row,
    open_docx,
)

COLUMNS = {
    1: ["序号", "建议提案编号", "标题", "分管领导", "承办科室", "联系人及电话"],
    2: ["序号", "建议编号", "提案编号", "标题", "分管领导", "承办科室", "联系人及电话"],
    14: ["序号", "建议提案编号", "建议提案题目", "答复情况", "复查结果", "备注"],
}
ROW_LABELS = {
    11: ["承办单位", "建议编号", "标题", "代表意见建议"],
    12: ["承办单位", "提案编号", "标题", "委员意见建议"],
    13: ["代表委员姓名", "建议提案编号", "建议提案标题", "走访地点", "代表委员意见建议"],
}
TITLES = {
    1: "代表建议政协提案办理责任分解表",
    2: "重点处理代表建议政协提案登记表",
    11: "代表建议办理情况征询意见表",
    12: "政协提案办理情况征询意见表",
    13: "走访代表委员专用卡",
    14: "代表建议政协提案办理情况复查表",
}


def rendered(form: Any):  # type: ignore[no-untyped-def]
    _, content = form_document(form)
    return open_docx(content)


@pytest.mark.parametrize("number", sorted(TITLES), ids=[f"附件{n}" for n in sorted(TITLES)])
def test_form_has_its_title_columns_in_the_notices_order_and_no_tags(
    number: int, plan: YearPlan
) -> None:
    document = rendered(forms(plan)[number])
    assert TITLES[number] in body_texts(document)
    table = document.tables[0]
    if number in COLUMNS:
        assert header_row(table) == COLUMNS[number]
    else:
        assert first_column(table) == ROW_LABELS[number]
    assert not any(mark in all_text(document) for mark in LEFTOVER)


def test_breakdown_form_addresses_the_proposer_and_keeps_the_notices_period(
    plan: YearPlan,
) -> None:
    """R-DL-1: 15个工作日内 as the notice says (from the rule); 督查室's phone configured."""
    document = rendered(forms(plan)[1])
    texts = body_texts(document)
    assert "张三代表：" in texts
    assert "魏县交通运输局" in texts
    assert any("按照《魏县人民政府办公室关于做好2024年" in t for t in texts)
    assert "填表日期：2024年4月20日" in texts
    assert (
        "2.此表自代表建议政协提案第二次交办之日起15个工作日内送达代表委员，并报县政府督查室。"
        in texts
    )
    assert "联系电话：3519359" in texts
    row = [cell.text for cell in document.tables[0].rows[1].cells]
    assert row == [
        "1",
        "魏县第十届人大第三次会议第15号建议",
        "关于改善城区道路交通状况的建议",
        "刘建国",
        "公路管理股",
        "王强\n0310-3522101",
    ]


def test_key_item_form_puts_numbers_in_their_own_column(plan: YearPlan) -> None:
    """R-KY-1: 1至2件; suggestion and proposal numbers in separate columns (R-DL-2)."""
    document = rendered(forms(plan)[2])
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows[1:]]
    assert [row[1:3] for row in rows] == [
        ["魏县第十届人大第三次会议第15号建议", ""],
        ["", "政协魏县第十届委员会第三次会议第8号提案"],
    ]
    assert "注：1.填写承办单位主办的代表建议政协提案1至2件。" in body_texts(document)


def test_feedback_form_records_the_verdict_and_returns_to_the_npc_committee(
    plan: YearPlan,
) -> None:
    """R-FB-1: 满意 / 基本满意 / 不满意, both comments, talk wanted; back in 15日 (R-DL-6)."""
    document = rendered(forms(plan)[11])
    verdict = [cell.text for cell in document.tables[0].rows[3].cells[1:]]
    assert verdict == ["满意", "", "基本满意", "√", "不满意", ""]
    text = all_text(document)
    assert "态度诚恳" in text and "希望加快进度" in text
    assert "3.是否要求当面走访座谈：\n是" in text
    assert (
        "注：代表接到代表建议答复函后，请认真填写此表并于15日内反馈给县人大选任工委"
        "（联系电话：3511920）。"
    ) in body_texts(document)


def test_proposal_feedback_form_goes_to_the_cppcc_committee(plan: YearPlan) -> None:
    """R-FB-1: proposals' forms go back to the CPPCC proposals committee; blank when unfilled."""
    document = rendered(forms(plan)[12])
    verdict = [cell.text for cell in document.tables[0].rows[3].cells[1:]]
    assert verdict == ["满意", "", "基本满意", "", "不满意", ""]
    assert "委员签字：" in all_text(document)
    assert (
        "注：委员接到政协提案答复函后，请认真填写此表并于15日内反馈给县政协提案委"
        "（联系电话：3520411）。"
    ) in body_texts(document)


@pytest.mark.parametrize("year", [2024, 2025])
def test_visit_card_due_date_comes_from_the_year_plan(year: int) -> None:
    """R-VS-1, R-DL-8: 于{year}年9月30日前 from YearPlan.visit_cards_due."""
    document = rendered(forms(YearPlan.default(year))[13])
    assert (
        f"注：承办单位走访工作结束后，于{year}年9月30日前将此卡报送县政府督查室"
        "（联系电话：3519359）。"
    ) in body_texts(document)
    assert f"承办单位：魏县交通运输局\t走访时间：{year}年6月12日" in body_texts(document)


def test_visit_card_records_the_mode_of_a_visit_not_face_to_face(plan: YearPlan) -> None:
    """R-VS-1: phone, WeChat and video visits are recorded on the card as such."""
    card = replace(forms(plan)[13], mode=VisitMode.PHONE, place="")
    assert "电话走访" in all_text(rendered(card))
    wechat = replace(card, mode=VisitMode.WECHAT, place="代表家中")
    assert "微信走访（代表家中）" in all_text(rendered(wechat))


def test_lookback_form_reports_progress_and_the_plans_due_date() -> None:
    """R-FB-3: class and result in brief, 有进展 with details or 无进展; R-DL-9 from the plan."""
    plan = YearPlan(2026, dt.date(2026, 9, 25), dt.date(2026, 12, 25))
    document = rendered(forms(plan)[14])
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows[1:]]
    assert [row[3:5] for row in rows] == [
        ["A类：道路已完成拓宽", "有进展：已完成招标，8月开工"],
        ["B类：新华街改造已列入年度计划", "无进展"],
    ]
    texts = body_texts(document)
    assert "4.此表由承办单位重新制作，市、县件分别填写，于2026年12月25日前报县政府督查室。" in texts
    assert "联系电话：3519359，邮箱：hongmeng2468@163.com" in texts


def test_footnote_phones_are_configuration(plan: YearPlan) -> None:
    """督查室 3519359, 选任工委 3511920, 提案委 3520411 are data: new numbers print as given."""
    contacts = replace(
        CONTACTS,
        supervision_phone="0310-3510000",
        npc_feedback_phone="0310-3511111",
        cppcc_feedback_phone="0310-3512222",
    )
    documents = {n: all_text(rendered(f)) for n, f in forms(plan, contacts).items()}
    for number in (1, 2, 13, 14):
        assert "0310-3510000" in documents[number] and "3519359" not in documents[number]
    assert "0310-3511111" in documents[11] and "3511920" not in documents[11]
    assert "0310-3512222" in documents[12] and "3520411" not in documents[12]


def test_feedback_form_without_answers_leaves_the_boxes_empty(plan: YearPlan) -> None:
    """R-FB-1: the form sent with the reply has nothing ticked."""
    blank = replace(forms(plan)[11], satisfaction=None, attitude="", results="", wants_talk=None)
    verdict = [cell.text for cell in rendered(blank).tables[0].rows[3].cells[1:]]
    assert verdict == ["满意", "", "基本满意", "", "不满意", ""]
    dissatisfied = replace(blank, satisfaction=Satisfaction.DISSATISFIED)
    assert [c.text for c in rendered(dissatisfied).tables[0].rows[3].cells[1:]][-1] == "√"
