"""The project lifecycle 储备→计划→批复→在建→竣工→验收→移交 and who moves it."""

from __future__ import annotations

import datetime as dt

import pytest

from duikou.core.models import ChangeRecord
from duikou.core.workflow import timeline
from duikou.projects.choices import Status
from duikou.projects.services import Refused, allowed_moves, change_status
from duikou.projects.tests.factories import BEIJING, HOTAN_COUNTY, make_project, party, place

pytestmark = pytest.mark.django_db


def test_a_project_walks_the_whole_lifecycle_with_the_right_people(
    hq_a, wg_a, coordinator, recipient
):
    project = make_project(start_date=dt.date(2024, 3, 1), finish_date=dt.date(2024, 10, 1))
    change_status(project, Status.PLANNED, hq_a)
    change_status(project, Status.APPROVED, coordinator, document_number="新援办〔2024〕7号")
    change_status(project, Status.BUILDING, wg_a)
    change_status(project, Status.COMPLETED, hq_a)
    change_status(project, Status.ACCEPTED, recipient, opinion="工程质量合格，同意验收。")
    change_status(project, Status.HANDED_OVER, recipient)
    project.refresh_from_db()
    assert project.status == Status.HANDED_OVER
    moves = ChangeRecord.objects.filter(
        object_id=str(project.pk), action="update", changes__has_key="status"
    )
    assert moves.count() == 6
    steps = [(m.source, m.target, m.user_name) for m in timeline(project)]
    assert steps[2] == ("approved", "building", "wg_jiangsu_yining")
    assert [m.document_number for m in timeline(project)][1] == "新援办〔2024〕7号"


def test_skipping_a_step_is_refused_with_the_reason(hq_a):
    project = make_project()
    with pytest.raises(Refused) as refused:
        change_status(project, Status.BUILDING, hq_a)
    assert "Reserve" in refused.value.messages[0] or "储备" in refused.value.messages[0]
    project.refresh_from_db()
    assert project.status == Status.RESERVE


def test_only_the_coordinator_approves_a_project(hq_a, coordinator):
    project = make_project(status=Status.PLANNED)
    with pytest.raises(Refused):
        change_status(project, Status.APPROVED, hq_a)
    change_status(project, Status.APPROVED, coordinator, document_number="新援办〔2024〕8号")
    assert project.status == Status.APPROVED


def test_an_approval_needs_its_document_number(coordinator):
    project = make_project(status=Status.PLANNED)
    with pytest.raises(Refused) as refused:
        change_status(project, Status.APPROVED, coordinator)
    assert refused.value.refusal_code == "needs"
    assert "文号" in refused.value.messages[0] or "document number" in refused.value.messages[0]
    project.refresh_from_db()
    assert project.status == Status.PLANNED
    assert not timeline(project).exists()


def test_sending_a_project_back_needs_the_reason_and_keeps_it_on_the_timeline(coordinator):
    project = make_project(status=Status.APPROVED)
    with pytest.raises(Refused):
        change_status(project, Status.PLANNED, coordinator, opinion="  ")
    change_status(project, Status.PLANNED, coordinator, opinion="投资估算缺少依据，请补充。")
    move = timeline(project).get()
    assert move.is_send_back and move.opinion == "投资估算缺少依据，请补充。"
    assert move.user_name == "coordinator"


def test_acceptance_is_confirmed_only_by_the_recipient_of_the_place(hq_a, recipient):
    project = make_project(status=Status.COMPLETED)
    with pytest.raises(Refused):
        change_status(project, Status.ACCEPTED, hq_a)
    change_status(project, Status.ACCEPTED, recipient, opinion="同意验收。")
    assert project.status == Status.ACCEPTED


def test_a_recipient_cannot_accept_a_project_elsewhere(recipient):
    project = make_project(
        aiding_party=party(BEIJING),
        place=place(HOTAN_COUNTY),
        status=Status.COMPLETED,
        is_published=True,
    )
    with pytest.raises(Refused):
        change_status(project, Status.ACCEPTED, recipient, opinion="同意验收。")


def test_another_party_cannot_move_a_project(hq_b):
    project = make_project(is_published=True)
    with pytest.raises(Refused):
        change_status(project, Status.PLANNED, hq_b)


def test_construction_needs_a_start_date(hq_a):
    project = make_project(status=Status.APPROVED)
    with pytest.raises(Refused):
        change_status(project, Status.BUILDING, hq_a)


def test_allowed_moves_depend_on_who_asks(hq_a, coordinator, recipient):
    project = make_project(status=Status.PLANNED)
    assert allowed_moves(hq_a, project) == [Status.RESERVE]
    assert allowed_moves(coordinator, project) == [Status.APPROVED]
    assert allowed_moves(recipient, project) == []


def test_finish_before_start_is_invalid(hq_a):
    from django.core.exceptions import ValidationError

    project = make_project(start_date=dt.date(2024, 5, 1))
    project.finish_date = dt.date(2024, 4, 1)
    with pytest.raises(ValidationError) as err:
        project.full_clean()
    assert "finish_date" in err.value.message_dict


def test_starting_and_completing_a_project_records_their_dates(hq_a):
    project = make_project(status=Status.APPROVED)
    change_status(project, Status.BUILDING, hq_a, date=dt.date(2024, 4, 2))
    with pytest.raises(Refused):
        change_status(project, Status.COMPLETED, hq_a, date=dt.date(2024, 1, 1))  # before start
    change_status(project, Status.COMPLETED, hq_a, date=dt.date(2024, 11, 20))
    project.refresh_from_db()
    assert (project.start_date, project.finish_date) == (dt.date(2024, 4, 2), dt.date(2024, 11, 20))
    assert [m.date for m in timeline(project)] == [dt.date(2024, 4, 2), dt.date(2024, 11, 20)]


def test_the_completion_form_asks_for_the_finish_date(client_for, hq_a):
    from django.urls import reverse

    project = make_project(status=Status.BUILDING, start_date=dt.date(2024, 3, 1))
    client = client_for(hq_a)
    page = client.get(project.get_absolute_url()).content.decode()
    from duikou.projects.models import Project

    label = str(Project._meta.get_field("finish_date").verbose_name)
    assert 'data-testid="move-completed-form"' in page and label in page
    url = reverse("projects:transition", args=[project.pk])
    client.post(url, {"target": "completed", "date": "2024-10-30"})
    project.refresh_from_db()
    assert project.status == Status.COMPLETED and project.finish_date == dt.date(2024, 10, 30)
