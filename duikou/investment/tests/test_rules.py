"""Bad input is refused with a clear message on every path: the form, the API, the import and
the workflow move."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from duikou.core.errors import Refused
from duikou.core.imports import import_file
from duikou.investment.columns import LEADS
from duikou.investment.models import Lead
from duikou.investment.services import move_lead
from duikou.investment.tests.factories import (
    BACHU,
    csv_file,
    csv_row,
    form_data,
    lead,
    place,
)

pytestmark = pytest.mark.django_db

LEADS_API = "/api/v1/investment/leads/"


def form_errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return {k: " ".join(v) for k, v in response.context["form"].errors.items()}


def import_errors(user, *rows) -> list[str]:
    result = import_file(LEADS, "leads.csv", csv_file(*rows), user, commit=True)
    assert not result.written
    return [f"{e.column}: {e.reason}" for e in result.errors]


def signed_lead(**fields):
    return lead(
        stage="signed", signed_on=dt.date(2025, 5, 1), signed_amount=Decimal(5_000_000), **fields
    )


# -- a stage date before the previous stage's ---------------------------------------------------
def test_a_signing_date_before_the_negotiation_is_refused_by_the_form(client_for, hq_a):
    obj = signed_lead()
    response = client_for(hq_a).post(
        reverse("investment:edit", args=[obj.pk]),
        form_data(obj, signed_on="2025-02-01", signed_amount="5000000"),
    )
    assert "早于" in form_errors(response)["signed_on"]
    obj.refresh_from_db()
    assert obj.signed_on == dt.date(2025, 5, 1)


def test_a_signing_date_before_the_negotiation_is_refused_by_the_api(api, hq_a):
    response = api(hq_a).post(
        LEADS_API,
        {
            **_api(stage="signed", signed_on="2025-02-01", signed_amount="5000000"),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "早于" in " ".join(response.json()["signed_on"])


def test_a_signing_date_before_the_negotiation_is_refused_by_the_import(hq_a):
    errors = import_errors(hq_a, csv_row(stage="签约", signed_on="2025-02-01", signed_amount="500"))
    assert any("签约日期" in e and "早于" in e for e in errors), errors


def test_a_signing_move_dated_before_the_negotiation_is_refused(hq_a):
    obj = lead()
    with pytest.raises(Refused, match="早于"):
        move_lead(obj, "signed", hq_a, date=dt.date(2025, 2, 1), amount=Decimal(1_000_000))
    obj.refresh_from_db()
    assert (obj.stage, obj.signed_on, obj.signed_amount) == ("talks", None, None)


def test_a_signing_move_without_its_amount_is_refused_on_the_page(client_for, hq_a):
    obj = lead()
    client = client_for(hq_a)
    response = client.post(
        reverse("investment:move", args=[obj.pk]),
        {"target": "signed", "date": "2025-04-01"},
        follow=True,
    )
    refusals = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert any("签约额" in m for m in refusals), refusals
    obj.refresh_from_db()
    assert obj.stage == "talks"


# -- an amount at 投产 with no 签约 --------------------------------------------------------------
def test_an_investment_at_production_without_a_signing_is_refused_by_the_form(client_for, hq_a):
    response = client_for(hq_a).post(
        reverse("investment:create"), form_data(invested_total="3000000")
    )
    assert "须先有签约" in form_errors(response)["invested_total"]


def test_an_investment_at_production_without_a_signing_is_refused_by_the_api(api, hq_a):
    response = api(hq_a).post(
        LEADS_API,
        _api(stage="producing", producing_on="2025-09-01", invested_total="3000000"),
        format="json",
    )
    assert response.status_code == 400
    assert "须先有签约" in " ".join(response.json()["invested_total"])


def test_an_investment_at_production_without_a_signing_is_refused_by_the_import(hq_a):
    errors = import_errors(
        hq_a, csv_row(stage="投产", producing_on="2025-09-01", invested_total="300")
    )
    assert any("须先有签约" in e for e in errors), errors


def test_a_lead_cannot_move_from_negotiation_straight_into_production(hq_a):
    obj = lead()
    with pytest.raises(Refused):
        move_lead(obj, "producing", hq_a, date=dt.date(2025, 9, 1), amount=Decimal(1))


# -- jobs created above jobs planned without a note ---------------------------------------------
def test_more_jobs_created_than_planned_need_a_note_on_the_form(client_for, hq_a):
    client = client_for(hq_a)
    response = client.post(
        reverse("investment:create"), form_data(jobs_planned="100", jobs_created="120")
    )
    assert "就业说明" in form_errors(response)["jobs_created"]
    noted = form_data(jobs_planned="100", jobs_created="120", jobs_note="二期提前招工")
    assert client.post(reverse("investment:create"), noted).status_code == 302
    assert Lead.objects.filter(code=noted["code"], jobs_created=120).exists()


def test_more_jobs_created_than_planned_need_a_note_in_the_api(api, hq_a):
    response = api(hq_a).post(LEADS_API, _api(jobs_planned=100, jobs_created=120), format="json")
    assert response.status_code == 400
    assert "就业说明" in " ".join(response.json()["jobs_created"])


def test_more_jobs_created_than_planned_need_a_note_in_the_import(hq_a):
    errors = import_errors(hq_a, csv_row(jobs_planned="100", jobs_created="120"))
    assert any("就业说明" in e for e in errors), errors


# -- a cross-pairing record without the broker party --------------------------------------------
def test_cross_pairing_work_without_its_broker_is_refused_by_the_form(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("investment:create"),
        form_data(place=place(BACHU).pk, aiding_party="", is_cross_pairing="on"),
    )
    assert "促成" in form_errors(response)["aiding_party"]


def test_cross_pairing_work_without_its_broker_is_refused_by_the_api(api, admin_user):
    response = api(admin_user).post(
        LEADS_API, _api(place=BACHU, aiding_party=None, is_cross_pairing=True), format="json"
    )
    assert response.status_code == 400
    assert "促成" in " ".join(response.json()["aiding_party"])


def test_cross_pairing_work_without_its_broker_is_refused_by_the_import(admin_user):
    errors = import_errors(admin_user, csv_row(place=BACHU, aiding_party="", is_cross_pairing="是"))
    assert any("促成" in e for e in errors), errors


def test_work_outside_the_brokers_pairing_must_be_marked_cross_pairing(hq_a):
    errors = import_errors(hq_a, csv_row(place=BACHU))
    assert any("上海" in e and "跨结对" in e for e in errors), errors


def test_a_lead_without_a_broker_in_a_paired_place_is_the_paired_partys(hq_a):
    obj = lead(aiding_party=None)
    assert obj.aiding_party.code == "320000" and not obj.is_cross_pairing


def _api(**changes):
    from duikou.investment.tests.factories import api_data

    return api_data(**changes)
