"""Small builders for investment tests: 江苏 (party A) in 伊宁县, as the shared personas."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from duikou.investment.models import Lead
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.models import Place

JIANGSU, SHANDONG, SHANGHAI, BEIJING = "320000", "370000", "310000", "110000"
YINING_COUNTY, BACHU, HOTAN_CITY = "654021", "653130", "653201"
_n = itertools.count(1)


def party(code: str = JIANGSU) -> AidingParty:
    return AidingParty.objects.get(code=code)


def place(code: str = YINING_COUNTY) -> Place:
    return Place.objects.get(code=code)


def enterprise(party_code: str = JIANGSU, place_code: str = YINING_COUNTY) -> Organisation:
    n = next(_n)
    return Organisation.objects.create(
        code=f"T-ENT-{n}",
        name=f"测试企业{n}",
        kind=OrganisationKind.ENTERPRISE,
        aiding_party=party(party_code),
        place=place(place_code),
    )


def lead(**fields: Any) -> Lead:
    """A lead at 洽谈 of 江苏 in 伊宁县 (its own pairing), checked and saved."""
    values: dict[str, Any] = {
        "code": f"T-LEAD-{next(_n)}",
        "name": "测试招商项目",
        "place": place(),
        "aiding_party": party(),
        "talks_on": dt.date(2025, 3, 1),
        "planned_investment": Decimal(10_000_000),
    }
    values.update(fields)
    if "enterprise" not in values:
        values["enterprise"] = enterprise()
    obj = Lead(**values)
    obj.full_clean()
    obj.save()
    return obj


def form_data(obj: Lead | None = None, **changes: Any) -> dict[str, Any]:
    """What the lead form posts (pickers post primary keys)."""
    data: dict[str, Any] = {
        "code": obj.code if obj else f"T-FORM-{next(_n)}",
        "name": obj.name if obj else "表单招商项目",
        "enterprise": obj.enterprise_id if obj else enterprise().pk,
        "origin": "aiding_side",
        "sector": "textiles",
        "place": obj.place_id if obj else place().pk,
        "aiding_party": obj.aiding_party_id if obj else party().pk,
        "talks_on": (obj.talks_on if obj else dt.date(2025, 3, 1)).isoformat(),
        "planned_investment": "10000000",
        "jobs_planned": "0",
        "jobs_created": "0",
        "jobs_local": "0",
    }
    if obj is not None:
        data["expected_version"] = obj.version
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def api_data(**changes: Any) -> dict[str, Any]:
    """What an API client posts (references by code)."""
    data: dict[str, Any] = {
        "code": f"T-API-{next(_n)}",
        "name": "接口招商项目",
        "enterprise": enterprise().code,
        "place": YINING_COUNTY,
        "aiding_party": JIANGSU,
        "talks_on": "2025-03-01",
        "planned_investment": "10000000",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


CSV_HEADER = [
    "code",
    "name",
    "enterprise",
    "place",
    "aiding_party",
    "is_cross_pairing",
    "stage",
    "talks_on",
    "signed_on",
    "signed_amount",
    "producing_on",
    "invested_total",
    "jobs_planned",
    "jobs_created",
    "jobs_note",
]


def csv_row(**over: str) -> dict[str, str]:
    row = {key: "" for key in CSV_HEADER}
    row.update(
        code=f"T-CSV-{next(_n)}",
        name="导入招商项目",
        enterprise=enterprise().code,
        place=YINING_COUNTY,
        aiding_party=JIANGSU,
        stage="洽谈",
        talks_on="2025-03-01",
    )
    row.update(over)
    return row


def csv_file(*rows: dict[str, str]) -> bytes:
    lines = [",".join(CSV_HEADER)] + [",".join(r[k] for k in CSV_HEADER) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")
