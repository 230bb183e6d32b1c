"""Who reads names: a work group its county's people, another party's headquarters none of
them by name, anonymous visitors counts only (pages, exports, API and panels)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from duikou.personnel.models import Batch, Person
from duikou.personnel.tests.helpers import party, posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher():
    """A 江苏 teacher on post today in 伊宁县 (the work group's county)."""
    today = dt.date.today()
    p = posting(start=today - dt.timedelta(days=30), end=today + dt.timedelta(days=700))
    p.person.name = "孙悦明"
    p.person.phone = "13900000000"
    p.person.save()
    return p


def test_a_work_group_sees_its_countys_people_by_name(client_for, wg_a, teacher):
    client = client_for(wg_a)
    assert "孙悦明" in client.get("/personnel/people/").content.decode()
    detail = client.get(teacher.person.get_absolute_url()).content.decode()
    assert "孙悦明" in detail and "13900000000" in detail
    assert "孙悦明" in client.get("/places/654021/").content.decode()


def test_the_recipient_county_reads_the_people_posted_there(client_for, recipient, teacher):
    assert client_for(recipient).get(teacher.person.get_absolute_url()).status_code == 200


def test_another_partys_headquarters_sees_none_of_them_by_name(client_for, api, hq_b, teacher):
    client = client_for(hq_b)
    assert "孙悦明" not in client.get("/personnel/people/").content.decode()
    assert "孙悦明" not in client.get("/personnel/roster/").content.decode()
    assert client.get(teacher.person.get_absolute_url()).status_code == 404
    export = client.get("/personnel/roster/?export=csv")
    assert "孙悦明" not in b"".join(export.streaming_content).decode("utf-8")
    assert api(hq_b).get("/api/v1/personnel/persons/").json()["count"] == 0
    place_page = client.get("/places/654021/").content.decode()
    assert "孙悦明" not in place_page
    assert 'data-testid="place-people-total">1<' in place_page  # the count, not the name


def test_anonymous_visitors_see_counts_only(teacher):
    client = Client()
    assert client.get("/personnel/people/").status_code == 302
    assert client.get("/personnel/roster/?export=csv").status_code == 302
    assert client.get(teacher.person.get_absolute_url()).status_code == 302
    party_page = client.get("/organisations/parties/320000/").content.decode()
    assert 'data-testid="party-people-professional">1<' in party_page
    assert "孙悦明" not in party_page
    place_page = client.get("/places/654021/").content.decode()
    assert 'data-testid="place-people-total">1<' in place_page and "孙悦明" not in place_page
    figures = client.get("/personnel/figures/").content.decode()
    assert 'data-testid="on-post-total">1<' in figures and "孙悦明" not in figures
    assert client.get("/api/v1/personnel/persons/").json()["count"] == 0


def test_the_person_page_lists_the_terms(client_for, hq_a, teacher):
    later = posting(
        teacher.person,
        start=teacher.end + dt.timedelta(days=1),
        end=teacher.end + dt.timedelta(days=400),
        post="挂职副校长",
    )
    page = client_for(hq_a).get(teacher.person.get_absolute_url()).content.decode()
    assert "挂职副校长" in page and 'data-testid="person-postings"' in page
    assert later.person == Person.objects.get(pk=teacher.person.pk)


def test_terms_ending_in_90_days_and_the_hand_over_of_a_batch(client_for, hq_a):
    from duikou.personnel.models import Batch
    from duikou.personnel.tests.helpers import party

    today = dt.date.today()
    old = Batch.objects.create(
        aiding_party=party(),
        number=10,
        start=today - dt.timedelta(days=1000),
        end=today + dt.timedelta(days=30),
    )
    new = Batch.objects.create(
        aiding_party=party(),
        number=11,
        start=today + dt.timedelta(days=31),
        end=today + dt.timedelta(days=1100),
    )
    leaving = posting(batch=old, start=old.start, end=old.end, post="离任岗位")
    arriving = posting(batch=new, start=new.start, end=new.end, post="接任岗位")
    client = client_for(hq_a)
    ending = client.get(
        f"/personnel/roster/?on_post={today}&ends_before={today + dt.timedelta(days=90)}"
    ).content.decode()
    assert leaving.person.name in ending and arriving.person.name not in ending
    handover = client.get(f"/personnel/batches/{old.pk}/handover/").content.decode()
    assert "离任岗位" in handover and "接任岗位" in handover


def test_a_hand_over_outside_ones_scope_gives_the_counts_and_says_the_names_are_not_shown(
    client_for, hq_b
):
    today = dt.date.today()
    old = Batch.objects.create(
        aiding_party=party(),
        number=10,
        start=today - dt.timedelta(days=1000),
        end=today + dt.timedelta(days=30),
    )
    posting(batch=old, start=old.start, end=old.end)
    handover = client_for(hq_b).get(f"/personnel/batches/{old.pk}/handover/").content.decode()
    assert 'data-testid="outgoing-count">1<' in handover
    assert "其余不在您的查看范围内" in handover
