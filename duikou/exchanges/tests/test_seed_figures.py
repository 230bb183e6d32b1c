"""Demo data reproduces the seeds' exchange figures, and the pages read them back.

Seed 004 (江苏援伊工作简报, 2017 H1): 90余人次 medical experts, 义诊群众近万人; 20余批次200余人
送学送教, 观摩课300多节, 主题讲座100余场, 近10000名师生受益; 7位泰州信使 5171公里 42份书信.
Seed 000: 268所学校、3806个班级、5万人次学生参与.
"""

from __future__ import annotations

import re

import pytest

from duikou.demo.generators import DemoContext
from duikou.exchanges.demo import make_events
from duikou.exchanges.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    make_events(DemoContext(scale="tiny", log=lambda m: None))


def figure(html: str, row: str, name: str) -> int:
    """The number in the cell `data-figure=name` of the row `data-kind=row`."""
    part = html.split(f'data-kind="{row}"', 1)[1].split("</tr>", 1)[0]
    return int(re.search(rf'data-figure="{name}">(\d+)<', part).group(1))


def test_the_jiangsu_2017_h1_figures_are_read_back_from_the_figures_page(
    demo, client_for, coordinator
):
    html = (
        client_for(coordinator)
        .get("/exchanges/figures/", {"party": "江苏", "year": 2017, "half": 1})
        .content.decode()
    )
    assert 90 < figure(html, "free_clinic", "person_times") < 100  # 90余人次
    assert 9000 <= figure(html, "free_clinic", "beneficiaries") < 10000  # 近万人
    assert 9000 <= figure(html, "teaching", "beneficiaries") <= 10000  # 近10000名师生


def test_the_teaching_visits_read_back_in_batches_persons_lessons_and_sessions(
    demo, client_for, coordinator
):
    event = Event.objects.get(code="JS-2017-SJ-01")
    html = client_for(coordinator).get(event.get_absolute_url()).content.decode()
    persons = int(re.search(r'data-testid="event-persons">(\d+)<', html).group(1))
    sessions = re.search(r'data-testid="event-sessions">([^<]+)<', html).group(1)
    numbers = [int(n) for n in re.findall(r"\d+", sessions)]
    assert 200 < persons < 300  # 200余人
    batches, talks, lessons = numbers
    assert 20 < batches < 30 and 100 < talks < 200 and 300 < lessons < 400
    assert re.search(r'data-testid="event-person-times">–<', html)  # 人次 not given: not 人


def test_the_silk_road_messengers_and_the_letters_read_back(demo, client_for, coordinator):
    client = client_for(coordinator)
    ride = client.get(Event.objects.get(code="JS-2017-XS-01").get_absolute_url())
    html = ride.content.decode()
    assert "骑行 5171公里" in html and "书信 42份" in html
    assert re.search(r'data-testid="event-persons">7<', html)
    letters = client.get(Event.objects.get(code="JS-SX-2014").get_absolute_url()).content.decode()
    assert "学校 268所" in letters and "班级 3806个" in letters
    assert re.search(r'data-testid="event-person-times">50000<', letters)


def test_a_co_organised_event_is_credited_to_each_party_and_counted_once_in_total(
    client_for, coordinator
):
    import datetime as dt

    from duikou.exchanges.services import person_times_by_party_year, totals
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    jiangsu, beijing = (AidingParty.objects.get(code=c) for c in ("320000", "110000"))
    event = Event.objects.create(
        code="CO-1",
        title="两地联合夏令营",
        kind="summer_camp",
        aiding_party=jiangsu,
        place=Place.objects.get(code="654021"),
        start_date=dt.date(2024, 7, 1),
        person_times=120,
        persons=40,
    )
    event.partners.set([beijing, jiangsu])  # naming the lead again credits it once
    figures = person_times_by_party_year()
    assert figures[(jiangsu.pk, 2024)] == 120 and figures[(beijing.pk, 2024)] == 120
    assert totals(Event.objects.filter(year=2024))["person_times"] == 120
    html = client_for(coordinator).get("/exchanges/figures/", {"year": 2024}).content.decode()
    assert figure(html, "total", "person_times") == 120
    event.partners.remove(beijing)
    assert (beijing.pk, 2024) not in person_times_by_party_year()
    event.delete()
    assert person_times_by_party_year() == {}


def test_the_summary_agrees_with_the_events_after_the_demo_spread(demo):
    from collections import Counter

    from duikou.exchanges.services import person_times_by_party_year

    expected: Counter = Counter()
    for event in Event.objects.prefetch_related("partners"):
        for party_id in {event.aiding_party_id, *(p.pk for p in event.partners.all())}:
            expected[(party_id, event.year)] += event.person_times or 0
    assert person_times_by_party_year() == {k: v for k, v in expected.items()}


def test_the_party_page_shows_this_years_events_to_its_own_headquarters(client_for, hq_a, hq_b):
    import datetime as dt

    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    jiangsu = AidingParty.objects.get(code="320000")
    Event.objects.create(
        code="NOW-1",
        title="伊宁县研学",
        kind="study_tour",
        aiding_party=jiangsu,
        place=Place.objects.get(code="654021"),
        start_date=dt.date.today(),
        person_times=25,
    )
    html = client_for(hq_a).get(jiangsu.get_absolute_url()).content.decode()
    panel = html.split('data-testid="exchanges-panel"', 1)[1]
    assert re.search(r'data-figure="person_times">25<', panel)
    other = client_for(hq_b).get(jiangsu.get_absolute_url()).content.decode()
    assert 'data-testid="exchanges-panel"' not in other
