"""The ledger (台账) as an .xlsx: one row per item and unit role, every due date with its
state (R-DL-1..9), colours, a frozen header and filters; a unit gets only its own rows; the
batched deadlines equal the ones each item shows."""

from __future__ import annotations

import io
from datetime import date
from urllib.parse import quote

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from api.auth.principal import Principal
from api.items.deadlines import deadlines_of_item
from api.ledger.facts import Scope, gather
from api.ledger.workbook import HEADERS
from api.models import Assignment, Item, UserRole
from tests.api.flows import V1, assigned, db, problem
from tests.api.office_world import build

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ledger(world, who="staff", **params):
    response = world.get(who, f"{V1}/ledger.xlsx", params={"year": 2024, **params})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    return response, book.active


def rows_of(sheet) -> list[dict[str, object]]:
    header = [c.value for c in sheet[1]]
    return [
        dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)
    ]


def column(name: str) -> int:
    return HEADERS.index(name) + 1


def test_one_row_per_item_and_unit_role_with_every_due_date(world):
    build(world)
    response, sheet = ledger(world, as_of="2024-07-08")
    assert (
        f"filename*=UTF-8''{quote('2024年建议提案办理台账-全县-截至2024-07-08.xlsx')}"
        in (response.headers["content-disposition"])
    )
    assert sheet.freeze_panes == "H2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(HEADERS)).column_letter}{sheet.max_row}"
    assert sheet.cell(1, 1).value == "序号" and "R-DL-4 答复代表委员期限" in HEADERS
    rows = rows_of(sheet)
    keys = [(r["编号"], r["承办单位"], r["承办方式"]) for r in rows]
    assert keys == [
        (1, "县交通运输局", "主办"),
        (1, "县财政局", "会办"),
        (2, "县财政局", "主办"),
        (3, "县交通运输局", "主办"),
        (4, "县交通运输局", "主办"),
        (5, "县交通运输局", "主办"),
        (6, "县交通运输局", "分办"),
        (6, "县财政局", "分办"),
    ]
    first = rows[0]
    assert first["主要期限"] == first["R-DL-4 答复代表委员期限"]
    assert first["办理状态"] == "按时完成" and first["办理结果"] == "A类"
    assert (first["走访次数"], first["面对面走访"], first["征询意见"]) == (1, 1, "满意1")
    assert first["R-DL-9 办理情况复查表及年度总结报送状态"].startswith("办理中")  # filed in Nov
    co = rows[1]
    assert co["主要期限"] == co["R-DL-3 会办意见送达主办单位期限"]
    assert co["R-DL-4 答复代表委员期限"] is None  # a co-unit owes no reply
    late, soon = rows[2], rows[3]
    assert late["办理状态"].startswith("逾期") and late["剩余工作日"] < 0
    assert soon["办理状态"] == "临期（剩3个工作日）" and soon["剩余工作日"] == 3
    assert rows[4]["答复状态"] == rows[5]["答复状态"] == "已答复"  # the merged group's reply
    assert rows[6]["征询意见"] == "不满意1"


def test_overdue_is_red_and_due_soon_amber(world):
    build(world)
    _, sheet = ledger(world, as_of="2024-07-08")
    state = column("办理状态")
    fills = [sheet.cell(r, state).fill.start_color.rgb for r in range(2, 6)]
    main_1, co_1, main_2, main_3 = fills
    assert main_2.endswith("FFC7CE") and co_1.endswith("FFC7CE")  # overdue: red (R-DL-4, R-DL-3)
    assert main_3.endswith("FFEB9C")  # due soon: amber
    assert not main_1.endswith(("FFC7CE", "FFEB9C"))  # replied on time: no colour


def test_a_unit_gets_only_its_own_rows(world):
    build(world)
    _, sheet = ledger(world, who="handler", as_of="2024-07-08")
    assert {r["承办单位"] for r in rows_of(sheet)} == {"县交通运输局"}
    response, _ = ledger(world, who="handler", unit_id=world.units["transport"])
    assert quote("县交通运输局") in response.headers["content-disposition"]
    problem(
        world.get("handler", f"{V1}/ledger.xlsx", params={"unit_id": world.units["finance"]}), 403
    )
    _, finance = ledger(world, unit_id=world.units["finance"], as_of="2024-07-08")
    assert {r["承办单位"] for r in rows_of(finance)} == {"县财政局"}
    problem(world.get("npc", f"{V1}/ledger.xlsx"), 403)
    problem(world.get("staff", f"{V1}/ledger.xlsx", params={"unit_id": 999999}), 404)
    assert ledger(world, who="auditor")[1].max_row == 9


def test_text_that_looks_like_a_formula_stays_text(world):
    assigned(world, 9, title='=HYPERLINK("http://evil","点击")')
    _, sheet = ledger(world)
    cell = sheet.cell(2, column("标题（案由）"))
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_an_empty_year_is_a_sheet_with_only_the_header(world):
    _, sheet = ledger(world, year=2030)
    assert sheet.max_row == 1 and [c.value for c in sheet[1]] == HEADERS


@pytest.mark.parametrize("as_of", ["2024-05-06", "2024-07-08", "2024-12-31", "2025-02-01"])
def test_the_batched_deadlines_equal_each_items_own(world, as_of):
    """``gather`` reads the years at once; it must give what one item's own read gives."""
    build(world)
    day = date.fromisoformat(as_of)
    office = Principal("office", UserRole.OFFICE_ADMIN, None, True)
    with db(world) as session:
        rows = gather(session, Scope((2024,)), day, office)
        assert len(rows) == 8
        for row in rows:
            assignment = session.get(Assignment, row.assignment.id)
            item = session.get(Item, row.item.id)
            assert assignment is not None and item is not None
            own = deadlines_of_item(session, item, [assignment], day)[assignment.id]
            assert row.deadlines == own, row.item.number
        units = set(session.scalars(select(Assignment.unit_id)))
    assert units == {world.units["transport"], world.units["finance"]}
