"""Background tasks: progress, outcome, attribution, rollback, who sees them, a real worker."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from duikou.core import tasks
from duikou.core.models import TaskRun
from duikou.core.tests import sample_tasks


def test_a_task_reports_its_progress_and_outcome(hq_a):
    run = tasks.start("test.count", sample_tasks.count_to, 3, user=hq_a, title="Count")
    assert run.state == TaskRun.State.DONE
    assert (run.done, run.total, run.stage) == (3, 3, "counting")
    assert run.percent == 100
    assert run.message == "counted 3"
    assert run.result_url == "/counted/"
    assert run.owner == hq_a
    assert run.owner_organisation_id == hq_a.organisation_id
    assert run.started_at and run.finished_at


def test_progress_is_written_as_the_task_goes(hq_a, monkeypatch):
    monkeypatch.setattr(tasks, "PROGRESS_EVERY", 0)
    run = tasks.start("test.watch", sample_tasks.count_and_watch, 3, user=hq_a, title="Watch")
    assert run.message == "1,2,3"


def test_progress_outside_a_task_does_nothing():
    tasks.progress.update(1, 2, stage="nowhere")
    tasks.progress.result(message="nothing")
    assert tasks.progress.run_id is None


def test_a_task_acts_as_the_user_who_started_it(wg_a):
    run = tasks.start("test.who", sample_tasks.who_acts, user=wg_a, title="Who")
    assert run.message == wg_a.username


def test_a_refused_task_writes_nothing_and_shows_its_errors(hq_a):
    run = tasks.start(
        "test.refuse", sample_tasks.write_then_refuse, "half", user=hq_a, title="Import"
    )
    assert run.state == TaskRun.State.FAILED
    assert run.message == "The file has errors; nothing was imported."
    assert run.errors == ["Row 3, column B: no"]
    assert not Group.objects.filter(name="half").exists()


def test_a_crashing_task_writes_nothing_and_hides_its_internals(hq_a):
    run = tasks.start("test.crash", sample_tasks.write_then_crash, "half", user=hq_a, title="X")
    assert run.state == TaskRun.State.FAILED
    assert "internal error" in run.message or "内部错误" in run.message
    assert "secret" not in run.message
    assert not Group.objects.filter(name="half").exists()


def test_a_task_must_be_a_function_a_worker_can_import(hq_a):
    with pytest.raises(ValueError, match="module-level"):
        tasks.start("test.local", lambda: None, user=hq_a, title="Lambda")
    with pytest.raises(ValueError, match="JSON-safe"):
        tasks.start("test.args", sample_tasks.count_to, object(), user=hq_a, title="Bad")
    assert not TaskRun.objects.filter(kind__startswith="test.").exists()


def test_a_user_sees_only_their_own_task_runs(client_for, hq_a, wg_a, coordinator, admin_user):
    run = tasks.start("test.count", sample_tasks.count_to, 2, user=hq_a, title="Mine")
    detail = reverse("core:task", args=[run.pk])
    fragment = reverse("core:task_progress", args=[run.pk])

    client = client_for(hq_a)
    assert client.get(detail).status_code == 200
    assert "Mine" in client.get(reverse("core:tasks")).content.decode()

    client = client_for(wg_a)  # same aiding party, another user: not theirs
    assert client.get(detail).status_code == 404
    assert client.get(fragment).status_code == 404
    assert "Mine" not in client.get(reverse("core:tasks")).content.decode()

    for overseer in (coordinator, admin_user):
        client = client_for(overseer)
        assert client.get(detail).status_code == 200
        assert "Mine" in client.get(reverse("core:tasks")).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("core:tasks"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_progress_fragment_polls_until_the_task_ends(client_for, hq_a):
    run = TaskRun.objects.create(
        kind="test.x", title="Slow", function="x.y", owner=hq_a, done=2, total=8, stage="reading"
    )
    url = reverse("core:task_progress", args=[run.pk])
    page = client_for(hq_a).get(url).content.decode()
    assert f'hx-get="{url}"' in page
    assert 'style="width: 25%"' in page
    assert "reading" in page

    run.state, run.message, run.errors = TaskRun.State.FAILED, "Bad file.", ["Row 2: empty"]
    run.save()
    page = client_for(hq_a).get(url).content.decode()
    assert "hx-get" not in page
    assert "Bad file." in page and "Row 2: empty" in page


def test_the_task_pages_are_listed_in_the_navigation(client_for, hq_a):
    page = client_for(hq_a).get(reverse("core:tasks")).content.decode()
    assert f'href="{reverse("core:tasks")}"' in page


@pytest.mark.worker
def test_a_queued_task_survives_a_restart_and_a_new_worker_runs_it(run_worker, django_user_model):
    owner = django_user_model.objects.create_user("worker_owner", password="x")
    run = tasks.start("test.count", sample_tasks.count_to, 5, user=owner, title="Queued")
    # No worker is running: the task waits in the database, whatever happens to the server.
    assert run.state == TaskRun.State.QUEUED
    assert DBTaskResult.objects.filter(id=run.task_result_id, status="READY").exists()

    run_worker()

    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE
    assert (run.done, run.total, run.message) == (5, 5, "counted 5")
    assert DBTaskResult.objects.get(id=run.task_result_id).status == "SUCCESSFUL"


@pytest.mark.worker
def test_a_task_refused_in_a_worker_writes_nothing(run_worker, django_user_model):
    owner = django_user_model.objects.create_user("worker_owner", password="x")
    run = tasks.start("test.refuse", sample_tasks.write_then_refuse, "half", user=owner, title="I")
    run_worker()
    run.refresh_from_db()
    assert run.state == TaskRun.State.FAILED
    assert run.errors == ["Row 3, column B: no"]
    assert (run.done, run.total) == (1, 2)  # how far it got is kept
    assert not Group.objects.filter(name="half").exists()


@pytest.mark.worker
def test_a_worker_writes_progress_while_the_task_transaction_is_open(run_worker, django_user_model):
    from django.db import connection

    owner = django_user_model.objects.create_user("worker_owner", password="x")
    run = tasks.start("test.watch", sample_tasks.count_and_watch, 3, user=owner, title="Watch")
    run_worker()
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE
    if connection.vendor == "postgresql":
        # Each update was committed on its own connection, seen from inside the task's
        # still-open transaction.
        assert run.message == "1,2,3"
    else:
        # SQLite: the task's transaction reads one snapshot, taken after the first update.
        assert run.message.startswith("1,")


@pytest.mark.worker
def test_a_task_whose_worker_stopped_hard_is_shown_as_interrupted(
    run_worker, django_user_model, client
):
    owner = django_user_model.objects.create_user("worker_owner", password="x")
    run = tasks.start("test.count", sample_tasks.count_to, 2, user=owner, title="Cut")
    # The queue recorded the end of the task but our record did not (a worker killed mid-task).
    DBTaskResult.objects.filter(id=run.task_result_id).update(status="FAILED")
    TaskRun.objects.filter(pk=run.pk).update(state=TaskRun.State.RUNNING)
    client.force_login(owner)
    page = client.get(reverse("core:task_progress", args=[run.pk])).content.decode()
    run.refresh_from_db()
    assert run.state == TaskRun.State.FAILED
    assert "hx-get" not in page
    run_worker()  # nothing is left to run
    run.refresh_from_db()
    assert run.state == TaskRun.State.FAILED
