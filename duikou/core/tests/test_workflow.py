"""The workflow module on a real lifecycle: the fund plan's submit / approve / send back."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duikou.core.errors import Refused
from duikou.core.workflow import timeline
from duikou.funds.choices import PlanStatus
from duikou.funds.services import PLAN_APPROVAL, approve_plan
from duikou.projects.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_the_headquarters_submits_and_the_office_approves_with_a_stamp(hq_a, coordinator):
    plan = make_plan(approved=False)
    assert [s.target for s in PLAN_APPROVAL.allowed(hq_a, plan)] == [PlanStatus.SUBMITTED]
    PLAN_APPROVAL.move(plan, PlanStatus.SUBMITTED, hq_a)
    approved = approve_plan(plan, coordinator, document_number="新援办〔2024〕9号")
    assert approved.status == PlanStatus.APPROVED and approved.approved_by == coordinator
    assert [(m.target, m.user_name) for m in timeline(plan)] == [
        ("submitted", "hq_jiangsu"),
        ("approved", "coordinator"),
    ]


def test_a_work_group_may_not_submit_its_partys_plan(wg_a):
    plan = make_plan(approved=False)
    with pytest.raises(Refused) as refused:
        PLAN_APPROVAL.move(plan, PlanStatus.SUBMITTED, wg_a)
    assert refused.value.refusal_code == "actor"


def test_sending_back_needs_a_reason_and_clears_nothing_else(hq_a, coordinator):
    plan = make_plan(approved=False)
    PLAN_APPROVAL.move(plan, PlanStatus.SUBMITTED, hq_a)
    with pytest.raises(Refused) as refused:
        PLAN_APPROVAL.move(plan, PlanStatus.DRAFT, coordinator)
    assert refused.value.refusal_code == "needs"
    PLAN_APPROVAL.move(plan, PlanStatus.DRAFT, coordinator, opinion="民生项目占比不足，请调整。")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approved_by is None
    assert timeline(plan).last().is_send_back


def test_another_partys_plan_cannot_be_moved_and_is_not_revealed(hq_b):
    plan = make_plan(approved=False)
    with pytest.raises(Refused) as refused:
        PLAN_APPROVAL.move(plan, PlanStatus.SUBMITTED, hq_b)
    assert refused.value.refusal_code == "not_found"


def test_a_move_attachment_is_served_only_to_those_who_see_the_record(
    client_for, hq_a, hq_b, coordinator
):
    plan = make_plan(approved=False)
    PLAN_APPROVAL.move(
        plan,
        PlanStatus.SUBMITTED,
        hq_a,
        attachment=SimpleUploadedFile("计划说明.pdf", b"%PDF-1.4 plan"),
    )
    move = timeline(plan).get()
    url = reverse("core:move_attachment", args=[move.pk])
    assert client_for(coordinator).get(url).status_code == 200
    assert client_for(hq_b).get(url).status_code == 404
    page = client_for(hq_a).get(plan.get_absolute_url()).content.decode()
    assert url in page and 'data-testid="workflow-timeline"' in page
