"""Operations: health check, request ids, structured logs, Chinese error pages."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import override_settings

from duikou.core.logging import JsonFormatter, RequestIdFilter


@pytest.mark.django_db
def test_health_check_reports_the_database_the_migrations_and_the_task_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "applied",
        "tasks": {"backend": "immediate"},
    }


@pytest.mark.worker
def test_health_check_reports_how_long_the_oldest_queued_task_has_waited(
    client, run_worker, django_user_model, settings
):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from duikou.core import tasks
    from duikou.core.tests import sample_tasks

    owner = django_user_model.objects.create_user("health_owner", password="x")
    run = tasks.start("test.count", sample_tasks.count_to, 2, user=owner, title="Waits")
    DBTaskResult.objects.filter(id=run.task_result_id).update(
        enqueued_at=timezone.now() - timedelta(minutes=15)
    )
    waiting = client.get("/healthz").json()
    assert waiting["tasks"]["backend"] == "database" and waiting["tasks"]["queued"] == 1
    assert 900 <= waiting["tasks"]["oldest_queued_seconds"] < 960
    # Past HEALTH_MAX_QUEUE_AGE (no worker keeps up): degraded, but still serving.
    assert waiting["status"] == "degraded"

    run_worker()
    done = client.get("/healthz")
    assert done.status_code == 200 and done.json()["status"] == "ok"
    assert done.json()["tasks"] == {
        "backend": "database", "queued": 0, "oldest_queued_seconds": None
    }


@pytest.mark.django_db
def test_health_check_refuses_traffic_while_migrations_are_pending(client, monkeypatch):
    from django.db.migrations.recorder import MigrationRecorder

    from duikou.core import views

    monkeypatch.setattr(views, "_migrations_applied", False)
    MigrationRecorder.Migration.objects.filter(app="core", name="0003_taskrun").delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations"] == {"state": "pending", "pending": 1}
    assert response.json()["status"] == "error"


@pytest.mark.django_db
def test_a_task_s_log_lines_carry_its_task_id(hq_a):
    from duikou.core import tasks
    from duikou.core.tests import sample_tasks

    lines: list[dict] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("duikou.tasks")
    logger.addHandler(handler)
    try:
        run = tasks.start("test.count", sample_tasks.count_to, 2, user=hq_a, title="Logged")
        logger.info("after the task")
    finally:
        logger.removeHandler(handler)
    during = [line for line in lines if line["msg"] != "after the task"]
    assert [line["msg"] for line in during] == [
        f"task run {run.pk} (test.count) started",
        f"task run {run.pk} (test.count) ended: done",
    ]
    assert all(line["task_id"] == run.pk for line in during)
    assert all(line["request_id"] == f"task-{run.pk}" for line in during[:1])
    assert "task_id" not in lines[-1]



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
def test_django_s_log_line_for_a_refused_api_request_carries_its_request_id(api, recipient):
    lines: list[dict] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = api(recipient).post("/api/v1/projects/", {}, HTTP_X_REQUEST_ID="lb-403")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 403
    assert [line["request_id"] for line in lines] == ["lb-403"]


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


@pytest.mark.django_db
def test_a_list_asked_for_a_page_past_the_end_or_a_huge_page_size_stays_bounded(
    client_for, hq_a
):
    from duikou.core.generic import MAX_PAGE_SIZE
    from duikou.projects.tests.factories import make_project

    for i in range(3):
        make_project(code=f"PG-B{i}")
    client = client_for(hq_a)
    far = client.get("/projects/", {"q": "PG-B", "page": "999999"})
    assert far.status_code == 200 and len(far.context["object_list"]) == 3
    assert far.context["table"].page.number == 1  # the last page there is
    huge = client.get("/projects/", {"q": "PG-B", "per_page": "100000000"})
    assert huge.status_code == 200
    assert huge.context["table"].paginator.per_page == MAX_PAGE_SIZE
    for junk in ("-5", "0", "abc"):
        assert client.get("/projects/", {"per_page": junk, "page": junk}).status_code == 200


@pytest.mark.django_db
def test_a_list_pages_only_through_the_first_records_of_a_selection(client_for, hq_a, settings):
    from duikou.projects.tests.factories import make_project

    for i in range(3):
        make_project(code=f"PG-D{i}")
    settings.LIST_MAX_PAGE_ROWS = 2  # stands for the 10,000 of a national list
    response = client_for(hq_a).get("/projects/", {"q": "PG-D", "per_page": "1", "page": "3"})
    assert response.status_code == 200
    assert response.context["table"].page.number == 2
    assert response.context["table"].paginator.count == 3  # the count stays exact
    assert "列表只显示所选记录的前 2 条" in response.content.decode()


@pytest.mark.django_db
def test_the_api_ignores_a_huge_page_size_and_answers_a_page_past_the_end_with_404(api, hq_a):
    from duikou.projects.tests.factories import make_project

    make_project(code="PG-API1")
    client = api(hq_a)
    response = client.get("/api/v1/projects/", {"page_size": "10000000"})
    assert response.status_code == 200 and len(response.json()["results"]) <= 50
    far = client.get("/api/v1/projects/", {"page": "999999"})
    assert far.status_code == 404 and "detail" in far.json()


@pytest.mark.django_db
def test_an_export_of_more_rows_than_the_limit_is_refused_before_any_row_is_read(
    client_for, recipient, settings
):
    from django.urls import reverse

    from duikou.core.models import TaskRun
    from duikou.projects.tests.factories import make_project

    for i in range(2):
        make_project(code=f"PG-E{i}")  # in 伊宁县, which the recipient sees
    settings.EXPORT_MAX_ROWS = 1  # stands for the millions of a national export
    client = client_for(recipient)
    response = client.get("/projects/", {"export": "xlsx", "q": "PG-E"}, follow=True)
    assert response.redirect_chain[0][0] == "/projects/?q=PG-E"
    assert "导出最多 1 条" in response.content.decode()
    assert not TaskRun.objects.filter(kind="export").exists()
    direct = client.get(
        reverse("projects:export"), {"q": "PG-E"}, HTTP_REFERER="http://testserver/projects/"
    )
    assert direct.status_code == 302 and direct["Location"] == "http://testserver/projects/"
