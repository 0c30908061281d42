"""The authorisation matrix: every role against every endpoint, generated from ONE table,
``api.auth.permissions.PERMISSIONS`` (issue 3).

The routes are read from the app itself, so an endpoint added without ``allow("…")`` or with
an action missing from the table fails ``test_every_route_declares_a_known_action``; every
route × role pair is then called with the role's token: roles outside the table's entry get
403, roles inside it never do (they may still meet 404, 409 or 422 on the objects used).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import pyotp
import pytest
from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute

from api.auth.permissions import PERMISSIONS
from api.auth.principal import allow
from api.auth.security import digest
from api.main import create_app
from api.models import AuthSession
from api.settings import Settings
from tests.api.conftest import PASSWORD, USERS
from tests.api.helpers import (
    GOOD_REPLY,
    V1,
    approve,
    assign,
    db,
    draft,
    item_body,
    make_item,
    ok,
    problem,
    send,
    sign,
    user_id,
)

ROLES = tuple(USERS)  # world keys: admin, staff, handler, leader, other_handler, …
ROLE_OF = {key: spec[0] for key, spec in USERS.items()}
UNIT_OF = {key: spec[1] for key, spec in USERS.items()}

#: Routes anyone may call without signing in; everything else under /api/v1 needs an action.
PUBLIC = {
    ("GET", f"{V1}/health"),
    ("GET", f"{V1}/calendar/deadline"),
    ("GET", f"{V1}/calendar/{{year}}"),
    ("POST", f"{V1}/auth/token"),
    ("GET", f"{V1}/public/replies"),  # published replies are for everyone (R-DL-5)
    ("GET", f"{V1}/public/replies/{{reply_id}}"),
    ("GET", f"{V1}/health/ready"),  # readiness probe
    ("GET", f"{V1}/metrics"),  # Prometheus scraping: no login, keep it off the internet
}


# --- reading the routes -----------------------------------------------------------------


def api_routes(app: FastAPI) -> Iterator[tuple[str, str, Any]]:
    """(method, full path, route) for every APIRoute, however FastAPI nests included routers."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI: app.routes are the APIRoutes themselves
        entries = [(route, route.path, route) for route in app.routes]
    else:
        entries = [(c.original_route, c.path, c) for c in iter_route_contexts(app.routes)]
    for original, path, route in entries:
        if isinstance(original, APIRoute):
            for method in sorted(route.methods):
                yield method, path, route


def declared_actions(dependant: Any) -> list[str]:
    """The actions named by ``allow(...)`` anywhere in a route's dependency tree."""
    found = []
    for dependency in dependant.dependencies:
        action = getattr(dependency.call, "action", None)
        if action is not None:
            found.append(action)
        found += declared_actions(dependency)
    return found


def undeclared(app: FastAPI) -> list[str]:
    """Every non-public /api/v1 route without exactly one action known to PERMISSIONS."""
    wrong = []
    for method, path, route in api_routes(app):
        if not path.startswith(V1 + "/"):
            continue
        actions = declared_actions(route.dependant)
        if (method, path) in PUBLIC:
            if actions:
                wrong.append(f"{method} {path}: public, yet declares {actions}")
        elif len(actions) != 1 or actions[0] not in PERMISSIONS:
            wrong.append(f"{method} {path}: actions {actions}")
    return wrong


_APP = create_app(Settings(DATABASE_URL="sqlite://", spa_dir=Path("/nonexistent")))
GUARDED = sorted(
    (method, path, route.operation_id or route.name, declared_actions(route.dependant)[0])
    for method, path, route in api_routes(_APP)
    if path.startswith(V1 + "/")
    and (method, path) not in PUBLIC
    and len(declared_actions(route.dependant)) == 1
)


def test_every_route_declares_a_known_action():
    assert undeclared(_APP) == []
    assert len(GUARDED) >= 55  # the matrix below really walks the API


def test_a_route_without_an_entry_is_caught():
    """The check above can fail: a new endpoint with no action, or an unknown one."""
    router = APIRouter()

    @router.get("/things")
    def things() -> list[int]:
        return []

    check = allow("items.read")
    check.action = "things.read"  # as if someone forgot to add it to the table

    @router.get("/things/{thing_id}")
    def thing(thing_id: int, _: Any = Depends(check)) -> int:  # noqa: B008
        return thing_id

    app = FastAPI()
    app.include_router(router, prefix=V1)
    assert undeclared(app) == [
        f"GET {V1}/things: actions []",
        f"GET {V1}/things/{{thing_id}}: actions ['things.read']",
    ]


