"""Attachments 1, 2, 11–14: the notice's forms as tables, its columns in its order.

Each form: a centred title, the lines above the table, the table (header row in 黑体, a
``{%tr for %}`` row for list forms), and the footnotes (注) as the notice words them; due
dates, periods and the offices' phone numbers are tags filled from the year plan, the
deadline rules and configuration, never written in here.
"""

from __future__ import annotations

from docx.document import Document
from docx.table import Table
from gbt9704 import (
    CENTER,
    FANGSONG,
    JUSTIFY,
    LEFT,
    RIGHT,
    SIZE_2,
    SIZE_4,
    XIAOBIAOSONG,
    cell_text,
    centre_vertically,
    header_cell,
    indent,
    para,
    repeat_header,
    right_tab,
    row_height,
    run,
    table,
)

Column = tuple[str, float, str]  # header, width in mm, tag of the data cell

BREAKDOWN_COLUMNS: tuple[Column, ...] = (
    ("序号", 14, "{{ row.seq }}"),
    ("建议提案编号", 30, "{{ row.number }}"),
    ("标题", 38, "{{ row.title }}"),
    ("分管领导", 22, "{{ row.leader }}"),
    ("承办科室", 22, "{{ row.section }}"),
    ("联系人及电话", 30, "{{ row.contact }}"),
)
KEY_ITEM_COLUMNS: tuple[Column, ...] = (
    ("序号", 14, "{{ row.seq }}"),
    ("建议编号", 22, "{{ row.suggestion_number }}"),
    ("提案编号", 22, "{{ row.proposal_number }}"),
    ("标题", 24, "{{ row.title }}"),
    ("分管领导", 22, "{{ row.leader }}"),
    ("承办科室", 22, "{{ row.section }}"),
    ("联系人及电话", 30, "{{ row.contact }}"),
)
LOOKBACK_COLUMNS: tuple[Column, ...] = (
    ("序号", 14, "{{ row.seq }}"),
    ("建议提案编号", 30, "{{ row.number }}"),
    ("建议提案题目", 34, "{{ row.title }}"),
    ("答复情况", 32, "{{ row.reply }}"),
    ("复查结果", 32, "{{ row.result }}"),
    ("备注", 14, "{{ row.remark }}"),
)
LIST_SIZE = 12  # 小四: seven columns across 156 mm
BREAKDOWN_DUE = "{{ breakdown_period }}"  # 15个工作日, R-DL-1 / R-DL-2


def _title(document: Document, *lines: str) -> None:
    for line in lines:
        para(document, line, font=XIAOBIAOSONG, size=SIZE_2, align=CENTER)
    para(document)


def _left_right(document: Document, left: str, right: str) -> None:
    """One line: a label at the left margin, another flush right (承办单位 … 填表日期)."""
    line = para(document, align=LEFT)
    right_tab(line)
    for text in (left, "\t", right):
        run(line, text, size=SIZE_4)


def _notes(document: Document, *lines: str) -> None:
    """注: the first line after 注：, the others aligned under it; 4号 仿宋."""
    for number, line in enumerate(lines):
        note = para(document, f"注：{line}" if number == 0 else line, size=SIZE_4, align=JUSTIFY)
        if number:
            indent(note, left=2, size=SIZE_4)


def _list_table(document: Document, columns: tuple[Column, ...]) -> Table:
    """Header row, then one row per ``rows`` entry: the ``{%tr %}`` rows vanish on rendering."""
    grid = table(document, tuple(width for _, width, _ in columns), rows=4)
    header, loop, data, end = grid.rows
    repeat_header(header)
    for cell, (name, _, _) in zip(header.cells, columns, strict=True):
        header_cell(cell, name, size=LIST_SIZE)
    for cell, (name, _, tag) in zip(data.cells, columns, strict=True):
        long_text = name.endswith(("题", "题目", "情况", "结果"))
        cell_text(cell, tag, size=LIST_SIZE, align=LEFT if long_text else CENTER)
        centre_vertically(cell)
    cell_text(loop.cells[0], "{%tr for row in rows %}", align=LEFT)
    cell_text(end.cells[0], "{%tr endfor %}", align=LEFT)
    return grid


def build_breakdown(document: Document) -> None:
    """附件1 (承办单位)代表建议政协提案办理责任分解表, one per proposer (R-DL-1)."""
    _title(document, "{{ unit_name }}", "代表建议政协提案办理责任分解表")
    para(document, "{{ salutation }}", align=LEFT)
    para(
        document,
        "按照《{{ notice_title }}》要求，我们对您所提建议（提案）办理进行了责任分解，"
        "具体分解到分管领导、承办科室和承办人，以便于您随时沟通联系。",
        first_line=2,
    )
    para(document, "填表日期：{{ filled_on }}", align=RIGHT)
    _list_table(document, BREAKDOWN_COLUMNS)
    _notes(
        document,
        "1.以代表、委员为单位分别填写代表建议政协提案办理责任分解情况。",
        f"2.此表自代表建议政协提案第二次交办之日起{BREAKDOWN_DUE}内送达代表委员，"
        "并报{{ supervision_office }}。",
        "联系电话：{{ supervision_phone }}",
    )


