"""Records for the consumer-aid tests: a channel of 江苏 selling 伊宁县's products."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from duikou.consumer.models import Channel, SalesEntry
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.models import Place

_n = itertools.count(1)


def make_channel(party_code: str = "320000", place_code: str = "654021", **over) -> Channel:
    n = next(_n)
    values = {
        "code": f"T-CH-{n}",
        "name": f"测试体验馆{n}",
        "kind": "hall",
        "aiding_party": AidingParty.objects.get(code=party_code),
        "city": "南京",
        "source_place": Place.objects.get(code=place_code),
        **over,
    }
    return Channel.objects.create(**values)


def make_supplier(place_code: str = "654021") -> Organisation:
    n = next(_n)
    return Organisation.objects.create(
        code=f"T-ENT-{n}",
        name=f"测试农产品公司{n}",
        kind=OrganisationKind.ENTERPRISE,
        place=Place.objects.get(code=place_code),
    )


def make_sale(channel: Channel, month: tuple[int, int] = (2024, 5), **over) -> SalesEntry:
    year, m = month
    end = (dt.date(year, m, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    values = {
        "channel": channel,
        "category": "dried_fruit",
        "period_start": dt.date(year, m, 1),
        "period_end": end,
        "volume": Decimal("2.5"),
        "unit": "t",
        "amount": Decimal(100000),
        **over,
    }
    return SalesEntry.objects.create(**values)