def test_every_action_in_the_table_is_used_and_names_roles():
    used = {action for *_, action in GUARDED}
    assert sorted(set(PERMISSIONS) - used) == []
    assert all(PERMISSIONS[action] for action in PERMISSIONS)


def test_public_routes_answer_without_a_token(client):
    assert client.get(f"{V1}/health").json() == {"status": "ok"}
    assert client.get(f"{V1}/calendar/2024").status_code == 200
    params = {"start": "2024-04-08", "period": "15wd"}
    assert client.get(f"{V1}/calendar/deadline", params=params).status_code == 200
    assert client.get(f"{V1}/openapi.json").status_code == 200


# --- the objects each call works on -------------------------------------------------------


class Objects:
    """Real objects for path parameters, made on first use; each role gets its own unit's.

    transport (handler, leader) is main on item 1 and co on item 2; finance (other_handler,
    other_leader) the other way round, so every unit role meets an item in the role the
    endpoint needs and business refusals (wrong unit, not the co-unit) do not hide behind 403.
    """

    def __init__(self, world):
        self.w = world

    def _item(self, number: int, units) -> dict[str, Any]:
        item = make_item(self.w, number, first_assignment="2024-03-20")
        assign(self.w, item["id"], units)
        return item

    @cached_property
    def item_t(self):
        return self._item(1, [("transport", "main"), ("finance", "co")])

    @cached_property
    def item_f(self):
        return self._item(2, [("finance", "main"), ("transport", "co")])

    @cached_property
    def merge_pair(self):
        return [self._item(n, [("transport", "main")])["id"] for n in (3, 4)]

    @staticmethod
    def _finance(role: str) -> bool:
        return UNIT_OF[role] == "finance"

    def main_item(self, role: str) -> int:
        return (self.item_f if self._finance(role) else self.item_t)["id"]

    def co_item(self, role: str) -> int:
        return (self.item_t if self._finance(role) else self.item_f)["id"]

    @cached_property
    def reply_t(self):
        return draft(self.w, self.item_t["id"], who="handler")["id"]

    @cached_property
    def reply_f(self):
        return draft(self.w, self.item_f["id"], who="other_handler")["id"]

    def reply(self, role: str) -> int:
        return self.reply_f if self._finance(role) else self.reply_t

    def replies(self) -> list[tuple[int, str]]:
        return [(self.reply_t, "leader"), (self.reply_f, "other_leader")]

    def _template(self, who: str) -> int:
        body = {"name": "道路类常用答复", "body": "关于道路建设……"}
        return ok(self.w.post(who, f"{V1}/reply-templates", json=body), 201)["id"]

    @cached_property
    def template_t(self):
        return self._template("handler")

    @cached_property
    def template_f(self):
        return self._template("other_handler")

    def template(self, role: str) -> int:
        return self.template_f if self._finance(role) else self.template_t

    @cached_property
    def request(self):
        body = {"reason": "该事项不属于本单位职责范围", "requested_on": "2024-03-22"}
        url = f"{V1}/items/{self.item_t['id']}/reassignment-requests"
        return ok(self.w.post("handler", url, json=body), 201)["id"]

    @cached_property
    def group(self):
        return ok(self.w.post("staff", f"{V1}/merges", json={"item_ids": self.merge_pair}), 201)[
            "id"
        ]

    @cached_property
    def sent(self):
        _approved(self)
        for reply_id, _ in self.replies():
            send(self.w, reply_id, who="staff")
        return True

    @cached_property
    def feedback(self):
        self.sent  # noqa: B018
        body = REQUESTS["feedback-create"](self, "staff")["json"]
        url = f"{V1}/items/{self.item_t['id']}/feedback"
        return ok(self.w.post("staff", url, json=body), 201)["id"]

    @cached_property
    def referral(self):
        url = f"{V1}/feedback/{self.feedback}/referral"
        return ok(self.w.post("staff", url, json={"referred_on": "2024-07-20"}), 201)["id"]

    @cached_property
    def attachment(self):
        return ok(
            self.w.post(
                "handler", f"{V1}/attachments", **REQUESTS["attachments-upload"](self, "handler")
            ),
            201,
        )["id"]

    @cached_property
    def visit(self):
        url = f"{V1}/items/{self.item_t['id']}/visits"
        return ok(self.w.post("handler", url, json=VISIT), 201)["id"]

    @cached_property
    def import_job(self):
        job = self.w.post("staff", f"{V1}/imports", **REQUESTS["imports-create"](self, "staff"))
        return ok(job, 202)["id"]

    @cached_property
    def subscription(self):
        return ok(
            self.w.post("admin", f"{V1}/webhooks", **REQUESTS["webhooks-create"](self, "")), 201
        )["id"]

    @cached_property
    def delivery(self):
        self.subscription  # noqa: B018
        self.sent  # noqa: B018  (reply.sent is subscribed: one delivery queued)
        rows = ok(self.w.get("admin", f"{V1}/webhooks/{self.subscription}/deliveries"))
        return rows[0]["id"]

    @cached_property
    def api_key(self):
        body = {"name": "县OA系统", "scopes": ["items.read"]}
        return ok(self.w.post("admin", f"{V1}/api-keys", json=body), 201)["id"]

    def unit(self, role: str) -> int:
        return self.w.units[UNIT_OF[role] or "transport"]

    def path(self, path: str, operation: str, role: str) -> str:
        ids: dict[str, Callable[[], int]] = {
            "item_id": lambda: (
                self.co_item(role) if "co-opinion" in operation else self.main_item(role)
            ),
            "reply_id": lambda: self.reply(role),
            "unit_id": lambda: self.unit(role),
            "user_id": lambda: user_id(self.w, "auditor"),
            "key_id": lambda: self.api_key,
            "proposer_id": lambda: self.w.proposers["zhang"],
            "request_id": lambda: self.request,
            "template_id": lambda: self.template(role),
            "group_id": lambda: self.group,
            "feedback_id": lambda: self.feedback,
            "referral_id": lambda: self.referral,
            "attachment_id": lambda: self.attachment,
            "visit_id": lambda: self.visit,
            "subscription_id": lambda: self.subscription,
            "job_id": lambda: self.import_job,
            "delivery_id": lambda: self.delivery,
            "year": lambda: 2030 if path.startswith(f"{V1}/calendar") else 2024,
        }
        while "{" in path:
            name = path[path.index("{") + 1 : path.index("}")]
            value = ids[name]() if name in ids else 999999
            path = path.replace(f"{{{name}}}", str(value))
        return path


