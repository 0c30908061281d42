"""The contract (issue 3): every error is RFC 9457 problem+json with a readable Chinese
``detail`` and the field at fault, a refused rule names its rule id; OpenAPI 3.1 with an
operationId on every route."""

from __future__ import annotations

import pytest

from api.items import service as item_service
from tests.api.helpers import PROBLEM, V1, assigned_item, item_body, make_item, ok, problem
from tests.api.test_authorization_matrix import api_routes

ITEMS = f"{V1}/items"


def test_a_bad_json_body(world):
    response = world.request(
        "staff",
        "POST",
        ITEMS,
        content=b'{"number": 15,',
        headers={"Content-Type": "application/json"},
    )
    body = problem(response, 422, field="body")
    assert body["detail"] == "body：请求体不是有效的 JSON"
    assert body["title"] == "输入有误"


def test_a_missing_required_field(world):
    incomplete = item_body(world, 15)
    del incomplete["title"]
    body = problem(world.post("staff", ITEMS, json=incomplete), 422, field="title")
    assert body["detail"] == "title：缺少必填项"
    assert body["errors"] == [{"field": "title", "message": "缺少必填项"}]


def test_every_invalid_field_is_listed(world):
    bad = item_body(world, 0, second_assignment="2024-02-30")
    del bad["title"]
    body = problem(world.post("staff", ITEMS, json=bad), 422)
    assert {e["field"] for e in body["errors"]} == {"number", "title", "second_assignment"}
    assert body["field"] == body["errors"][0]["field"]


def test_a_nested_field_is_named_by_its_path(world):
    body = item_body(world, 15)
    body["proposers"][1] = {"is_lead": False}
    problem(world.post("staff", ITEMS, json=body), 422, field="proposers.1.proposer_id")


def test_a_wrong_enum(world):
    session = {
        "kind": "motion",
        "level": "county",
        "body_name": "魏县",
        "term": 10,
        "meeting": 4,
        "year": 2025,
    }
    body = problem(world.post("staff", f"{V1}/sessions", json=session), 422, field="kind")
    assert body["detail"] == "kind：取值不在允许范围内（可选：'suggestion'、'proposal'）"


@pytest.mark.parametrize("day", ["2024-02-30", "20240411", "明天"])
def test_a_bad_date(world, day):
    body = problem(
        world.post("staff", ITEMS, json=item_body(world, 15, second_assignment=day)),
        422,
        field="second_assignment",
    )
    assert body["detail"] == "second_assignment：日期格式应为 YYYY-MM-DD"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": 0}, "page"),
        ({"kind": "motion"}, "kind"),
        ({"reply_status": "lost"}, "reply_status"),
        ({"state": "late"}, "state"),
        ({"sort": "random"}, "sort"),
    ],
)
def test_a_bad_query_parameter(world, params, field):
    problem(world.get("staff", ITEMS, params=params), 422, field=field)


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        (f"{ITEMS}/999999", "建议提案不存在"),
        (f"{V1}/replies/999999", "答复不存在"),
        (f"{V1}/units/999999", "单位不存在"),
        (f"{V1}/merges/999999", "并案组不存在"),
        (f"{V1}/no-such-thing", "未找到"),
    ],
)
def test_an_unknown_id_is_404(world, url, detail):
    assert problem(world.get("staff", url), 404)["detail"] == detail


def test_a_wrong_method_is_405_in_chinese(world):
    body = problem(world.request("staff", "DELETE", ITEMS), 405)
    assert body["detail"] == "不支持该请求方法"


def test_a_domain_refusal_names_its_rule(world):
    item = make_item(world, 15)
    units = [
        {"unit_id": world.units["transport"], "role": "main"},
        {"unit_id": world.units["finance"], "role": "main"},
    ]
    response = world.put("staff", f"{ITEMS}/{item['id']}/assignments", json={"units": units})
    body = problem(response, 422, field="units", rule_id="R-AS-1")
    assert body["type"] == "https://banli.local/problems/R-AS-1"
    assert body["instance"] == f"{ITEMS}/{item['id']}/assignments"


def test_an_api_refusal_names_its_rule(world):
    item = assigned_item(world, 15, session="npc_city")
    reply = ok(
        world.post(
            "handler",
            f"{ITEMS}/{item['id']}/replies",
            json={
                "reply_class": "A",
                "document_number": "魏交函〔2024〕15号",
                "body": "经研究……",
                "letter_date": "2024-06-20",
            },
        ),
        201,
    )
    ok(world.post("leader", f"{V1}/replies/{reply['id']}/sign"))
    ok(world.post("staff", f"{V1}/replies/{reply['id']}/approve", json={}))
    refused = world.post("handler", f"{V1}/replies/{reply['id']}/send", json={})
    problem(refused, 403, rule_id="R-RP-4")


def test_a_conflict_and_a_stale_write(world):
    make_item(world, 15)
    problem(world.post("staff", ITEMS, json=item_body(world, 15)), 409, field="number")
    item = make_item(world, 16)
    stale = world.patch(
        "staff", f"{ITEMS}/{item['id']}", json={"topic": "交通"}, headers={"If-Match": '"9"'}
    )
    assert problem(stale, 412)["title"] == "数据已被他人修改"


def test_unauthenticated_and_forbidden(world):
    body = problem(world.client.get(ITEMS), 401)
    assert (body["title"], body["detail"]) == ("未登录或登录已失效", "请先登录")
    body = problem(world.post("handler", ITEMS, json=item_body(world, 15)), 403)
    assert (body["title"], body["detail"]) == (
        "无权执行此操作",
        "当前角色（承办单位经办人）无权执行此操作",
    )


def test_an_unexpected_error_is_a_500_problem_without_internals(world, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(item_service, "create_item", broken)
    response = world.post("staff", ITEMS, json=item_body(world, 15))
    body = problem(response, 500)
    assert body["detail"] == "服务器内部错误，请稍后重试或联系管理员"
    assert "hunter2" not in response.text and "RuntimeError" not in response.text


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_3_1_names_every_operation(client, app):
    response = client.get(f"{V1}/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.1")
    assert spec["info"]["title"] == "banli 建议提案办理系统"
    operations = [
        (method.upper(), path, operation)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    missing = [(m, p) for m, p, op in operations if not op.get("operationId")]
    assert missing == []
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids))
    documented = {(m, p) for m, p, _ in operations}
    served = {
        (method, path)
        for method, path, route in api_routes(app)
        if path.startswith(f"{V1}/") and route.include_in_schema
    }
    assert served - documented == set()
    assert len(served) >= 60


def test_openapi_has_examples_and_the_bearer_scheme(client):
    spec = client.get(f"{V1}/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert schemas["ItemCreate"]["properties"]["number"]["examples"] == [15]
    number = schemas["ReplyCreate"]["properties"]["document_number"]
    assert number["examples"] == ["魏交函〔2024〕15号"]
    security = spec["components"]["securitySchemes"]
    assert security["OAuth2PasswordBearer"]["flows"]["password"]["tokenUrl"] == (
        "/api/v1/auth/token"
    )


def test_problem_responses_are_json_not_html(world):
    """Even the framework's own errors are problem+json."""
    for response in (world.client.get(f"{V1}/nowhere"), world.request("staff", "PUT", ITEMS)):
        assert response.headers["content-type"] == PROBLEM
