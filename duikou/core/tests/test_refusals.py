"""One way to refuse: a domain refusal or a blocked delete is a 409 with a code, never a 500."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from duikou.core.errors import Refused
from duikou.funds.choices import TransactionKind
from duikou.funds.models import FundPlan, FundTransaction
from duikou.organisations.models import Organisation
from duikou.projects.models import Project
from duikou.projects.tests.factories import make_allocation, make_plan, make_project

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="zh-hans")
    return client


def test_refused_lives_in_core_and_is_still_importable_from_project_services():
    from duikou.projects.services import Refused as FromServices

    assert FromServices is Refused
    refused = Refused("no", code="frozen")
    assert (refused.refusal_code, refused.status) == ("frozen", 409)


def test_deleting_a_project_with_transactions_through_the_api_is_a_409_not_a_500(admin_user):
    project = make_project()
    FundTransaction.objects.create(
        project=project,
        kind=TransactionKind.EXPENDITURE,
        date=dt.date(2024, 5, 1),
        amount=Decimal("10"),
    )
    response = api(admin_user).delete(f"/api/v1/projects/{project.pk}/")
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "protected"
    with translation.override("zh-hans"):
        kind = str(FundTransaction._meta.verbose_name_plural)
    assert kind in body["detail"]
    assert kind in body["related"]
    assert Project.objects.filter(pk=project.pk).exists()


def test_deleting_a_fund_plan_with_allocations_through_the_api_is_a_409(admin_user):
    plan = make_plan()
    make_allocation(plan, make_project(), "1000")
    response = api(admin_user).delete(f"/api/v1/fund-plans/{plan.pk}/")
    assert response.status_code == 409, response.content
    # The plan says why in its own terms (core/deletion.py), before any reference is hit.
    assert response.json()["code"] == "delete_refused"
    assert "不能删除" in response.json()["detail"]
    assert FundPlan.objects.filter(pk=plan.pk).exists()


def test_deleting_an_organisation_with_users_through_the_api_is_a_409(admin_user):
    group = Organisation.objects.get(code="WG-320000-654021")
    response = api(admin_user).delete(f"/api/v1/organisations/{group.pk}/")
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "protected"
    assert Organisation.objects.filter(pk=group.pk).exists()


def test_an_uncaught_refusal_in_the_api_is_a_409_with_its_code():
    from duikou.core.api_errors import exception_handler

    response = exception_handler(Refused("冻结", code="frozen"), {})
    assert response.status_code == 409
    assert response.data == {"code": "frozen", "detail": "冻结"}
    assert exception_handler(Refused("坏", code="bad", status=400), {}).status_code == 400


def test_a_django_validation_error_in_the_api_is_a_400():
    from django.core.exceptions import ValidationError

    from duikou.core.api_errors import exception_handler

    response = exception_handler(ValidationError({"amount": ["太大"]}), {})
    assert response.status_code == 400
    assert response.data == {"amount": ["太大"]}
