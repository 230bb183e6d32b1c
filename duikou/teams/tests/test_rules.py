"""The teams app's refusals hold on every path: the form, the API and the import."""

from __future__ import annotations

import datetime as dt

import pytest

from duikou.core.imports import import_file
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.models import Place
from duikou.teams import columns
from duikou.teams.models import Mentorship, ServiceFigure, Team, TeamMember
from duikou.teams.pages import _institution, _person, sample_mentee, sample_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def a():
    return AidingParty.objects.get(code="320000")


@pytest.fixture
def b():
    return AidingParty.objects.get(code="110000")


@pytest.fixture
def yining():
    return Place.objects.get(code="654021")


def _import(table, text: str, user):
    return import_file(table, "sheet.csv", text.encode(), user, commit=True)


def _reasons(result) -> str:
    return " ".join(e.reason for e in result.errors)


# -- a mentor not on post ----------------------------------------------------------------------
NOT_ON_POST = "在结对开始日 2022-05-01 不在岗"


@pytest.fixture
def mentor_and_mentee(a, yining):
    return _person(a, yining), sample_mentee(a, yining)  # on post 2023-01-01 … 2025-12-31


def test_a_mentorship_with_a_mentor_not_on_post_is_refused_on_the_form(
    mentor_and_mentee, client_for, hq_a
):
    mentor, mentee = mentor_and_mentee
    response = client_for(hq_a).post(
        "/teams/mentorships/new/",
        {"mentor": mentor.pk, "mentee": mentee.pk, "start": "2022-05-01"},
    )
    assert response.status_code == 200
    assert NOT_ON_POST in response.content.decode()
    assert not Mentorship.objects.exists()


def test_a_mentorship_with_a_mentor_not_on_post_is_refused_by_the_api(mentor_and_mentee, api, hq_a):
    mentor, mentee = mentor_and_mentee
    response = api(hq_a).post(
        "/api/v1/mentorships/",
        {"mentor": mentor.code, "mentee": mentee.code, "start": "2022-05-01"},
        format="json",
    )
    assert response.status_code == 400
    assert NOT_ON_POST in str(response.json()["mentor"])
    assert not Mentorship.objects.exists()


def test_a_mentorship_with_a_mentor_not_on_post_is_refused_on_import(mentor_and_mentee, hq_a):
    mentor, mentee = mentor_and_mentee
    result = _import(
        columns.MENTORSHIPS,
        f"mentor,mentee,start\n{mentor.code},{mentee.code},2022-05-01\n"
        f"{mentor.code},{mentee.code},2024-05-01\n",
        hq_a,
    )
    assert not result.written
    assert [e.row for e in result.errors] == [2]
    assert NOT_ON_POST in _reasons(result)
    assert not Mentorship.objects.exists()


def test_a_mentorship_with_a_mentor_on_post_is_saved_with_its_code(mentor_and_mentee, hq_a):
    mentor, mentee = mentor_and_mentee
    result = _import(
        columns.MENTORSHIPS, f"mentor,mentee,start\n{mentor.code},{mentee.code},2024-05-01\n", hq_a
    )
    assert result.written, _reasons(result)
    assert Mentorship.objects.get().code == f"{mentor.code}/{mentee.code}/202405"


# -- a period that ends before it starts -----------------------------------------------------
BACKWARDS = "结束日期（2024-01-31）早于开始日期（2024-06-30）。"


@pytest.fixture
def team(a, yining):
    return sample_team(a, yining)


def test_a_service_period_ending_before_it_starts_is_refused_on_the_form(team, client_for, hq_a):
    response = client_for(hq_a).post(
        "/teams/figures/new/",
        {"team": team.pk, "period_start": "2024-06-30", "period_end": "2024-01-31"},
    )
    assert BACKWARDS in response.content.decode()
    assert not ServiceFigure.objects.exists()


def test_a_service_period_ending_before_it_starts_is_refused_by_the_api(team, api, hq_a):
    response = api(hq_a).post(
        "/api/v1/service-figures/",
        {"team": team.code, "period_start": "2024-06-30", "period_end": "2024-01-31"},
        format="json",
    )
    assert response.status_code == 400
    assert BACKWARDS in str(response.json()["period_end"])


def test_a_service_period_ending_before_it_starts_is_refused_on_import(team, hq_a):
    result = _import(
        columns.FIGURES,
        f"team,period_start,period_end,patients_seen\n{team.code},2024-06-30,2024-01-31,10\n",
        hq_a,
    )
    assert not result.written
    assert BACKWARDS in _reasons(result)
    assert result.errors[0].column.startswith(str(columns.FIGURES.column("period_end").label))


def test_a_periods_sheet_imports_once_and_a_second_time_is_refused_not_doubled(team, hq_a):
    sheet = (
        "team,period_start,period_end,patients_seen,operations\n"
        f"{team.code},2024-01-01,2024-06-30,5200,630\n"
    )
    assert _import(columns.FIGURES, sheet, hq_a).written
    again = _import(columns.FIGURES, sheet, hq_a)
    assert not again.written
    assert "该期间的数据已登记" in _reasons(again)
    figure = ServiceFigure.objects.get()
    assert (figure.aiding_party_id, figure.place_id) == (
        team.aiding_party_id,
        team.institution.place_id,
    )
    # With its code the row changes the stored figures.
    changed = _import(
        columns.FIGURES,
        f"code,team,period_start,period_end,patients_seen\n{figure.code},{team.code},2024-01-01,2024-06-30,5300\n",
        hq_a,
    )
    assert changed.written, _reasons(changed)
    assert ServiceFigure.objects.get().patients_seen == 5300