IMPORT_CSV = "编号,案由,领衔代表,主办单位\n21,关于修缮村道的建议,张三,县交通运输局\n".encode("gbk")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
BREAKDOWN = {
    "leader_in_charge": "李局长",
    "handling_office": "规划科",
    "contact_person": "王五",
    "contact_phone": "0310-3519359",
    "delivered_on": "2024-04-20",
}
VISIT = {
    "mode": "face_to_face",
    "visited_on": "2024-05-10",
    "place": "代表家中",
    "visitors": "李局长、王五",
}
Request = Callable[[Objects, str], dict[str, Any]]


def _json(body: Any) -> Request:
    return lambda o, r: {"json": body}


# What each endpoint is sent (httpx keywords): a valid request, so allowed roles reach the
# handler's own checks. Endpoints not listed are called bare.
REQUESTS: dict[str, Request] = {
    "users-create": _json(
        {
            "username": "newuser",
            "display_name": "新用户",
            "password": "Banli-new-2024",
            "role": "office_staff",
        }
    ),
    "users-update": _json({"display_name": "审计员甲"}),
    "api-keys-create": _json({"name": "县OA系统", "scopes": ["items.read"]}),
    "units-create": _json({"name": "县水利局", "issuer_code": "魏水函"}),
    "units-update": _json({"contact_phone": "0310-3519360"}),
    "config-update": _json({"deadlines": {"due_soon_days": 3}}),
    "year-plans-put": _json({"visit_cards_due": "2024-09-30", "lookback_due": "2024-12-31"}),
    "calendar-year-put": _json({"days_off": [{"date": "2030-10-01", "name": "国庆节"}]}),
    "sessions-create": _json(
        {
            "kind": "suggestion",
            "level": "county",
            "body_name": "魏县",
            "term": 10,
            "meeting": 4,
            "year": 2025,
        }
    ),
    "proposers-create": _json({"name": "孙八", "kind": "deputy"}),
    "proposers-update": _json({"phone": "13900000000"}),
    "items-create": lambda o, r: {"json": item_body(o.w, 99)},
    "items-update": _json({"topic": "交通"}),
    "items-assign": lambda o, r: {
        "json": {
            "units": [
                {"unit_id": o.w.units["transport"], "role": "main"},
                {"unit_id": o.w.units["finance"], "role": "co"},
            ]
        }
    },
    "items-leader-supervision": _json({"leader_supervised": True, "supervising_leader": "王县长"}),
    "items-notes-create": _json({"body": "与代表电话沟通，拟现场查看"}),
    "reassignment-create": _json(
        {"reason": "该事项不属于本单位职责范围", "requested_on": "2024-03-22"}
    ),
    "reassignment-decide": _json({"accepted": False, "note": "属于本单位职责"}),
    "key-items-set": lambda o, r: {"json": {"year": 2024, "item_ids": [o.main_item(r)]}},
    "breakdowns-set": lambda o, r: {
        "json": {"entries": [{"proposer_id": o.w.proposers["zhang"], **BREAKDOWN}]}
    },
    "open-door-set": _json({"written_plan": "开门办案方案", "proposers_invited": True}),
    "co-opinions-put": _json({"body": "我局同意主办单位意见。"}),
    "co-opinions-deliver": _json({"delivered_on": "2024-05-06"}),
    "replies-create": _json(GOOD_REPLY),
    "replies-update": _json({"body": "逐项答复如下……"}),
    "replies-return": _json({"reasons": "针对性不强"}),
    "replies-approve": _json({}),
    "replies-send": _json({"sent_on": "2024-07-01"}),
    "replies-publish": _json(
        {"published_on": "2024-07-03", "url": "https://www.weixian.gov.cn/jyta/1.html"}
    ),
    "templates-create": _json({"name": "常用答复", "body": "经研究……"}),
    "templates-update": _json({"name": "常用答复（修订）", "body": "经认真研究……"}),
    "merges-create": lambda o, r: {"json": {"item_ids": o.merge_pair}},
    "visits-create": _json(VISIT),
    "visits-batch": lambda o, r: {"json": {**VISIT, "item_ids": [o.main_item(r)]}},
    "visit-cards-submit": _json({"submitted_on": "2024-09-20"}),
    "feedback-create": lambda o, r: {
        "json": {
            "unit_id": o.w.units["transport"],
            "proposer_id": o.w.proposers["zhang"],
            "received_on": "2024-07-10",
            "satisfaction": "dissatisfied",
        }
    },
    "referrals-create": _json({"referred_on": "2024-07-20"}),
    "referrals-follow-up": _json(
        {"face_to_face_on": "2024-07-25", "written_reply_on": "2024-07-30", "summary": "已面谈"}
    ),
    "lookback-put": _json({"checked_on": "2024-11-01", "progress": True, "details": "已完工"}),
    "supervision-create": _json({"kind": "special", "title": "专项督查", "held_on": "2024-06-01"}),
    "reports-create": lambda o, r: {
        "json": {
            "kind": "analysis" if UNIT_OF[r] else "county_publication",
            "year": 2023,
            "title": "建议提案办理综合分析报告",
            "filed_on": "2024-04-30",
        }
    },
    "reports-status": lambda o, r: {"params": {"year": 2024}},
    "kpi-county": lambda o, r: {"params": {"year": 2024}},
    "kpi-units": lambda o, r: {"params": {"year": 2024}},
    "attachments-upload": lambda o, r: {
        "data": {"parent_type": "item", "parent_id": str(o.main_item(r))},
        "files": {"file": ("答复函.pdf", PDF, "application/pdf")},
    },
    "attachments-list": lambda o, r: {
        "params": {"parent_type": "item", "parent_id": o.main_item(r)}
    },
    "documents-feedback-form": lambda o, r: {"params": {"unit_id": o.unit(r)}},
    "documents-co-opinion": lambda o, r: {"params": {"unit_id": o.unit(r)}},
    "documents-breakdown-forms": lambda o, r: {"params": {"year": 2024}},
    "documents-key-items-form": lambda o, r: {"params": {"year": 2024}},
    "documents-lookback-form": lambda o, r: {"params": {"year": 2024}},
    "users-grant": _json({"role": "auditor", "secret_clearance": False}),
    "auth-password": _json({"old_password": PASSWORD, "new_password": "Changed-pass-2025"}),
    "auth-totp-confirm": lambda o, r: {"json": {"code": _totp_code(o, r)}},
    "imports-create": lambda o, r: {
        "data": {"session_id": str(o.w.sessions["npc_county"]), "dry_run": "true"},
        "files": {"file": ("交办表.csv", IMPORT_CSV, "text/csv")},
    },
    "webhooks-create": _json(
        {"name": "县OA", "url": "http://127.0.0.1:9/hook", "event_types": ["reply.sent"]}
    ),
}


