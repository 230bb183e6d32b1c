"""Demo data: a plausible tiny portfolio, and national scale refused on SQLite."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management.base import CommandError
from django.db import connection

from duikou.demo.generators import DemoContext
from duikou.funds.compliance import compliance
from duikou.funds.demo import make_funds
from duikou.funds.models import FundTransaction
from duikou.funds.services import project_money
from duikou.projects.demo import make_portfolio
from duikou.projects.models import Project

pytestmark = pytest.mark.django_db


def portfolio(scale: str = "tiny") -> DemoContext:
    """The demo's projects and then their funds, as `duikou demo_data` runs them."""
    ctx = DemoContext(scale=scale, log=lambda m: None)
    make_portfolio(ctx)
    make_funds(ctx)
    return ctx


def test_the_tiny_portfolio_respects_the_money_rules(coordinator):
    portfolio()
    assert Project.objects.count() >= 50
    assert Project.objects.order_by().values("aiding_party").distinct().count() == 19
    for project in Project.objects.filter(transactions__isnull=False).distinct()[:20]:
        money = project_money(project)
        assert money["spent"] <= money["disbursed"] <= money["allocated"]
    assert FundTransaction.objects.exists()
    assert compliance(coordinator)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite behaviour")
def test_national_scale_is_refused_on_sqlite_with_a_clear_message():
    with pytest.raises(CommandError, match="PostgreSQL"):
        portfolio("national")


def test_demo_data_gives_every_project_a_creation_entry():
    from django.contrib.contenttypes.models import ContentType

    from duikou.core.context import acting_as
    from duikou.core.history import history_for
    from duikou.core.models import ChangeRecord

    with acting_as(None, "demo-run-1"):
        portfolio()
    projects = list(Project.objects.all())
    entries = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), action="create"
    )
    assert entries.count() == len(projects) >= 50
    assert set(entries.values_list("object_id", flat=True)) == {str(p.pk) for p in projects}
    entry = history_for(projects[0]).get()
    assert entry.user is None and entry.user_name == "loader:demo_data"
    assert entry.request_id == "demo-run-1"
    assert entry.object_repr == str(projects[0])
    assert entry.changes["code"] == [None, projects[0].code]
    assert Decimal(entry.changes["budget_aid"][1]) == projects[0].budget_aid
    transaction = FundTransaction.objects.first()
    assert history_for(transaction).get().user_name == "loader:demo_data"


def test_a_bulk_load_by_a_signed_in_user_is_attributed_to_that_user(admin_user):
    from duikou.core.context import acting_as
    from duikou.core.history import history_for, record_bulk_creation
    from duikou.projects.tests.factories import category, party, place

    project = Project(
        code="BULK-1",
        name="批量导入项目",
        aiding_party=party(),
        place=place(),
        category=category(),
        plan_year=2024,
    )
    with acting_as(admin_user, "bulk-7"):
        Project.objects.bulk_create([project])
        assert record_bulk_creation([project], source="demo_data") == 1
    entry = history_for(project).get()
    assert entry.user == admin_user and entry.user_name == "admin"
    assert entry.request_id == "bulk-7"


def test_copy_lines_of_creation_entries_hold_the_values_as_history_does():
    import json

    from duikou.core.context import acting_as
    from duikou.core.history import CHANGE_RECORD_COPY_COLUMNS, creation_copy_lines

    columns = [
        "id",
        "created_at",
        "version",
        "code",
        "name",
        "budget_aid",
        "start_date",
        "is_published",
    ]
    lines = ["7\t2026-01-01 00:00:00+08\t1\tN-00000007\t伊宁县\\t水\\\\厂\t500000\t\\N\tt\n"]
    with acting_as(None, "national-run-1"):
        (out,) = creation_copy_lines(
            Project, columns, lines, source="national", object_repr=lambda v: v["code"]
        )
    fields = out.rstrip("\n").split("\t")
    record = dict(zip(CHANGE_RECORD_COPY_COLUMNS, fields, strict=True))
    assert record["user_id"] == "\\N" and record["user_name"] == "loader:national"
    assert record["request_id"] == "national-run-1" and record["action"] == "create"
    assert record["object_id"] == "7" and record["object_repr"] == "N-00000007"
    changes = json.loads(record["changes"].replace("\\\\", "\\"))
    assert changes == {
        "code": [None, "N-00000007"],
        "name": [None, "伊宁县\t水\\厂"],
        "budget_aid": [None, "500000.00"],
        "is_published": [None, True],
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL only")
def test_the_national_loader_gives_every_record_a_creation_entry():
    from django.contrib.contenttypes.models import ContentType

    from duikou.core.context import acting_as
    from duikou.core.history import history_for
    from duikou.core.models import ChangeRecord
    from duikou.funds.models import Allocation, FundPlan
    from duikou.funds.national import load_national

    with acting_as(None, "national-run-2"):
        load_national(projects=40, transactions=120, log=lambda m: None)
    for model in (Project, FundPlan, Allocation, FundTransaction):
        entries = ChangeRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(model), action="create"
        )
        assert entries.count() == model.objects.count() > 0, model
        assert set(entries.values_list("request_id", flat=True)) == {"national-run-2"}
    project = Project.objects.get(pk=1)
    entry = history_for(project).get()
    assert entry.user_name == "loader:national" and entry.object_repr == str(project)
    assert entry.changes["code"] == [None, project.code]
    assert entry.changes["budget_aid"] == [None, str(project.budget_aid)]
    allocation = Allocation.objects.select_related("plan__aiding_party", "project").first()
    assert history_for(allocation).get().object_repr == str(allocation)
    tx = FundTransaction.objects.select_related("project").first()
    assert history_for(tx).get().object_repr == str(tx)


def test_a_demo_projects_place_is_the_one_its_name_starts_with(coordinator):
    from duikou.places.choices import Level

    ctx = DemoContext(scale="tiny", log=lambda m: None)
    make_portfolio(ctx)
    projects = list(Project.objects.select_related("place"))
    assert projects
    for project in projects:
        assert project.name.startswith(project.place.name), (project.name, project.place)
        assert project.place.level != Level.REGION, project.name
