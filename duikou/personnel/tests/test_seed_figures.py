"""The seeds' people figures, entered as demo data and read back from the platform's pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from duikou.personnel.demo import make_seed_figures
from duikou.personnel.models import Batch

pytestmark = pytest.mark.django_db


def figure(html: str, testid: str) -> int:
    match = re.search(rf'data-testid="{re.escape(testid)}"[^>]*>(\d+)<', html)
    assert match, testid
    return int(match.group(1))


@pytest.fixture
def seeded():
    return make_seed_figures(today=dt.date.today())


def test_shandong_selected_3087_since_2017_with_281_medical_and_1768_teachers(seeded):
    page = Client().get("/personnel/figures/?party=370000&since=2017").content.decode()
    assert figure(page, "selected-total") == 3087
    assert figure(page, "selected-370000-professional-doctor") == 281
    assert figure(page, "selected-370000-professional-teacher") == 1768


def test_jiangsu_plan_reads_615_planned_468_intent_252_arrived(seeded, client_for, hq_a):
    plan = seeded["plan"]
    page = client_for(hq_a).get(plan.get_absolute_url()).content.decode()
    for number in ("615", "468", "252"):
        assert number in page
    listing = Client().get("/api/v1/personnel/recruitment-plans/").json()["results"]
    assert [(p["planned"], p["intent"], p["arrived"]) for p in listing] == [(615, 468, 252)]


def test_zhejiang_1181_teachers_since_2019_hubei_240_on_post_hebei_9_in_batch_ten(seeded):
    client = Client()
    zhejiang = client.get("/personnel/figures/?party=330000&since=2019").content.decode()
    assert figure(zhejiang, "selected-330000-professional-teacher") == 1181
    hubei = client.get("/organisations/parties/420000/").content.decode()
    assert figure(hubei, "party-people-professional") == 240
    batch = Batch.objects.get(aiding_party__code="130000", number=10)
    assert batch.postings.filter(kind="cadre").count() == 9
    hebei = client.get("/personnel/figures/?party=130000&on=2023-05-01").content.decode()
    assert figure(hebei, "on-post-total") == 9
