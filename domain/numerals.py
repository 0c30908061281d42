"""Chinese numerals for letter headings and paragraph markers.

Headings name a congress by ordinals written in Chinese (第十届 … 第三次会议, R-RP-7), and
a letter's paragraph headings run 一、 / （一） / 1. / （1） (GB/T 9704-2012). Terms and
meetings stay far below 1000, so 1–999 is the whole range.
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_LARGEST = 999


def chinese_numeral(n: int) -> str:
    """Write 1–999 as ordinals are read: 10 → 十, 21 → 二十一, 101 → 一百零一, 110 → 一百一十."""
    if not 1 <= n <= _LARGEST:
        raise ValueError(f"chinese_numeral covers 1–{_LARGEST}, not {n}")
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    text = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += "十" if tens == 1 and not hundreds else f"{_DIGITS[tens]}十"
    elif hundreds and ones:
        text += "零"
    if ones:
        text += _DIGITS[ones]
    return text


def parse_chinese_numeral(text: str) -> int:
    """Read back what ``chinese_numeral`` writes; anything else (二十零, 十百) is refused."""
    total, pending = 0, 0
    for char in text:
        if char == "百":
            total, pending = total + pending * 100, 0
        elif char == "十":
            total, pending = total + (pending or 1) * 10, 0
        elif char in _DIGITS:
            pending = _DIGITS.index(char)
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    value = total + pending
    if not 1 <= value <= _LARGEST or chinese_numeral(value) != text:
        raise ValueError(f"not a Chinese numeral in standard form: {text!r}")
    return value


def ordinal(n: int) -> str:
    """第 + the numeral, as in 第十届 and 第三次会议 (R-RP-7)."""
    return f"第{chinese_numeral(n)}"


def paragraph_marker(n: int, depth: int) -> str:
    """The n-th heading marker at a depth: 1 → 一、, 2 → （一）, 3 → 1., 4 → （1）."""
    if n < 1:
        raise ValueError(f"paragraph markers start at 1, not {n}")
    if depth == 1:
        return f"{chinese_numeral(n)}、"
    if depth == 2:
        return f"（{chinese_numeral(n)}）"
    if depth == 3:
        return f"{n}."
    if depth == 4:
        return f"（{n}）"
    raise ValueError(f"GB/T 9704 has four heading depths, not {depth}")
