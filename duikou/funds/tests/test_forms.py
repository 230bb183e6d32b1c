"""The money forms as people fill them in: amounts as they write them, errors that name the
field and say why (core/forms.py MoneyField, DateField, error_summary)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duikou.funds.forms import TransactionForm
from duikou.funds.models import FundTransaction
from duikou.funds.services import allocate
from duikou.projects.choices import Status
from duikou.projects.tests.factories import make_plan, make_project

pytestmark = pytest.mark.django_db


def _post(client, project, **data):
    values = {"kind": "disbursement", "date": "2026-05-20", "amount": "1000000", **data}
    response = client.post(f"/funds/projects/{project.pk}/record/", values, follow=True)
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("amount", "一百万", "金额（元）：“一百万”不是金额：请填写数字，如 1000000 或 100万。"),
        ("amount", "", "金额（元）：该字段是必填项。"),
        ("date", "2026/13/45", "日期：“2026/13/45”不是有效日期：请按 2026-05-20 的格式填写。"),
        ("date", "明天", "日期：“明天”不是有效日期：请按 2026-05-20 的格式填写。"),
    ],
)
def test_a_bad_disbursement_entry_names_the_field_and_why(field, value, expected, client_for, hq_a):
    project = make_project(status=Status.BUILDING)
    messages = _post(client_for(hq_a), project, **{field: value})
    assert messages == [expected]
    assert not FundTransaction.objects.filter(project=project).exists()


def test_a_disbursement_amount_may_be_written_in_wan_or_with_separators(client_for, hq_a):
    project = make_project(status=Status.BUILDING, budget_aid=Decimal("5000000"))
    allocate(make_plan(amount=Decimal("5000000")), project, Decimal("5000000"), hq_a)
    client = client_for(hq_a)
    _post(client, project, amount="100万", date="2026-05-20")
    _post(client, project, amount="1,000,000元", date="2026/5/21")
    amounts = FundTransaction.objects.filter(project=project).values_list("amount", flat=True)
    assert sorted(amounts) == [Decimal("1000000.00"), Decimal("1000000.00")]


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("100万", "1000000"),
        ("12.5万元", "125000"),
        ("1,234,567.89", "1234567.89"),
        ("800元", "800"),
    ],
)
def test_an_amount_is_read_as_people_write_it(typed, yuan):
    form = TransactionForm({"kind": "disbursement", "date": "2026-05-20", "amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(yuan)


def test_a_money_field_shows_the_amount_in_wan_as_it_is_typed():
    html = str(TransactionForm()["amount"])
    assert 'data-money="yuan"' in html and 'inputmode="decimal"' in html


def test_an_amount_too_large_to_store_is_refused_not_a_server_error():
    form = TransactionForm({"kind": "disbursement", "date": "2026-05-20", "amount": "1.3e154"})
    assert not form.is_valid()
    assert "amount" in form.errors
