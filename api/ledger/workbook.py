"""The ledger (台账) as an .xlsx: one row per item and unit role, every due date and its state.

Written in openpyxl's write-only mode (rows streamed, styles shared) so 10,000 rows take
seconds. Frozen header, auto-filter, overdue red and due soon amber. Text that begins with
"=" is written as text, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from api.ledger.facts import Row
from domain.deadlines import RULES, Deadline, State
from domain.model import Satisfaction

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEDGER_RULES = [r for r in RULES if r.rule_id.startswith("R-DL-")]
BASE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 6),
    ("年度", 6),
    ("会议", 26),
    ("类型", 6),
    ("级别", 6),
    ("编号", 6),
    ("标题（案由）", 40),
    ("领衔人", 10),
    ("提出人数", 8),
    ("类别", 8),
    ("承办单位", 18),
    ("承办方式", 8),
    ("重点处理", 8),
    ("领导督办", 10),
    ("第二次交办", 11),
    ("主要期限", 11),
    ("办理状态", 18),
    ("剩余工作日", 10),
    ("完成日期", 11),
    ("答复状态", 10),
    ("办理结果", 8),
    ("公开日期", 11),
    ("走访次数", 8),
    ("面对面走访", 10),
    ("最近走访", 11),
    ("征询意见", 18),
)
HEADERS = [name for name, _ in BASE_COLUMNS] + [
    f"{rule.rule_id} {rule.name}{part}" for rule in LEDGER_RULES for part in ("期限", "状态")
]
WIDTHS = [width for _, width in BASE_COLUMNS] + [11, 18] * len(LEDGER_RULES)

RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
AMBER = PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C")
RED_FONT = Font(color="9C0006")
AMBER_FONT = Font(color="9C5700")
HEADER_FILL = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")
HEADER_FONT = Font(bold=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
THIN = Side(style="thin", color="A6A6A6")
HEADER_BORDER = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
#: Named styles (one set per workbook): a cell takes one by name, far cheaper than a fill
#: and a font per cell.
STATE_STYLES = {State.OVERDUE: ("逾期", RED, RED_FONT), State.DUE_SOON: ("临期", AMBER, AMBER_FONT)}
VOTE_ORDER = (Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED, Satisfaction.DISSATISFIED)


def state_text(deadline: Deadline) -> str:
    """办理中（剩12个工作日）, 逾期3个工作日, 按时完成 …; a provisional due date says so
    (R-DL-12)."""
    state, left = deadline.state, deadline.working_days_left
    if state is State.OVERDUE and left is not None:
        text = f"逾期{-left}个工作日"
    elif state in (State.OPEN, State.DUE_SOON) and left is not None:
        text = f"{state.label}（剩{left}个工作日）"
    else:
        text = state.label
    return text + "（期限暂定）" if deadline.provisional else text


class _Sheet:
    def __init__(self, book: Workbook, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.styles: dict[State, str] = {}
        for state, (name, fill, font) in STATE_STYLES.items():
            book.add_named_style(NamedStyle(name, fill=fill, font=font))
            self.styles[state] = name

    def cell(self, value: Any, state: State | None = None) -> Any:
        """A plain value, or a styled cell for a state to colour or text to keep as text."""
        style = self.styles.get(state) if state is not None else None
        formula_like = isinstance(value, str) and value.startswith("=")
        if style is None and not formula_like:
            return value
        cell = WriteOnlyCell(self.sheet, value=value)
        if formula_like:
            cell.data_type = "s"
        if style is not None:
            cell.style = style
        return cell

    def header(self, names: Sequence[str]) -> None:
        cells = []
        for name in names:
            cell = WriteOnlyCell(self.sheet, value=name)
            cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, HEADER_ALIGN
            cell.border = HEADER_BORDER
            cells.append(cell)
        self.sheet.append(cells)


def _votes(votes: dict[Satisfaction, int]) -> str:
    return "、".join(f"{s.label}{votes[s]}" for s in VOTE_ORDER if votes.get(s))


def _row_values(sheet: _Sheet, n: int, row: Row) -> list[Any]:
    item, assignment, reply = row.item, row.assignment, row.reply
    main = row.main_duty
    main_state = main.state if main else None
    left = main.working_days_left if main and main.state not in _SETTLED else None
    values: list[Any] = [
        n,
        item.year,
        row.session_name,
        item.kind.label,
        item.level.label,
        item.number,
        sheet.cell(item.title),
        sheet.cell(row.lead_proposer),
        row.proposer_count,
        sheet.cell(item.topic),
        row.unit_name,
        assignment.role.label,
        "是" if assignment.key_item else "",
        (item.supervising_leader or "是") if item.leader_supervised else "",
        item.second_assignment,
        sheet.cell(main.due if main else None, main_state),
        sheet.cell(state_text(main) if main else "", main_state),
        sheet.cell(left, main_state),
        main.done_on if main else None,
        reply.status.label if reply else "未起草",
        reply.reply_class.label if reply and reply.reply_class else "",
        reply.published_on if reply else None,
        row.contacts.count,
        row.contacts.face_to_face,
        row.contacts.last_on,
        _votes(row.votes),
    ]
    by_rule = {d.rule.rule_id: d for d in row.deadlines}
    for rule in LEDGER_RULES:
        deadline = by_rule.get(rule.rule_id)
        if deadline is None:
            values += [None, None]
        else:
            values += [
                sheet.cell(deadline.due, deadline.state),
                sheet.cell(state_text(deadline), deadline.state),
            ]
    return values


_SETTLED = {State.DONE_ON_TIME, State.DONE_LATE, State.NOT_STARTED, State.CLOSED}


def ledger_workbook(rows: Iterable[Row], title: str) -> bytes:
    """The ledger's bytes: a sheet named ``title`` (e.g. 2024年台账)."""
    book = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = book.create_sheet(title[:31])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "H2"
    writer = _Sheet(book, sheet)
    writer.header(HEADERS)
    count = 0
    for count, row in enumerate(rows, start=1):
        sheet.append(_row_values(writer, count, row))
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{count + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ledger_filename(year: int, unit_name: str | None, as_of: date) -> str:
    who = unit_name or "全县"
    return f"{year}年建议提案办理台账-{who}-截至{as_of.isoformat()}.xlsx"
