"""The columns of the congress's and the CPPCC's sheets, found by their Chinese headers.

Each field has aliases in order of preference (``编号`` beats ``序号`` when a sheet has both).
A header matches an alias exactly, after spaces, required-marks (*) and notes in brackets
are dropped ("主办单位（限1个）" is 主办单位); failing that, the longest alias it contains.
The header row is the first of the top ten rows that names a title and a number or a lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from api.errors import ApiError
from api.imports.reader import Cell, RawRow

ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("编号", "建议号", "提案号", "建议编号", "提案编号", "案号", "序号"),
    "title": ("标题", "案由", "题目", "建议标题", "提案标题", "建议题目", "提案题目"),
    "content": ("内容", "正文", "建议内容", "提案内容", "主要内容"),
    "lead": ("领衔代表", "领衔委员", "领衔人", "提出人", "提案人", "第一提出人", "领衔单位"),
    "co_proposers": ("联名代表", "联名委员", "附议人", "联名人", "附议代表", "附议委员"),
    "topic": ("类别", "类型", "分类", "专题"),
    "main_units": ("主办单位", "承办单位"),
    "co_units": ("会办单位", "协办单位"),
    "split_units": ("分办单位",),
    "second_assignment": ("交办日期", "第二次交办日期", "正式交办日期", "二次交办日期"),
    "first_assignment": ("第一次交办日期", "初次交办日期", "首次交办日期"),
    "secret": ("是否涉密", "涉密"),
    "content_consent": ("原文是否同意公开", "同意公开原文", "原文公开", "是否同意公开"),
    "between_sessions": ("闭会期间交办", "是否闭会期间", "闭会期间"),
}
REQUIRED = ("number", "title", "lead")
LABELS = {name: aliases[0] for name, aliases in ALIASES.items()}
LABELS["lead"] = "领衔人"
_BY_ALIAS = {
    alias: (name, rank) for name, aliases in ALIASES.items() for rank, alias in enumerate(aliases)
}
_LONGEST_FIRST = sorted(_BY_ALIAS, key=len, reverse=True)
_NOTE = re.compile(r"[（(【\[].*?[）)】\]]")
_SPACES = re.compile(r"[\s\u3000*＊:：]+")
_NAMES = re.compile(r"[、，,；;／/|｜\s\u3000]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMBER = re.compile(r"^第?\s*(\d{1,5})\s*号?$")
_TRUE = {"是", "Y", "y", "YES", "yes", "true", "TRUE", "1", "√", "✓", "同意"}
_FALSE = {"否", "N", "n", "NO", "no", "false", "FALSE", "0", "×", "不同意"}
EXCEL_EPOCH = date(1899, 12, 30)


def normalise(header: str) -> str:
    return _SPACES.sub("", _NOTE.sub("", header))


def field_of(header: str) -> tuple[str, int] | None:
    name = normalise(header)
    if not name:
        return None
    if name in _BY_ALIAS:
        return _BY_ALIAS[name]
    for alias in _LONGEST_FIRST:
        if alias in name:
            return _BY_ALIAS[alias][0], len(ALIASES[_BY_ALIAS[alias][0]]) + 1
    return None


@dataclass
class Header:
    row: int
    columns: dict[str, int]  # field -> 0-based column index
    titles: dict[str, str]  # field -> the header as written in the file
    ignored: list[str]


def find_header(rows: list[RawRow]) -> Header:
    """The header row and which column holds which field; 422 when a required one is missing."""
    for number, cells in rows[:10]:
        chosen: dict[str, tuple[int, int, str]] = {}
        ignored = []
        for index, cell in enumerate(cells):
            text = str(cell).strip() if cell is not None else ""
            found = field_of(text) if text else None
            if found is None:
                if text:
                    ignored.append(text)
                continue
            name, rank = found
            if name not in chosen or rank < chosen[name][0]:
                if name in chosen:
                    ignored.append(chosen[name][2])
                chosen[name] = (rank, index, text)
            else:
                ignored.append(text)
        if "title" in chosen and ("number" in chosen or "lead" in chosen):
            missing = [LABELS[f] for f in REQUIRED if f not in chosen]
            if missing:
                raise ApiError(
                    422, f"第{number}行表头缺少必需的列：{'、'.join(missing)}", field="file"
                )
            return Header(
                number,
                {name: index for name, (_, index, _) in chosen.items()},
                {name: text for name, (_, _, text) in chosen.items()},
                ignored,
            )
    raise ApiError(
        422, "找不到表头：前10行中应有一行包含“编号”“标题（案由）”“领衔人”等列名", field="file"
    )


@dataclass
class Problem:
    row: int
    column: str
    reason: str
    candidates: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {"row": self.row, "column": self.column, "reason": self.reason}
        if self.candidates:
            found["candidates"] = self.candidates
        return found


@dataclass
class RowData:
    """One data row, parsed; ``present`` names the fields the sheet has columns for."""

    row: int
    present: frozenset[str]
    values: dict[str, object]
    problems: list[Problem]

    def names(self, name: str) -> list[str]:
        value = self.values.get(name)
        return list(value) if isinstance(value, list) else []


def parse_rows(rows: list[RawRow], header: Header) -> list[RowData]:
    return [_parse(number, cells, header) for number, cells in rows if number > header.row]


def _parse(number: int, cells: list[Cell], header: Header) -> RowData:
    values: dict[str, object] = {}
    problems: list[Problem] = []
    for name, index in header.columns.items():
        raw = cells[index] if index < len(cells) else None
        try:
            values[name] = _value(name, raw)
        except ValueError as exc:
            problems.append(Problem(number, header.titles[name], str(exc)))
    lead, co = values.get("lead"), values.get("co_proposers")
    if isinstance(lead, list) and len(lead) > 1:  # "提出人: 张三、李四": the first leads
        values["lead"] = lead[:1]
        values["co_proposers"] = lead[1:] + (co if isinstance(co, list) else [])
    for name in REQUIRED:
        if not values.get(name):
            problems.append(Problem(number, header.titles[name], "必填项为空"))
    return RowData(number, frozenset(header.columns), values, problems)


def _value(name: str, raw: Cell) -> object:
    text = raw.strip() if isinstance(raw, str) else raw
    if name == "number":
        return _number(text)
    if name in ("lead", "co_proposers", "main_units", "co_units", "split_units"):
        return [n for n in _NAMES.split(str(text)) if n] if text not in (None, "") else []
    if name in ("first_assignment", "second_assignment"):
        return _date(text)
    if name in ("secret", "content_consent", "between_sessions"):
        return _flag(text)
    if text is None:
        return "" if name == "content" else None
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return str(text)


def _number(value: Cell) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 99999:
        return value
    match = _NUMBER.match(str(value).strip())
    if match is None or int(match.group(1)) < 1:
        raise ValueError(f"编号应为正整数，如 15 或 第15号：{value}")
    return int(match.group(1))


def _date(value: Cell) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 20000 < value < 80000:  # an Excel serial day
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip()
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    try:
        if match is None:
            raise ValueError(text)
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(f"日期无法识别：{text}（应为 2024-04-11 或 2024年4月11日）") from None


def _flag(value: Cell) -> bool | None:
    if value in (None, ""):
        return None
    text = str(int(value) if isinstance(value, float) else value).strip()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"应填“是”或“否”：{text}")
