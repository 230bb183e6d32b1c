"""The investment demo records, made once per test that asks for them (rolled back after)."""

from __future__ import annotations

import pytest


@pytest.fixture
def investment_demo(db):
    from duikou.core.context import acting_as
    from duikou.demo.generators import DemoContext
    from duikou.investment.demo import make_investment

    with acting_as(None):
        ctx = DemoContext(scale="tiny", log=lambda m: None)
        make_investment(ctx)
    return ctx


@pytest.fixture
def party():
    from duikou.organisations.models import AidingParty

    return lambda code: AidingParty.objects.get(code=code)


@pytest.fixture
def place():
    from duikou.places.models import Place

    return lambda code: Place.objects.get(code=code)


@pytest.fixture
def hq_shandong(db):
    """前方指挥部 of 山东, made for these tests (the shared personas are 江苏's and 北京's)."""
    from duikou.accounts.models import User
    from duikou.core.roles import Role
    from duikou.organisations.models import Organisation

    return User.objects.create_user(
        "hq_shandong_test", role=Role.HQ, organisation=Organisation.objects.get(code="HQ-370000")
    )


@pytest.fixture
def hq_shanghai(db):
    from duikou.accounts.models import User
    from duikou.core.roles import Role
    from duikou.organisations.models import Organisation

    return User.objects.create_user(
        "hq_shanghai_test", role=Role.HQ, organisation=Organisation.objects.get(code="HQ-310000")
    )