def test_a_persons_figures_for_a_period_off_post_are_refused(a, yining, hq_a):
    person = _person(a, yining)
    result = _import(
        columns.FIGURES,
        f"person,period_start,period_end,public_lessons\n{person.code},2021-01-01,2021-12-31,4\n",
        hq_a,
    )
    assert "在 2021-01-01 至 2021-12-31 期间不在岗" in _reasons(result)


# -- a member of another party -----------------------------------------------------------------
OTHER_PARTY = "如需加入，请填写理由"


@pytest.fixture
def outsider(b, yining):
    return _person(b, Place.objects.get(code="653201"))  # 北京's 和田市


def test_a_member_of_another_party_is_refused_on_the_form(team, outsider, client_for, admin_user):
    response = client_for(admin_user).post(
        "/teams/members/new/", {"team": team.pk, "person": outsider.pk, "start": "2024-01-01"}
    )
    assert OTHER_PARTY in response.content.decode()
    assert not TeamMember.objects.exists()
    response = client_for(admin_user).post(
        "/teams/members/new/",
        {
            "team": team.pk,
            "person": outsider.pk,
            "start": "2024-01-01",
            "justification": "北京专家应邀参加江苏团队的白内障手术带教",
        },
    )
    assert response.status_code == 302
    assert TeamMember.objects.filter(person=outsider).exists()


def test_a_member_of_another_party_is_refused_by_the_api(
    team, outsider, api, coordinator, admin_user
):
    response = api(admin_user).post(
        "/api/v1/team-members/",
        {"team": team.code, "person": outsider.code, "start": "2024-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert OTHER_PARTY in str(response.json()["person"])


def test_a_member_of_another_party_is_refused_on_import(team, outsider, admin_user):
    result = _import(
        columns.MEMBERS, f"team,person,start\n{team.code},{outsider.code},2024-01-01\n", admin_user
    )
    assert not result.written
    assert OTHER_PARTY in _reasons(result)


# -- supporting institutions of another party ----------------------------------------------------
@pytest.fixture
def beijing_hospital(b):
    return Organisation.objects.create(
        code="HOSP-110000-T", name="北京某医院", kind="hospital", aiding_party=b
    )


NOT_OURS = "不是本团队援助方 江苏省 的单位"


def test_a_team_sent_by_another_partys_institution_is_refused_on_the_form(
    a, yining, beijing_hospital, client_for, admin_user
):
    institution = _institution(yining)
    response = client_for(admin_user).post(
        "/teams/new/",
        {
            "code": "T-1",
            "name": "组团",
            "aiding_party": a.pk,
            "institution": institution.pk,
            "model": "small",
            "sector": "medical",
            "start": "2024-01-01",
            "supporting_institutions": [beijing_hospital.pk],
        },
    )
    assert NOT_OURS in response.content.decode()
    assert not Team.objects.filter(code="T-1").exists()


def test_a_team_sent_by_another_partys_institution_is_refused_by_the_api(
    a, yining, beijing_hospital, api, admin_user
):
    institution = _institution(yining)
    response = api(admin_user).post(
        "/api/v1/teams/",
        {
            "code": "T-1",
            "name": "组团",
            "aiding_party": a.code,
            "institution": institution.code,
            "model": "small",
            "start": "2024-01-01",
            "supporting_institutions": [beijing_hospital.code],
        },
        format="json",
    )
    assert response.status_code == 400
    assert NOT_OURS in str(response.json())
    assert not Team.objects.filter(code="T-1").exists()


def test_a_team_sent_by_another_partys_institution_is_refused_on_import(
    a, yining, beijing_hospital, hq_a
):
    institution = _institution(yining)
    result = _import(
        columns.TEAMS,
        "code,name,aiding_party,institution,model,start,supporting_institutions\n"
        f"T-1,组团,江苏省,{institution.code},小组团,2024-01-01,{beijing_hospital.code}\n",
        hq_a,
    )
    assert NOT_OURS in _reasons(result)
    assert not Team.objects.filter(code="T-1").exists()


def test_a_team_cannot_support_an_institution_of_the_aiding_side(a, beijing_hospital, hq_a):
    result = _import(
        columns.TEAMS,
        f"code,name,aiding_party,institution,model,start\nT-2,组团,江苏省,{beijing_hospital.code},小组团,2024-01-01\n",
        hq_a,
    )
    assert "属于援助方，请选择受援方的单位" in _reasons(result)


def test_an_outcome_that_falls_below_its_before_figure_is_refused(a, yining, hq_a):
    mentor, mentee = _person(a, yining), sample_mentee(a, yining)
    ship = Mentorship.objects.create(mentor=mentor, mentee=mentee, start=dt.date(2024, 1, 1))
    result = _import(
        columns.OUTCOMES,
        f"mentorship,kind,description,before,after,as_of\n{ship.code},surgeries,心脏手术,20,3,2024-12-31\n",
        hq_a,
    )
    assert "小于“原来”的数字" in _reasons(result)


def test_another_party_cannot_import_figures_for_a_team_it_does_not_see(team, hq_b):
    result = _import(
        columns.FIGURES,
        f"team,period_start,period_end\n{team.code},2024-01-01,2024-06-30\n",
        hq_b,
    )
    assert not result.written
    assert f"“{team.code}”不是已知的团队" in _reasons(result)
