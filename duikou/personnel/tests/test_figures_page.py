"""The people figures page reads as tables an office can use: pivots with totals, a place
breakdown for a chosen party or place, Chinese labels, and each table as a download."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.test import Client

from duikou.personnel.choices import Field, Kind
from duikou.personnel.tests.helpers import HOTAN, person, posting

pytestmark = pytest.mark.django_db

ON = "2023-06-01"


def cell(html: str, testid: str) -> int:
    match = re.search(rf'data-testid="{re.escape(testid)}"[^>]*>(\d+)<', html)
    assert match, testid
    return int(match.group(1))


@pytest.fixture
def people():
    """Three 江苏 people in 伊宁县 (one of them earlier a flexible talent), one 北京 in 和田市."""
    twice = person()
    posting(
        twice,
        kind=Kind.FLEXIBLE,
        field=Field.DOCTOR,
        start=dt.date(2019, 3, 1),
        end=dt.date(2019, 8, 31),
    )
    posting(twice)
    posting()
    posting(field=Field.DOCTOR)
    posting(person("110000"), place_code=HOTAN)


def test_on_post_is_a_party_by_kind_pivot_with_row_and_column_totals(people):
    page = Client().get(f"/personnel/figures/?on={ON}").content.decode()
    assert cell(page, "on-post-320000") == 3 and cell(page, "on-post-110000") == 1
    assert cell(page, "on-post-total") == 4
    table = page[page.index('data-testid="on-post"') :].split("</table>")[0]
    assert table.count("<tr") == 4  # header, two parties, the totals row: no place rows
    assert "<tfoot>" in table


def test_the_place_breakdown_shows_only_for_a_chosen_party_or_place(people):
    client = Client()
    assert (
        'data-testid="on-post-places"'
        not in client.get(f"/personnel/figures/?on={ON}").content.decode()
    )
    by_party = client.get(f"/personnel/figures/?on={ON}&party=320000").content.decode()
    assert cell(by_party, "on-post-place-654021") == 3
    by_place = client.get(f"/personnel/figures/?on={ON}&place={HOTAN}").content.decode()
    assert cell(by_place, f"on-post-place-{HOTAN}") == 1 and cell(by_place, "on-post-total") == 1


def test_a_person_selected_under_two_kinds_is_counted_once_in_the_persons_total(people):
    page = Client().get("/personnel/figures/?since=2019&party=320000").content.decode()
    assert cell(page, "selected-320000") == 3  # persons, though four terms of two kinds
    assert cell(page, "selected-total") == 3
    assert cell(page, "selected-320000-professional-teacher") == 2
    assert cell(page, "selected-320000-flexible-doctor") == 1


def test_the_figures_page_reads_in_chinese_with_a_chinese_date():
    page = Client().get(f"/personnel/figures/?on={ON}").content.decode()
    assert "On post on" not in page and "在岗日期" in page and "2023年6月1日" in page
    assert "该日无人在岗" in page  # the empty state says what to try


def test_each_figures_table_downloads_with_the_pages_numbers(people):
    client = Client()
    response = client.get(f"/personnel/figures/?on={ON}&export=on-post&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "援助方" and rows[0][-1] == "合计"
    assert ["江苏", "0", "3", "0", "0", "3"] in rows
    fields = client.get("/personnel/figures/?since=2019&party=320000&export=fields&format=xlsx")
    assert fields["Content-Type"].startswith("application/vnd.openxmlformats")
    places = client.get(f"/personnel/figures/?on={ON}&party=320000&export=places&format=csv")
    assert "伊宁县" in b"".join(places.streaming_content).decode("utf-8")


def test_the_roster_filter_and_the_post_field_read_in_chinese(client_for, wg_a):
    client = client_for(wg_a)
    roster = client.get("/personnel/roster/").content.decode()
    assert "On post on" not in roster and "在岗日期" in roster
    form = client.get("/personnel/roster/new/").content.decode()
    assert "援派期间所任职务" in form


def test_the_party_panel_gives_a_chinese_date_and_the_terms_ending_within_90_days(client_for, hq_a):
    today = dt.date.today()
    posting(start=today - dt.timedelta(days=300), end=today + dt.timedelta(days=30))
    posting(start=today - dt.timedelta(days=300), end=today + dt.timedelta(days=400))
    page = client_for(hq_a).get("/organisations/parties/320000/").content.decode()
    assert f"{today.year}年{today.month}月{today.day}日" in page
    assert cell(page, "party-people-total") == 2
    assert re.search(r'data-testid="party-people-ending">90天内期满：1', page)
    assert "ends_before=" in page  # and the roster of them, one click away


def test_a_plan_and_a_need_page_show_what_they_record_not_only_their_history(client_for, hq_a):
    from duikou.organisations.models import AidingParty
    from duikou.personnel.pages import sample_need, sample_plan
    from duikou.places.models import Place

    jiangsu, yining = AidingParty.objects.get(code="320000"), Place.objects.get(code="654021")
    client = client_for(hq_a)
    for record in (sample_plan(jiangsu, yining), sample_need(jiangsu, yining)):
        page = client.get(record.get_absolute_url()).content.decode()
        fields = page[page.index('data-testid="record-fields"') :].split("</dl>")[0]
        assert "江苏" in fields and "伊宁县" in fields and "<dt" in fields


def test_a_work_group_can_enter_a_new_person_and_then_their_term(client_for, wg_a):
    from duikou.organisations.models import AidingParty
    from duikou.personnel.models import Person, Posting
    from duikou.places.models import Place

    client = client_for(wg_a)
    jiangsu = AidingParty.objects.get(code="320000")
    response = client.post(
        "/personnel/people/new/", {"aiding_party": jiangsu.pk, "name": "新来的老师", "sex": "f"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(name="新来的老师")
    assert person.place.code == "654021"
    response = client.post(
        "/personnel/roster/new/",
        {
            "person": person.pk,
            "kind": "professional",
            "field": "teacher",
            "place": Place.objects.get(code="654021").pk,
            "start": "2026-02-01",
            "end": "2027-01-31",
            "status": "on_post",
        },
    )
    assert response.status_code == 302 and Posting.objects.filter(person=person).count() == 1


def test_the_place_panel_does_not_repeat_the_pages_own_place_after_each_name(client_for, wg_a):
    today = dt.date.today()
    posted = posting(start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=300))
    page = client_for(wg_a).get("/places/654021/").content.decode()
    names = page[page.index('data-testid="place-people-names"') :].split("</ul>")[0]
    assert posted.person.name in names and "伊宁县" not in names
