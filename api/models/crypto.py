"""Personal data (proposers' phones and addresses, TOTP secrets) encrypted at rest.

Fernet (AES-128-CBC + HMAC) with the key in ``BANLI_DATA_KEY``. Without it — a laptop
trying banli — a key is made once in ``data/.data-key`` (mode 600); production sets the
environment variable and backs the key up apart from the database.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from api.settings import ROOT, get_settings


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    key = get_settings().data_key
    if not key:
        path = ROOT / "data" / ".data-key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(Fernet.generate_key())
        key = path.read_text().strip()
    return Fernet(key.encode() if isinstance(key, str) else key)


class EncryptedText(TypeDecorator[str]):
    """A text column stored as a Fernet token; reads decrypt, writes encrypt."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return _fernet().encrypt(value.encode()).decode()

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        try:
            return _fernet().decrypt(str(value).encode()).decode()
        except InvalidToken:
            return "（无法解密：密钥不符）"
