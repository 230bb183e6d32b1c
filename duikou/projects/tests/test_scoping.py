"""Who sees and changes which projects and fund records."""

from __future__ import annotations

import pytest

from duikou.core.scoping import can_edit
from duikou.funds.models import FundPlan, FundTransaction
from duikou.projects.models import Project
from duikou.projects.tests.factories import (
    BEIJING,
    HOTAN_COUNTY,
    make_plan,
    make_project,
    party,
    place,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio():
    return {
        "a_yining": make_project(),
        "a_elsewhere": make_project(place=place("654002")),
        "b_hidden": make_project(aiding_party=party(BEIJING), place=place(HOTAN_COUNTY)),
        "b_public": make_project(
            aiding_party=party(BEIJING), place=place(HOTAN_COUNTY), is_published=True
        ),
    }


def visible(user) -> set[str]:
    return set(Project.objects.visible_to(user).values_list("code", flat=True))


def test_a_headquarters_sees_its_partys_projects_and_published_ones(hq_a, portfolio):
    p = portfolio
    assert {p["a_yining"].code, p["a_elsewhere"].code, p["b_public"].code} <= visible(hq_a)
    assert p["b_hidden"].code not in visible(hq_a)


def test_anonymous_visitors_see_only_published_projects(portfolio):
    assert visible(None) >= {portfolio["b_public"].code}
    assert not {portfolio["a_yining"].code, portfolio["b_hidden"].code} & visible(None)


def test_a_work_group_changes_only_projects_in_its_county(wg_a, portfolio):
    assert can_edit(wg_a, portfolio["a_yining"])
    assert not can_edit(wg_a, portfolio["a_elsewhere"])


def test_a_recipient_reads_projects_in_its_area_but_does_not_edit_them(recipient, portfolio):
    assert portfolio["a_yining"].code in visible(recipient)
    assert portfolio["b_hidden"].code not in visible(recipient)
    assert not can_edit(recipient, portfolio["a_yining"])


def test_the_coordinator_reads_everything_and_edits_no_project(coordinator, portfolio):
    assert {p.code for p in portfolio.values()} <= visible(coordinator)
    assert not Project.objects.editable_by(coordinator).exists()


def test_fund_plans_are_their_partys_and_transactions_follow_the_project(hq_a, hq_b, wg_a):
    plan = make_plan()
    assert FundPlan.objects.visible_to(hq_a).filter(pk=plan.pk).exists()
    assert FundPlan.objects.visible_to(wg_a).filter(pk=plan.pk).exists()
    assert not FundPlan.objects.visible_to(hq_b).filter(pk=plan.pk).exists()
    assert not can_edit(wg_a, plan)  # plans are a headquarters matter
    assert not FundTransaction.objects.visible_to(hq_b).exists()
