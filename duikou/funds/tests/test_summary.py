"""The portfolio summary: which projects it counts, and concurrent writes of one party-year."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from duikou.funds.compliance import compliance
from duikou.funds.models import PortfolioSummary
from duikou.funds.views import statistics_rows
from duikou.projects.choices import Status
from duikou.projects.models import Project
from duikou.projects.services import change_status
from duikou.projects.tests.factories import make_project, party, place

PREFECTURE = "654000"  # 伊犁州: above county level


@pytest.mark.django_db
def test_projects_in_reserve_or_planned_do_not_count_towards_the_two_80_rule(coordinator):
    make_project(status=Status.APPROVED, plan_year=2022, budget_aid=Decimal("800"))
    make_project(plan_year=2022, budget_aid=Decimal("5000"), place=place(PREFECTURE))
    planned = make_project(
        status=Status.PLANNED, plan_year=2022, budget_aid=Decimal("200"), place=place(PREFECTURE)
    )
    (result,) = compliance(coordinator, party_id=party().pk)
    assert (result.total, result.county_ok) == (Decimal("800"), True)
    change_status(planned, Status.APPROVED, coordinator, document_number="新援办〔2024〕3号")
    (result,) = compliance(coordinator, party_id=party().pk)
    assert (result.total, result.county_amount, result.ok) == (Decimal("1000"), 800, True)
    change_status(planned, Status.PLANNED, coordinator, opinion="退回补充材料")
    (result,) = compliance(coordinator, party_id=party().pk)
    assert result.total == Decimal("800")


@pytest.mark.django_db
def test_the_compliance_table_statistics_and_party_page_agree(client_for, coordinator):
    make_project(status=Status.BUILDING, plan_year=2021, budget_aid=Decimal("700"))
    make_project(status=Status.HANDED_OVER, plan_year=2021, budget_aid=Decimal("300"))
    make_project(plan_year=2021, budget_aid=Decimal("9000"), place=place(PREFECTURE))
    client = client_for(coordinator)
    table = client.get("/compliance/")
    cells = {str(p): c for p, c in table.context["rows"]}["江苏省"]
    (cell,) = [c for c in cells if c and c.year == 2021]
    stats = statistics_rows(coordinator, {"year": "2021", "party": "320000"})
    assert cell.total == sum(r["budget_aid"] for r in stats) == Decimal("1000")
    assert sum(r["projects"] for r in stats) == 2
    drill_down = client.get("/projects/?party=320000&year=2021&counted=true")
    assert len(drill_down.context["object_list"]) == 2  # the links count the same projects
    assert cell.county_share == 1
    party_page = client.get(party().get_absolute_url()).content.decode()
    assert "100.0%" in party_page and "10.0%" not in party_page.replace("100.0%", "")
    # Both pages say which statuses count.
    assert 'data-testid="counted-statuses"' in table.content.decode()
    statistics_page = client.get("/funds/statistics/?year=2021").content.decode()
    assert 'data-testid="counted-statuses"' in statistics_page


@pytest.mark.django_db(transaction=True)
def test_concurrent_writes_for_the_same_party_and_year_keep_the_summary_whole(base_data):
    """Two transactions write projects of one party and year at once. The second must wait
    for the first (the party lock), not collide with it on the summary cells."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers by itself; the race is PostgreSQL's")
    first_wrote = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                make_project(status=Status.APPROVED, plan_year=2023, budget_aid=Decimal("100"))
                first_wrote.set()
                wait_until_another_backend_waits_for_a_lock()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
            first_wrote.set()
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_wrote.wait(10)
            with transaction.atomic():
                make_project(status=Status.APPROVED, plan_year=2023, budget_aid=Decimal("200"))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    cells = PortfolioSummary.objects.filter(aiding_party=party(), year=2023)
    assert sum(c.budget_aid for c in cells) == Decimal("300")
    assert sum(c.projects for c in cells) == Project.objects.filter(plan_year=2023).count() == 2


def wait_until_another_backend_waits_for_a_lock(timeout: float = 10) -> None:
    """Hold the open transaction until some other connection is blocked on a lock (the
    second writer reaching the summary), so the test races deterministically."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.01)
