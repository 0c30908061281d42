"""Calendar reads over HTTP: due dates with explanations (R-DL-14), a year's arrangement."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        pytest.param("2024-04-08", "15wd", "2024-04-28", id="R-DL-1 notice date + 15wd"),
        pytest.param("2024-07-01", "3m", "2024-10-08", id="R-DL-4 rolled past National Day"),
        pytest.param("2024-01-31", "1m", "2024-02-29", id="R-DL-3 month end, leap year"),
        pytest.param("2024-09-24", "7d", "2024-10-08", id="R-DL-5 one week, rolled"),
    ],
)
def test_deadline(client, start, period, due):
    response = client.get("/api/v1/calendar/deadline", params={"start": start, "period": period})
    assert response.status_code == 200
    body = response.json()
    assert body["start"] == start and body["period"] == period and body["due"] == due
    assert body["provisional"] is False
    assert body["explanation"]["steps"][0].startswith("起算日")
    assert f"截止日{int(due[:4])}年{int(due[5:7])}月{int(due[8:])}日" in body["explanation"]["text"]


def test_the_explanation_lists_the_make_up_working_day(client):
    body = client.get(
        "/api/v1/calendar/deadline", params={"start": "2024-04-08", "period": "15wd"}
    ).json()
    counted = body["explanation"]["makeup_workdays_counted"]
    assert [(d["date"], d["weekday"], d["working"]) for d in counted] == [
        ("2024-04-28", "星期日", True)
    ]


def test_a_provisional_deadline_says_so(client):
    body = client.get(
        "/api/v1/calendar/deadline", params={"start": "2075-12-20", "period": "15wd"}
    ).json()
    assert body["provisional"] is True
    assert 2076 in body["explanation"]["provisional_years"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        pytest.param({"start": "2024-02-30", "period": "15wd"}, "start", id="no such date"),
        pytest.param({"start": "yesterday", "period": "15wd"}, "start", id="not a date"),
        pytest.param({"period": "15wd"}, "start", id="start missing"),
        pytest.param({"start": "2024-04-08", "period": "15x"}, "period", id="bad unit"),
        pytest.param({"start": "2024-04-08", "period": "0wd"}, "period", id="zero"),
        pytest.param({"start": "2024-04-08"}, "period", id="period missing"),
        pytest.param({"start": "1990-01-01", "period": "1m"}, "start", id="outside the calendar"),
    ],
)
def test_bad_input_is_a_problem_naming_the_parameter(client, params, field):
    response = client.get("/api/v1/calendar/deadline", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["field"] == field
    assert body["title"] == "输入有误"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"])  # readable Chinese


def test_a_year_lists_its_holidays_and_make_up_days(client):
    body = client.get("/api/v1/calendar/2024").json()
    assert body["year"] == 2024 and body["published"] is True and body["source"] == "package"
    days = {d["date"]: d for d in body["days"]}
    assert days["2024-02-04"]["working"] is True and days["2024-02-04"]["weekday"] == "星期日"
    assert days["2024-10-01"]["working"] is False and days["2024-10-01"]["name"] == "国庆节"
    assert "2024-02-10" not in days  # a Saturday off is not listed
    assert sum(d["working"] for d in body["days"]) == 8


def test_a_year_without_a_published_arrangement(client):
    assert client.get("/api/v1/calendar/2070").json()["published"] is False


def test_a_year_outside_the_calendar_is_refused(client):
    response = client.get("/api/v1/calendar/2150")
    assert response.status_code == 422 and response.json()["field"] == "year"


def test_health(client):
    assert client.get("/api/v1/health").json() == {"status": "ok"}


def test_unknown_paths_are_problems_too(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_openapi_document_is_served(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert "/api/v1/calendar/deadline" in spec["paths"]
