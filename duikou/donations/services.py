"""Donation figures, and the yearly entries of an annual pledge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet, Sum

from duikou.donations.choices import Purpose
from duikou.donations.models import Donation, Pledge

ZERO = Decimal(0)


def totals(donations: QuerySet) -> dict[str, Any]:
    """Cash, in-kind value, both, people helped and count of a set of donations (yuan)."""
    sums = donations.order_by().aggregate(
        count=Count("pk"),
        cash=Sum("cash"),
        in_kind=Sum("in_kind_value"),
        people_helped=Sum("people_helped"),
        recipients=Sum("recipient_count"),
    )
    cash, in_kind = sums["cash"] or ZERO, sums["in_kind"] or ZERO
    return {
        "count": sums["count"],
        "cash": cash,
        "in_kind": in_kind,
        "total": cash + in_kind,
        "people_helped": sums["people_helped"] or 0,
        "recipients": sums["recipients"] or 0,
    }


def by_purpose(donations: QuerySet) -> list[dict[str, Any]]:
    rows = {
        r["purpose"]: r
        for r in donations.order_by()
        .values("purpose")
        .annotate(
            count=Count("pk"),
            cash=Sum("cash"),
            in_kind=Sum("in_kind_value"),
            people_helped=Sum("people_helped"),
        )
    }
    result = []
    for value, label in Purpose.choices:
        if value in rows:
            r = rows[value]
            cash, in_kind = r["cash"] or ZERO, r["in_kind"] or ZERO
            result.append(
                {
                    "label": label,
                    "count": r["count"],
                    "cash": cash,
                    "in_kind": in_kind,
                    "total": cash + in_kind,
                    "people_helped": r["people_helped"] or 0,
                }
            )
    return result


def by_year(donations: QuerySet) -> dict[int, Decimal]:
    rows = donations.order_by().values("year").annotate(cash=Sum("cash"), kind=Sum("in_kind_value"))
    return {r["year"]: (r["cash"] or ZERO) + (r["kind"] or ZERO) for r in rows}


def instalment_code(pledge: Pledge, year: int) -> str:
    return f"{pledge.code}-{year}"


def record_instalments(pledge: Pledge, through_year: int | None = None) -> list[Donation]:
    """One donation entry per pledged year up to `through_year` (default: this year) that has
    none yet; each is checked by the donation's own rules and saved (history by signals)."""
    last = through_year or dt.date.today().year
    if pledge.last_year is not None:
        last = min(last, pledge.last_year)
    made = []
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        existing = set(pledge.instalments.values_list("year", flat=True))
        for year in range(pledge.first_year, last + 1):
            if year in existing:
                continue
            donation = Donation(
                code=instalment_code(pledge, year),
                title=f"{pledge.title}（{year}年）",
                purpose=pledge.purpose,
                aiding_party=pledge.aiding_party,
                work_group=pledge.work_group,
                pair=pledge.pair,
                donor_kind=pledge.donor_kind,
                donor=pledge.donor,
                recipient_kind="unit",
                recipient=pledge.recipient,
                place=pledge.place,
                given_on=dt.date(year, 12, 31),
                cash=pledge.annual_amount,
                pledge=pledge,
                source=pledge.source,
            )
            donation.full_clean()
            donation.save()
            made.append(donation)
    return made