def _totp_code(o: Objects, role: str) -> str:
    """Starts binding for ``role`` and answers with the current code of its new secret."""
    started = o.w.post(role, f"{V1}/auth/totp")
    if started.status_code != 200:
        return "000000"
    return pyotp.TOTP(started.json()["secret"]).now()


def _signed(o: Objects) -> None:
    for reply_id, leader in o.replies():
        sign(o.w, reply_id, who=leader)


def _approved(o: Objects) -> None:
    _signed(o)
    for reply_id, _ in o.replies():
        approve(o.w, reply_id)


def _sent(o: Objects) -> None:
    o.sent  # noqa: B018


CO_OPINION = {
    "body": "我局同意主办单位意见。",
    "document_number": "魏交函〔2024〕16号",
    "letter_date": "2024-05-06",
    "signing_leader": "李局长",
    "contact_person": "王五",
    "contact_phone": "0310-3519359",
}


def _co_opinions_drafted(o: Objects) -> None:
    for who, item in (("handler", o.item_f), ("other_handler", o.item_t)):
        ok(o.w.put(who, f"{V1}/items/{item['id']}/co-opinion", json=CO_OPINION))


def _leader_supervised(o: Objects) -> None:
    for item in (o.item_t, o.item_f):
        body = {"leader_supervised": True, "supervising_leader": "王县长"}
        ok(o.w.put("staff", f"{V1}/items/{item['id']}/leader-supervision", json=body))


