from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str = "ok"


@router.get("/health", operation_id="health-alive", response_model=Health)
def health() -> Health:
    """Alive: the process answers."""
    return Health()
