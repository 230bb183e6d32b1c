"""Operations: health check, request ids, structured logs, Chinese error pages."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import override_settings

from duikou.core.logging import JsonFormatter, RequestIdFilter


@pytest.mark.django_db
def test_health_check_reports_a_reachable_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) >= 16
    echoed = client.get("/healthz", HTTP_X_REQUEST_ID="lb-123")
    assert echoed["X-Request-ID"] == "lb-123"
    junk = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")
    assert junk["X-Request-ID"] != "<script>"


def test_log_lines_are_json_with_the_request_id():
    from duikou.core.context import current_request_id

    token = current_request_id.set("req-9")
    try:
        record = logging.makeLogRecord({"msg": "登录失败", "levelname": "INFO", "name": "t"})
        record.username = "hq_jiangsu"
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        current_request_id.reset(token)
    assert line["msg"] == "登录失败" and line["request_id"] == "req-9"
    assert line["username"] == "hq_jiangsu"


@pytest.mark.django_db
def test_forbidden_page_is_in_chinese(client_for, hq_a):
    response = client_for(hq_a).get("/changes/")
    assert response.status_code == 403 and "无权操作" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_is_in_chinese(client):
    from django.urls import path

    def boom(request):
        raise RuntimeError("boom")

    client.raise_request_exception = False
    with override_settings(
        ROOT_URLCONF=type(
            "urls",
            (),
            {
                "urlpatterns": [path("boom", boom)],
                "handler500": "duikou.core.views.error_500",
            },
        )
    ):
        response = client.get("/boom")
    assert response.status_code == 500 and "服务器错误" in response.content.decode()