def _items(o: Objects) -> None:
    o.item_t, o.item_f  # noqa: B018


def _key_items(o: Objects) -> None:
    for who, unit, item in (
        ("handler", "transport", o.item_t),
        ("other_handler", "finance", o.item_f),
    ):
        body = {"year": 2024, "item_ids": [item["id"]], "registration_filed_on": "2024-04-20"}
        ok(o.w.put(who, f"{V1}/units/{o.w.units[unit]}/key-items", json=body))


def _looked_back(o: Objects) -> None:
    _sent(o)
    for who, item in (("handler", o.item_t), ("other_handler", o.item_f)):
        url = f"{V1}/items/{item['id']}/lookback"
        ok(o.w.put(who, url, **REQUESTS["lookback-put"](o, who)))


def _visited(o: Objects) -> None:
    o.visit  # noqa: B018


# The state an endpoint needs before it can succeed for an allowed role.
PREPARE: dict[str, Callable[[Objects], None]] = {
    "replies-return": _signed,
    "replies-approve": _signed,
    "replies-send": _approved,
    "replies-publish": _sent,
    "feedback-create": _sent,
    "lookback-put": _sent,
    "co-opinions-deliver": _co_opinions_drafted,
    "documents-co-opinion": _co_opinions_drafted,
    "documents-feedback-form": _sent,
    "documents-breakdown-forms": _items,
    "documents-key-items-form": _key_items,
    "documents-lookback-form": _looked_back,
    "documents-visit-cards": _visited,
    "open-door-set": _leader_supervised,
}


@pytest.mark.parametrize(
    ("method", "path", "operation", "action"),
    GUARDED,
    ids=[f"{op}[{action}]" for _, _, op, action in GUARDED],
)
def test_matrix(world, tmp_path, monkeypatch, method, path, operation, action):
    """Roles outside PERMISSIONS[action] get 403; roles inside it never get 401/403/5xx, and
    at least one of them succeeds, so the objects used really reach the handler."""
    monkeypatch.setattr(world.client.app.state.settings, "attachments_dir", tmp_path)
    objects = Objects(world)
    if operation in PREPARE:
        PREPARE[operation](objects)
    answers = {}
    for role in ROLES:
        url = objects.path(path, operation, role)
        kwargs = REQUESTS[operation](objects, role) if operation in REQUESTS else {}
        response = world.request(role, method, url, **kwargs)
        answers[role] = response.status_code
        if ROLE_OF[role] in PERMISSIONS[action]:
            assert response.status_code not in (401, 403), (role, response.text)
            assert response.status_code < 500, (role, response.text)
        else:
            body = problem(response, 403)
            assert body["detail"].startswith("当前角色"), body
    allowed = [role for role in ROLES if ROLE_OF[role] in PERMISSIONS[action]]
    assert any(answers[role] < 300 for role in allowed), (
        f"no allowed role succeeded on {operation} {answers}: give it a valid request in "
        "REQUESTS (and the state it needs in PREPARE)"
    )


