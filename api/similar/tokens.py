"""Chinese text as terms for the similarity index: jieba word segmentation (``rjieba``, the
Rust build of jieba's dictionary and algorithm), minus one-character words and boilerplate."""

from __future__ import annotations

import re

import rjieba

#: Words every item or reply carries whatever it is about (the letter's formula, not content).
_BOILERPLATE_WORDS = """
关于 建议 提案 议案 进一步 有关 相关 方面 我县 本县 县里 一些 这些 那些 以及 进行 我们 你们 他们
目前 已经 可以 需要 没有 通过 部分 情况 答复 如下 收悉 感谢 代表 委员 来函 现将 办理 同志 工作
问题 提出 意见
"""
BOILERPLATE = frozenset(_BOILERPLATE_WORDS.split())
_WORDLIKE = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9]{2,}")
#: Long texts are cut: the first this many characters say what an item is about.
TEXT_LIMIT = 1500


def terms(text: str, *, limit: int = TEXT_LIMIT) -> list[str]:
    """The words of ``text`` worth comparing, in order, repeats kept (they weigh)."""
    if not text:
        return []
    return [
        word
        for word in rjieba.cut(text[:limit], True)
        if len(word) >= 2 and word not in BOILERPLATE and _WORDLIKE.search(word)
    ]


def item_terms(title: str, content: str | None) -> list[str]:
    """An item's title counts twice: it is the 案由, what the item is about in one line."""
    heading = terms(title)
    return heading + heading + terms(content or "")
