"""Attachments (scanned stamped letters, visit photos, reports) on an item, reply, visit or
report; downloadable only by those who may see the record they belong to."""

from __future__ import annotations

import hashlib
import uuid
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.attachments.storage import LocalStorage, Storage
from api.auth.principal import Principal, allow
from api.common import Id
from api.db import SessionDep
from api.errors import ApiError
from api.items import repository
from api.models import Attachment, UnitReport, Visit
from api.openapi import problems
from api.replies.routes import visible_reply
from api.replies.service import reply_assignment

router = APIRouter(prefix="/attachments", tags=["attachments"])

ParentType = Literal["item", "reply", "visit", "report"]
SIGNATURES = {  # extension: (content type, magic bytes)
    "pdf": ("application/pdf", (b"%PDF",)),
    "png": ("image/png", (b"\x89PNG",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "ofd": ("application/ofd", (b"PK\x03\x04",)),
}


class AttachmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    parent_type: str
    parent_id: int
    filename: str
    content_type: str
    size: int
    sha256: str


def storage(request: Request) -> Storage:
    return LocalStorage(request.app.state.settings.attachments_dir)


def _parent_item(session: Session, principal: Principal, kind: str, parent_id: int) -> int | None:
    """Checks the principal may see the parent; returns its item id (for the timeline)."""
    if kind == "item":
        return repository.visible_item(session, principal, parent_id).id
    if kind == "reply":
        return reply_assignment(session, visible_reply(session, principal, parent_id)).item_id
    if kind == "visit":
        visit = session.get(Visit, parent_id)
        if visit is None or (principal.is_unit and visit.unit_id != principal.unit_id):
            raise ApiError(404, "走访记录不存在")
        return repository.visible_item(session, principal, visit.item_id).id
    report = session.get(UnitReport, parent_id)
    if report is None or (principal.is_unit and report.unit_id != principal.unit_id):
        raise ApiError(404, "报告不存在")
    return None


def _content_type(filename: str, head: bytes) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in SIGNATURES:
        raise ApiError(
            415, f"不支持的文件类型；允许：{'、'.join(sorted(SIGNATURES))}", field="file"
        )
    content_type, magics = SIGNATURES[extension]
    if not any(head.startswith(m) for m in magics):
        raise ApiError(415, "文件内容与扩展名不符", field="file")
    return content_type


@router.post(
    "",
    operation_id="attachments-upload",
    response_model=AttachmentRead,
    status_code=201,
    responses=problems(404, 413, 415),
)
async def upload(
    request: Request,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("attachments.write"))],
    store: Annotated[Storage, Depends(storage)],
    parent_type: Annotated[ParentType, Form()],
    parent_id: Annotated[Id, Form()],
    file: Annotated[UploadFile, File()],
) -> Attachment:
    limit = request.app.state.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise ApiError(413, f"文件超过上限（{limit // (1024 * 1024)} MB）", field="file")
    if not data:
        raise ApiError(422, "文件为空", field="file")
    name = (file.filename or "附件").replace("/", "_").replace("\\", "_")[-200:]
    content_type = _content_type(name, data[:8])
    item_id = _parent_item(session, principal, parent_type, parent_id)
    key = uuid.uuid4().hex
    store.put(key, data)
    row = Attachment(
        parent_type=parent_type,
        parent_id=parent_id,
        item_id=item_id,
        filename=name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        storage_key=key,
        uploaded_by=principal.user_id,
    )
    session.add(row)
    session.flush()
    return row


@router.get(
    "",
    operation_id="attachments-list",
    response_model=list[AttachmentRead],
    responses=problems(404),
)
def list_attachments(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    parent_type: ParentType,
    parent_id: Id,
) -> list[Attachment]:
    _parent_item(session, principal, parent_type, parent_id)
    return list(
        session.scalars(
            select(Attachment)
            .filter_by(parent_type=parent_type, parent_id=parent_id)
            .order_by(Attachment.id)
        )
    )


@router.get(
    "/{attachment_id}/content", operation_id="attachments-download", response_class=Response
)
def download(
    attachment_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    store: Annotated[Storage, Depends(storage)],
) -> Response:
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise ApiError(404, "附件不存在")
    _parent_item(session, principal, row.parent_type, row.parent_id)
    return Response(
        store.get(row.storage_key),
        media_type=row.content_type,
        headers={"Content-Disposition": content_disposition(row.filename)},
    )


def content_disposition(filename: str) -> str:
    """Chinese file names survive every browser: ASCII fallback plus RFC 5987 ``filename*``."""
    fallback = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
