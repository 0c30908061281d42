"""Reply letters rendered per second on one core, and a batch zip of 300 letters (issue 5).

Targets: at least 30 letters/s; a zip of 300 letters in under 15 s.

    .venv/bin/python bench/bench_letters.py [--letters N] [--batch N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

from api.documents import ItemRef, ReplyLetterData, reply_letters, zip_documents
from domain.model import Disclosure, ItemKind, Level, Proposer, ProposerKind, ReplyClass, SessionRef
from domain.replies import Bodies, LetterType

SESSION = SessionRef(ItemKind.SUGGESTION, Level.COUNTY, "魏县", term=10, meeting=3)
BODIES = Bodies("县人大常委会选举任免代表工作委员会", "县政府办公室", "县政协提案委员会")
BODY = (
    "一、基本情况",
    "城区现有主次干道42条，总长86公里。近年来，我局会同有关部门持续推进道路改造，"
    "累计投入资金1.2亿元，完成改造道路15条。",
    "二、下一步工作",
    "（一）加快改造。年内完成新华街、建设路两条道路的拓宽改造。",
    "（二）完善设施。增设交通信号灯12处，施划停车泊位600个。",
    "感谢您对交通运输工作的关心和支持。",
) * 3  # about two pages


def joint_suggestion(number: int) -> ReplyLetterData:
    """A county suggestion of three deputies: three letters (R-RP-3)."""
    deputies = tuple(
        Proposer(number * 10 + i, name, ProposerKind.DEPUTY, is_lead=i == 0)
        for i, name in enumerate(("张三", "李红", "赵六"))
    )
    return ReplyLetterData(
        letter_type=LetterType.REPLY,
        session=SESSION,
        items=(ItemRef(number, "关于改善城区道路交通状况的建议", deputies),),
        unit_name="县交通运输局",
        letterhead="魏县交通运输局",
        document_number=f"魏交函〔2024〕{number}号",
        reply_class=ReplyClass.A,
        disclosure=Disclosure.AGREE,
        body=BODY,
        date=dt.date(2024, 5, 6),
        signing_leader="刘建国",
        contact_person="王强",
        contact_phone="0310-3522101",
        bodies=BODIES,
        co_units=("县财政局", "县住房和城乡建设局"),
    )


def letters_for(count: int) -> list[ReplyLetterData]:
    return [joint_suggestion(number) for number in range(1, count // 3 + 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=300)
    parser.add_argument("--batch", type=int, default=300)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    reply_letters(joint_suggestion(1))  # load the template once
    t0 = time.perf_counter()
    rendered = [f for data in letters_for(args.letters) for f in reply_letters(data)]
    elapsed = time.perf_counter() - t0
    rate = len(rendered) / elapsed
    print(
        f"{len(rendered)} reply letters (about 2 pages each) in {elapsed:.2f} s: "
        f"{rate:.0f} letters/s on one core — target ≥ 30/s: {'OK' if rate >= 30 else 'MISSED'}"
    )

    t0 = time.perf_counter()
    files = [f for data in letters_for(args.batch) for f in reply_letters(data)]
    archive = zip_documents(files)
    elapsed = time.perf_counter() - t0
    print(
        f"zip of {len(files)} letters, rendering included: {elapsed:.2f} s, "
        f"{len(archive) / 1e6:.1f} MB — target < 15 s: {'OK' if elapsed < 15 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
