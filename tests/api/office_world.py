"""A year of handling for the office-tools tests (ledger, reminders, circular, KPI report):
items in every state, made through HTTP as a real office would.

#1 交通 main + 财政 co, assigned 11 Apr: reply sent 1 Jul (on time), published 3 Jul, lead
   visited face to face, a satisfied form, look-back filed.
#2 财政 main, assigned 1 Mar: no reply, so R-DL-4 (due 3 Jun) is overdue in July.
#3 交通 main, assigned 11 Apr: no reply, R-DL-4 due 11 Jul: due soon on 8 Jul.
#4, #5 merged (交通 main), one reply sent 28 Jun for both (R-MG-3).
#6 split between 交通 and 财政; 交通 replied 1 Jul, a dissatisfied form, referred.
"""

from __future__ import annotations

from typing import Any

from tests.api.flows import (
    V1,
    assign,
    assigned,
    feedback,
    make_item,
    ok,
    publish,
    send_reply,
    visit,
)


def build(world) -> dict[int, dict[str, Any]]:
    items: dict[int, dict[str, Any]] = {}
    items[1] = assigned(
        world,
        1,
        units=(("transport", "main"), ("finance", "co")),
        title="关于加快农村公路提档升级的建议",
    )
    reply = send_reply(world, items[1]["id"], sent_on="2024-07-01")
    ok(publish(world, reply["id"], "2024-07-03"))
    ok(visit(world, items[1]["id"], proposer_id=world.proposers["zhang"]), 201)
    ok(feedback(world, items[1]["id"], "zhang", received_on="2024-07-10"), 201)
    lookback = {
        "checked_on": "2024-11-01",
        "progress": True,
        "details": "道路已完工",
        "filed_on": "2024-11-05",
    }
    ok(world.put("handler", f"{V1}/items/{items[1]['id']}/lookback", json=lookback))

    items[2] = assigned(
        world,
        2,
        units=(("finance", "main"),),
        second_assignment="2024-03-01",
        title="关于改善城区学校办学条件的建议",
    )
    items[3] = assigned(world, 3, title="关于加强城关镇环境卫生整治的建议")

    items[4] = assigned(world, 4, title="关于治理城区占道经营的建议")
    items[5] = assigned(world, 5, proposers=("li", "wang"), title="关于规范城区占道经营管理的建议")
    body = {"item_ids": [items[4]["id"], items[5]["id"]], "reason": "内容相近，并案答复"}
    ok(world.post("staff", f"{V1}/merges", json=body), 201)
    send_reply(world, items[4]["id"], sent_on="2024-06-28", reply_class="B")

    items[6] = make_item(world, 6, title="关于推进县域医共体建设的建议")
    assign(world, items[6]["id"], [("transport", "split"), ("finance", "split")])
    send_reply(world, items[6]["id"], sent_on="2024-07-01", reply_class="C")
    form = ok(
        feedback(world, items[6]["id"], "zhang", "dissatisfied", received_on="2024-07-12"), 201
    )
    ok(
        world.post(
            "staff", f"{V1}/feedback/{form['id']}/referral", json={"referred_on": "2024-07-15"}
        ),
        201,
    )
    return items
