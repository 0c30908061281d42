"""What may leave the building (R-RP-2): published text never carries a phone number."""

from __future__ import annotations

import re

_PHONE = re.compile(
    r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}[-－—]?[2-9]\d{6,7}|[2-9]\d{6})(?!\d)"
)  # mobiles, numbers with an area code, bare 7-digit county numbers


def mask_phones(text: str) -> str:
    """Replaces every phone-like number with ＊＊＊ before a text is published."""
    return _PHONE.sub("＊＊＊", text)