def build_key_items(document: Document) -> None:
    """附件2 重点处理代表建议政协提案登记表 (R-KY-1, R-DL-2)."""
    _title(document, "重点处理代表建议政协提案登记表")
    _left_right(document, "承办单位（盖章）：{{ unit_name }}", "填表日期：{{ filled_on }}")
    _list_table(document, KEY_ITEM_COLUMNS)
    _notes(
        document,
        "1.填写承办单位主办的代表建议政协提案{{ key_item_range }}。",
        f"2.此表自代表建议政协提案第二次交办之日起{BREAKDOWN_DUE}内送达代表委员，"
        "并报{{ supervision_office }}。",
        "联系电话：{{ supervision_phone }}",
    )


def build_feedback(document: Document, *, item: str, person: str) -> None:
    """附件11 (item 建议, person 代表) and 12 (提案, 委员): 征询意见表 (R-FB-1, R-DL-6)."""
    _title(document, f"{'代表建议' if item == '建议' else '政协提案'}办理情况征询意见表")
    grid = table(document, (26, 20, 18, 26, 18, 24, 24), rows=8)
    for row, (label, tag) in enumerate(
        (("承办单位", "{{ unit_name }}"), (f"{item}编号", "{{ number }}"), ("标题", "{{ title }}"))
    ):
        header_cell(grid.cell(row, 0), label)
        cell_text(grid.cell(row, 1).merge(grid.cell(row, 6)), tag, align=LEFT)
    header_cell(grid.cell(3, 0).merge(grid.cell(7, 0)), f"{person}意见建议")
    for column, (label, tag) in enumerate(
        (("满意", "satisfied"), ("基本满意", "basically_satisfied"), ("不满意", "dissatisfied"))
    ):
        header_cell(grid.cell(3, 1 + 2 * column), label)
        cell_text(grid.cell(3, 2 + 2 * column), f"{{{{ tick.{tag} }}}}")
    answers = (
        ("1.对办理态度的意见：", "{{ attitude }}", 40),
        ("2.对办理工作及结果的意见：", "{{ results }}", 50),
        ("3.是否要求当面走访座谈：", "{{ wants_talk }}", 20),
    )
    for row, (question, tag, height) in enumerate(answers, start=4):
        cell = grid.cell(row, 1).merge(grid.cell(row, 6))
        cell_text(cell, question, align=LEFT)
        cell_text(cell, tag, align=LEFT, font=FANGSONG)
        row_height(grid.rows[row], height)
    signature = cell_text(grid.cell(7, 1).merge(grid.cell(7, 6)), f"{person}签字：", align=LEFT)
    indent(signature, left=16, size=SIZE_4)
    row_height(grid.rows[7], 16)
    _notes(
        document,
        f"{person}接到{'代表建议' if item == '建议' else '政协提案'}答复函后，请认真填写此表"
        "并于{{ feedback_period }}内反馈给{{ return_to }}（联系电话：{{ return_phone }}）。",
    )


def build_visit_card(document: Document) -> None:
    """附件13 走访代表委员专用卡, one card per item visited (R-VS-1, R-DL-8)."""
    _title(document, "走访代表委员专用卡")
    _left_right(document, "承办单位：{{ unit_name }}", "走访时间：{{ visited_on }}")
    grid = table(document, (40, 116), rows=7)
    rows = (
        ("代表委员姓名", "{{ proposer_name }}"),
        ("建议提案编号", "{{ number }}"),
        ("建议提案标题", "{{ title }}"),
        ("走访地点", "{{ place }}"),
    )
    for row, (label, tag) in enumerate(rows):
        header_cell(grid.cell(row, 0), label)
        cell_text(grid.cell(row, 1), tag, align=LEFT)
    header_cell(grid.cell(4, 0).merge(grid.cell(6, 0)), "代表委员意见建议")
    for row, (question, tag, height) in enumerate(
        (
            ("1.对办理态度的意见：", "{{ attitude }}", 45),
            ("2.对办理工作及结果的意见：", "{{ results }}", 60),
        ),
        start=4,
    ):
        cell_text(grid.cell(row, 1), question, align=LEFT)
        cell_text(grid.cell(row, 1), tag, align=LEFT)
        row_height(grid.rows[row], height)
    signature = cell_text(grid.cell(6, 1), "代表委员签字：", align=LEFT)
    indent(signature, left=10, size=SIZE_4)
    row_height(grid.rows[6], 16)
    _notes(
        document,
        "承办单位走访工作结束后，于{{ visit_cards_due }}前将此卡报送{{ supervision_office }}"
        "（联系电话：{{ supervision_phone }}）。",
    )


def build_lookback(document: Document) -> None:
    """附件14 代表建议政协提案办理情况复查表: main items only (R-FB-3, R-DL-9)."""
    _title(document, "代表建议政协提案办理情况复查表")
    _left_right(document, "承办单位（盖章）：{{ unit_name }}", "填表日期：{{ filled_on }}")
    _list_table(document, LOOKBACK_COLUMNS)
    _notes(
        document,
        "1.只复查主办件情况。",
        "2.答复情况简要概述办理结果。",
        "3.复查结果填写有无进展，有进展的说明情况。",
        "4.此表由承办单位重新制作，市、县件分别填写，"
        "于{{ lookback_due }}前报{{ supervision_office }}。",
        "联系电话：{{ supervision_phone }}，邮箱：{{ supervision_email }}",
    )
