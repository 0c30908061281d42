"""Reading an uploaded sheet without trusting it: size, zip bombs, broken workbooks, formulas,
text encodings. Everything refused here is a 413 or a 422 with the reason, never a crash.

An .xlsx is a zip: its directory is checked (total expanded size, compression ratio) before
openpyxl opens it, and openpyxl reads it once, read-only and *without* ``data_only``, so a
formula shows as its text ("=SUM(A1:A3)") and is refused rather than imported as a cached
value nobody checked. A .csv may be UTF-8 (with or without BOM) or GBK/GB18030, as Excel
saves it on a Chinese Windows.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from api.errors import ApiError

MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # an honest 10 MB workbook expands to well under this
MAX_RATIO = 100  # deflate rarely beats 100:1 on real sheets; bombs do 1000:1
MAX_ROWS = 100_000
MAX_LISTED = 20

Cell = str | int | float | date | datetime | None
RawRow = tuple[int, list[Cell]]


def read_table(data: bytes, filename: str, limit: int) -> list[RawRow]:
    """The first sheet's rows as (row number, cells); refuses what cannot be read safely."""
    if len(data) > limit:
        raise ApiError(413, f"文件超过上限（{limit / 1024 / 1024:g} MB）", field="file")
    if not data.strip():
        raise ApiError(422, "文件为空", field="file")
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix in ("xlsx", "xlsm"):
        rows = _read_xlsx(data)
    elif suffix in ("csv", "txt"):
        rows = _read_csv(data)
    elif suffix in ("xls", "et", "wps"):
        raise ApiError(415, "不支持旧版 Excel（.xls）文件，请另存为 .xlsx 后上传", field="file")
    else:
        raise ApiError(415, "只支持 .xlsx 和 .csv 文件", field="file")
    if len(rows) > MAX_ROWS:
        raise ApiError(413, f"行数超过上限（{MAX_ROWS}行），请分批导入", field="file")
    _refuse_formulas(rows)
    return rows


def _broken(reason: str) -> ApiError:
    return ApiError(
        422, f"工作簿已损坏或不完整，无法读取（{reason}），请用 Excel 打开后重新保存", field="file"
    )


def check_zip(data: bytes) -> None:
    """Refuses a zip that is not a workbook or expands too far (a zip bomb) before any of it
    is decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _broken("不是有效的 .xlsx 压缩包") from exc
    expanded = sum(m.file_size for m in members)
    if expanded > MAX_EXPANDED_BYTES:
        raise ApiError(
            413,
            f"工作簿解压后达 {expanded // (1024 * 1024)} MB，超过上限，疑似压缩炸弹，已拒绝",
            field="file",
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise ApiError(
                413,
                f"工作簿中的 {member.filename} 压缩比异常（超过{MAX_RATIO}:1），"
                "疑似压缩炸弹，已拒绝",
                field="file",
            )
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise _broken("缺少 xl/workbook.xml")


def _read_xlsx(data: bytes) -> list[RawRow]:
    check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = book.worksheets[0]
            rows: list[RawRow] = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell(v) for v in values]
                if any(c not in (None, "") for c in cells):
                    rows.append((number, cells))
                if len(rows) > MAX_ROWS:
                    break
        finally:
            book.close()
    except ApiError:
        raise
    except Exception as exc:  # zlib, XML and openpyxl errors alike mean a broken file
        raise _broken(type(exc).__name__) from exc
    return rows


def _cell(value: Any) -> Cell:
    if value is None or isinstance(value, str | int | float | date):
        return value
    return str(value)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GBK (read as its superset GB18030)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ApiError(
            422, "无法识别文件编码，请保存为 UTF-8 或 GBK 编码的 CSV", field="file"
        ) from exc


def _read_csv(data: bytes) -> list[RawRow]:
    text = decode(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        records = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise ApiError(422, f"CSV 格式有误：{exc}", field="file") from exc
    return [
        (number, [c.strip() or None for c in record])
        for number, record in enumerate(records, start=1)
        if any(c.strip() for c in record)
    ]


def _refuse_formulas(rows: list[RawRow]) -> None:
    found = [
        {"row": number, "column": get_column_letter(index), "reason": f"含公式：{value[:40]}"}
        for number, cells in rows
        for index, value in enumerate(cells, start=1)
        if isinstance(value, str) and value.startswith("=")
    ]
    if found:
        cells = "、".join(f"{f['column']}{f['row']}" for f in found[:MAX_LISTED])
        more = f"等{len(found)}处" if len(found) > MAX_LISTED else ""
        raise ApiError(
            422,
            f"文件含公式（{cells}{more}），请将公式转换为数值后再导入",
            field="file",
            errors=[{"field": "file", "message": f["reason"], **f} for f in found[:100]],
        )
