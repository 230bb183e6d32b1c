"""The teams pages a headquarters uses: create a team with its supporting institutions, the
import pages and templates of every sheet, the place page panel."""

from __future__ import annotations

import pytest

from duikou.organisations.models import AidingParty, Organisation
from duikou.places.models import Place
from duikou.teams.models import Team
from duikou.teams.pages import _institution

pytestmark = pytest.mark.django_db


def test_a_headquarters_creates_a_team_sent_by_two_of_its_own_institutions(client_for, hq_a):
    jiangsu = AidingParty.objects.get(code="320000")
    college = _institution(Place.objects.get(code="654021"))
    schools = [
        Organisation.objects.create(
            code=f"SCH-T-{i}", name=f"江苏学校{i}", kind="school", aiding_party=jiangsu
        )
        for i in (1, 2)
    ]
    response = client_for(hq_a).post(
        "/teams/new/",
        {
            "code": "JS-T",
            "name": "江苏以校包系组团",
            "aiding_party": jiangsu.pk,
            "institution": college.pk,
            "model": "school_department",
            "sector": "education",
            "start": "2024-09-01",
            "supporting_institutions": [s.pk for s in schools],
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    team = Team.objects.get(code="JS-T")
    assert set(team.supporting_institutions.all()) == set(schools)
    html = client_for(hq_a).get(team.get_absolute_url()).content.decode()
    assert "江苏学校1、江苏学校2" in html and "以校包系" in html


@pytest.mark.parametrize(
    "prefix",
    [
        "",
        "members/",
        "alliances/",
        "mentees/",
        "mentorships/",
        "assessments/",
        "outcomes/",
        "figures/",
    ],
)
def test_every_sheet_has_its_import_page_and_template(prefix, client_for, hq_a):
    client = client_for(hq_a)
    assert client.get(f"/teams/{prefix}import/").status_code == 200
    template = client.get(f"/teams/{prefix}import/template.xlsx")
    assert template.status_code == 200
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_place_page_lists_the_teams_supporting_institutions_below_it(client_for, recipient):
    from duikou.teams.pages import sample_team

    place = Place.objects.get(code="654021")
    team = sample_team(AidingParty.objects.get(code="320000"), place)
    html = client_for(recipient).get(place.get_absolute_url()).content.decode()
    assert 'data-testid="place-teams"' in html
    assert team.name in html and team.institution.name in html


def test_a_team_entered_without_a_number_is_given_the_partys_next_one(client_for, hq_a):
    jiangsu = AidingParty.objects.get(code="320000")
    college = _institution(Place.objects.get(code="654021"))
    form = client_for(hq_a).get("/teams/new/").content.decode()
    assert "留空则自动编号" in form
    response = client_for(hq_a).post(
        "/teams/new/",
        {
            "code": "",
            "name": "江苏医疗组团",
            "aiding_party": jiangsu.pk,
            "institution": college.pk,
            "model": "school_department",
            "sector": "education",
            "start": "2024-09-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Team.objects.get(name="江苏医疗组团").code == "320000-T0001"