def test_request_table_names_only_real_operations():
    operations = {op for _, _, op, _ in GUARDED}
    assert sorted((set(REQUESTS) | set(PREPARE)) - operations) == []


# --- credentials -------------------------------------------------------------------------


def test_no_token_is_401_on_every_guarded_route(client):
    for method, path, operation, _ in GUARDED:
        url = path
        while "{" in url:
            name = url[url.index("{") : url.index("}") + 1]
            url = url.replace(name, "2030" if name == "{year}" else "999999")
        response = client.request(method, url)
        problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer", operation


def _session_row(world, token: str, *, revoked: bool = False, expired: bool = False) -> None:
    now = datetime.now(UTC)
    with db(world) as session:
        session.add(
            AuthSession(
                token_hash=digest(token),
                user_id=user_id(world, "admin"),
                created_at=now - timedelta(hours=3),
                expires_at=now - timedelta(minutes=1) if expired else now + timedelta(hours=1),
                revoked=revoked,
            )
        )
        session.commit()


@pytest.mark.parametrize(
    ("revoked", "expired"), [(True, False), (False, True)], ids=["revoked", "expired"]
)
def test_a_revoked_or_expired_token_is_401(world, revoked, expired):
    _session_row(world, "token-stale", revoked=revoked, expired=expired)
    response = world.client.get(f"{V1}/items", headers={"Authorization": "Bearer token-stale"})
    body = problem(response, 401)
    assert body["detail"] == "登录已失效，请重新登录"


def test_an_unknown_token_is_401(world):
    response = world.client.get(f"{V1}/auth/me", headers={"Authorization": "Bearer forged"})
    assert problem(response, 401)["detail"] == "请先登录"


def test_logout_revokes_the_token(world):
    assert world.get("handler", f"{V1}/auth/me").status_code == 200
    assert world.post("handler", f"{V1}/auth/logout").status_code == 204
    problem(world.get("handler", f"{V1}/auth/me"), 401)
    assert world.get("leader", f"{V1}/auth/me").status_code == 200  # only that token


def test_an_inactive_users_token_is_401(world):
    uid = user_id(world, "handler")
    ok(world.patch("admin", f"{V1}/users/{uid}", json={"active": False}))
    problem(world.get("handler", f"{V1}/auth/me"), 401)


def test_an_api_key_is_limited_to_its_scopes_and_dies_when_revoked(world):
    created = ok(
        world.post("admin", f"{V1}/api-keys", json={"name": "县OA系统", "scopes": ["items.read"]}),
        201,
    )
    key = {"X-API-Key": created["key"]}
    assert created["role"] == "office_staff" and created["scopes"] == ["items.read"]
    make_item(world, 15)

    listed = world.client.get(f"{V1}/items", headers=key)
    assert listed.status_code == 200 and listed.json()["total"] == 1
    refused = world.client.post(f"{V1}/items", headers=key, json=item_body(world, 16))
    problem(refused, 403)
    problem(world.client.get(f"{V1}/units", headers=key), 403)  # role allows, scope does not

    assert world.request("admin", "DELETE", f"{V1}/api-keys/{created['id']}").status_code == 204
    assert problem(world.client.get(f"{V1}/items", headers=key), 401)["detail"] == (
        "API 密钥无效或已吊销"
    )
    keys = ok(world.get("admin", f"{V1}/api-keys"))
    assert [k["revoked_at"] is not None for k in keys] == [True]


def test_a_wildcard_scope_admits_its_family(world):
    body = {"name": "脚本", "role": "office_staff", "scopes": ["items.*"]}
    key = {"X-API-Key": ok(world.post("admin", f"{V1}/api-keys", json=body), 201)["key"]}
    assert world.client.post(f"{V1}/items", headers=key, json=item_body(world, 16)).status_code == (
        201
    )
    problem(world.client.get(f"{V1}/sessions", headers=key), 403)


def test_a_forged_api_key_is_401(world):
    problem(world.client.get(f"{V1}/items", headers={"X-API-Key": "bl_forged"}), 401)
