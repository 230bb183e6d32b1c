"""Demo data: a plausible tiny portfolio, and national scale refused on SQLite."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError
from django.db import connection

from duikou.demo.generators import DemoContext
from duikou.funds.compliance import compliance
from duikou.funds.models import FundTransaction
from duikou.funds.services import project_money
from duikou.projects.demo import make_portfolio
from duikou.projects.models import Project

pytestmark = pytest.mark.django_db


def test_the_tiny_portfolio_respects_the_money_rules(coordinator):
    make_portfolio(DemoContext(scale="tiny", log=lambda m: None))
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
        make_portfolio(DemoContext(scale="national", log=lambda m: None))
