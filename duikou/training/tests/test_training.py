"""Training sessions: 人次 never below 人 and no end before the start, on every path; the
seeds' training figures read back as cumulative 人次 per party and period."""

from __future__ import annotations

import re

import pytest

from duikou.demo.generators import DemoContext
from duikou.projects.tests.test_import import csv_file
from duikou.training.columns import import_sessions
from duikou.training.demo import make_training
from duikou.training.models import TrainingSession

pytestmark = pytest.mark.django_db

HEADER = [
    "code",
    "title",
    "mode",
    "field",
    "aiding_party",
    "place",
    "start_date",
    "end_date",
    "trainees",
    "persons",
]


def row(code="PX-1", end="2025-05-10", trainees="60", persons="30"):
    return [
        code,
        "伊宁县教师培训班",
        "来疆办班",
        "教育",
        "江苏省",
        "654021",
        "2025-05-01",
        end,
        trainees,
        persons,
    ]


def api_session(**over) -> dict:
    data = {
        "code": "API-PX-1",
        "title": "伊宁县电商培训",
        "mode": "class",
        "field": "ecommerce",
        "aiding_party": "320000",
        "place": "654021",
        "start_date": "2025-05-01",
        "trainees": 60,
        "persons": 30,
    }
    data.update(over)
    return data


def test_trainees_fewer_than_persons_are_refused_on_import(hq_a):
    result = import_sessions(
        "t.csv", csv_file(row(trainees="10"), header=HEADER), hq_a, commit=True
    )
    assert not result.ok and not TrainingSession.objects.exists()
    assert "10" in result.errors[0].reason and "30" in result.errors[0].reason


def test_a_training_ending_before_it_starts_is_refused_on_import(hq_a):
    result = import_sessions(
        "t.csv", csv_file(row(end="2025-04-01"), header=HEADER), hq_a, commit=True
    )
    assert not result.ok and "2025-04-01" in result.errors[0].reason


def test_bad_trainings_are_refused_on_the_api(api, hq_a):
    client = api(hq_a)
    fewer = client.post("/api/v1/training-sessions/", api_session(trainees=5), format="json")
    assert fewer.status_code == 400 and "trainees" in str(fewer.json())
    backwards = client.post(
        "/api/v1/training-sessions/", api_session(end_date="2025-04-01"), format="json"
    )
    assert backwards.status_code == 400 and "end_date" in str(backwards.json())
    assert (
        client.post("/api/v1/training-sessions/", api_session(), format="json").status_code == 201
    )


def test_bad_trainings_are_refused_on_the_form(client_for, hq_a):
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    data = {
        "code": "F-PX-1",
        "title": "伊宁县教师培训班",
        "mode": "class",
        "field": "education",
        "aiding_party": AidingParty.objects.get(code="320000").pk,
        "place": Place.objects.get(code="654021").pk,
        "start_date": "2025-05-01",
        "end_date": "2025-04-30",
        "trainees": "10",
        "persons": "30",
    }
    response = client_for(hq_a).post("/training/new/", data)
    errors = response.context["form"].errors
    assert "end_date" in errors and "trainees" in errors
    assert not TrainingSession.objects.exists()


def test_the_seeds_training_figures_read_back_as_cumulative_person_times(client_for, coordinator):
    make_training(DemoContext(scale="tiny", log=lambda m: None))
    client = client_for(coordinator)
    html = client.get(
        "/training/figures/", {"party": "山东", "field": "education", "year_to": 2014}
    ).content.decode()
    cell = html.split('data-party="370000"', 1)[1].split("</tr>", 1)[0]
    cumulative = int(re.search(r'data-figure="cumulative">(\d+)<', cell).group(1))
    assert 45000 < cumulative < 46000  # 培训教师4.5万余人次
    gx = client.get(TrainingSession.objects.get(code="SD-PX-GX").get_absolute_url())
    assert re.search(r'data-testid="training-sessions">136<', gx.content.decode())  # 专题培训136场
    cadres = client.get("/training/figures/", {"party": "山东", "field": "government"})
    cell = cadres.content.decode().split('data-party="370000"', 1)[1].split("</tr>", 1)[0]
    assert int(re.search(r'data-figure="cumulative">(\d+)<', cell).group(1)) == 76800  # 7.68万
    jiangsu = client.get("/training/figures/", {"party": "江苏", "year": 2017, "half": 1})
    totals = jiangsu.content.decode().split('data-testid="training-totals"', 1)[1]
    assert 30 < int(re.search(r'data-figure="trainees">(\d+)<', totals).group(1)) < 40  # 30多人次


def test_the_party_page_shows_this_years_person_times_trained(client_for, hq_a):
    import datetime as dt

    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    jiangsu = AidingParty.objects.get(code="320000")
    for code, trainees in (("NOW-PX-1", 40), ("NOW-PX-2", 25)):
        TrainingSession.objects.create(
            code=code,
            title="伊宁县医护培训",
            mode="class",
            field="health",
            aiding_party=jiangsu,
            place=Place.objects.get(code="654021"),
            start_date=dt.date.today(),
            trainees=trainees,
            sessions=2,
        )
    html = client_for(hq_a).get(jiangsu.get_absolute_url()).content.decode()
    panel = html.split('data-testid="training-panel"', 1)[1]
    assert re.search(r'data-figure="trainees">65<', panel)
    assert re.search(r'data-figure="sessions">4<', panel)
