"""The seeds' teams and mentorships, built by the demo generator, read back from the pages."""

from __future__ import annotations

import pytest

from duikou.demo.generators import DemoContext
from duikou.organisations.models import AidingParty, Organisation
from duikou.teams.demo import make_teams
from duikou.teams.models import Mentorship, Outcome, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    make_teams(DemoContext(scale="tiny", log=lambda m: None))


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_hetian_hospital_page_shows_the_tianjin_team_and_the_eye_alliance(
    demo, client_for, coordinator
):
    client = client_for(coordinator)
    hetian = Organisation.objects.get(name="和田地区人民医院")
    html = _page(client, hetian.get_absolute_url())
    assert "天津医疗人才“组团式”援疆团队（和田地区人民医院眼科）" in html
    assert "津和眼科专科联盟" in html
    assert "天津市眼科医院" in html


def test_the_kashgar_hospital_page_shows_the_ninth_hospital_taking_its_oral_surgery(
    demo, client_for, coordinator
):
    html = _page(
        client_for(coordinator), Organisation.objects.get(code="HOSP-653100-EY").get_absolute_url()
    )
    assert "上海九院“以院包科”喀什二院口腔颌面外科团队" in html
    assert "以院包科" in html
    assert "口腔颌面外科" in html


def test_sixteen_jiangsu_schools_support_the_two_ili_colleges(demo, client_for, coordinator):
    client = client_for(coordinator)
    schools = set()
    for name in ("伊犁丝路职业学院", "伊犁职业技术学院"):
        team = Team.objects.get(institution__name=name)
        html = _page(client, team.get_absolute_url())
        assert "以校包系" in html
        listed = {o.name for o in team.supporting_institutions.all()}
        assert all(school in html for school in listed)
        schools |= listed
    assert len(schools) == 16


def test_the_heart_surgeon_went_from_3_to_more_than_20_operations(demo, client_for, coordinator):
    ship = Mentorship.objects.get(mentee__name="许天宝")
    html = _page(client_for(coordinator), ship.get_absolute_url())
    assert "心脏手术" in html
    assert "3种 → 20多种" in html
    assert "优秀" in html  # its yearly assessment (考核)
    institution = _page(client_for(coordinator), ship.mentee.institution.get_absolute_url())
    assert ship.mentor.name in institution


def test_ni_yuan_helps_14_local_teachers_with_100_trained_and_10_public_lessons(
    demo, client_for, coordinator
):
    client = client_for(coordinator)
    school = Organisation.objects.get(name="策勒县第一小学")
    html = _page(client, school.get_absolute_url())
    assert "倪媛" in html
    assert "14 名徒弟" in html or "14 mentees" in html
    outcome = Outcome.objects.get(person__name="倪媛")
    assert "14名" in _page(client, outcome.get_absolute_url())
    figures = _page(client, "/teams/figures/?q=倪媛")
    assert ">100<" in figures and ">10<" in figures


def test_the_shandong_party_page_counts_500_odd_mentorships_and_its_service_figures(demo, client):
    shandong = AidingParty.objects.get(code="370000")
    html = _page(client, shandong.get_absolute_url())  # counts, which anonymous visitors see
    assert "512" in html
    assert "98760" in html
    assert "12000" in html


def test_the_zhejiang_team_is_a_whole_chain_large_team(demo, client_for, coordinator):
    team = Team.objects.get(code="ZJ-AKS-QLS")
    html = _page(client_for(coordinator), team.get_absolute_url())
    assert "全链式" in html and "大组团" in html


def test_ni_yuans_person_page_shows_her_mentees_outcome_and_figures(demo, client_for, coordinator):
    from duikou.personnel.models import Person

    ni = Person.objects.get(name="倪媛")
    html = _page(client_for(coordinator), ni.get_absolute_url())
    assert 'data-testid="person-teams"' in html
    assert html.count("策勒县第一小学") >= 14  # each mentee with her institution
    assert "帮助结对的当地教师提升教学水平" in html and "14名" in html
    assert "公开课 <strong>10</strong> 节" in html


def test_another_partys_headquarters_sees_counts_but_no_mentee_names(demo, client_for, hq_b):
    from duikou.personnel.models import Person

    tianjin = AidingParty.objects.get(code="120000")
    html = _page(client_for(hq_b), tianjin.get_absolute_url())
    assert 'data-testid="party-teams"' in html
    assert "天津医疗人才" not in html  # the team by name: only within scope
    ni = Person.objects.get(name="倪媛")
    assert client_for(hq_b).get(ni.get_absolute_url()).status_code == 404
    mentee = Mentorship.objects.filter(mentor=ni).first().mentee
    assert client_for(hq_b).get(mentee.get_absolute_url()).status_code == 404
