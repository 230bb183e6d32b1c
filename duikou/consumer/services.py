"""Consumer-aid figures, all computed from the records (sales from their exact monthly
summary, `SalesMonth`): by party, channel, category and month, and progress against targets.

Every read goes through `visible_to(user)`, so a party sees its own channels, a recipient the
channels selling its area's products, the coordinator everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from duikou.consumer.choices import ChannelKind, ProductCategory
from duikou.consumer.models import ZERO, Channel, Product, SalesMonth, SalesTarget
from duikou.places.models import Place, within_q

YI = Decimal(100_000_000)


def _scoped(
    qs: QuerySet, *, party_id: int | None, place: Place | None, party: str, place_lookup: str
) -> QuerySet:
    if party_id is not None:
        qs = qs.filter(**{f"{party}_id": party_id})
    if place is not None:
        qs = qs.filter(within_q(place_lookup, place))
    return qs


def months(
    user: Any, *, party_id: int | None = None, place: Place | None = None, year: int | None = None
) -> QuerySet:
    """The summary cells the caller may see, narrowed to a party, a place subtree, a year."""
    qs = _scoped(
        SalesMonth.objects.visible_to(user),
        party_id=party_id,
        place=place,
        party="aiding_party",
        place_lookup="channel__source_place",
    )
    if year is not None:
        qs = qs.filter(month__year=year)
    return qs


def sales_by_party_month(user: Any, **narrow: Any) -> list[dict[str, Any]]:
    """Sales per aiding party and month: [{aiding_party, month, amount, tonnes}] in order."""
    return list(
        months(user, **narrow)
        .values("aiding_party", "month")
        .annotate(amount=Sum("amount"), tonnes=Sum("tonnes"))
        .order_by("aiding_party", "month")
    )


@dataclass
class Totals:
    channels: int
    suppliers: int
    kinds: int
    tonnes: Decimal
    amount: Decimal
    entries: int

    @property
    def amount_yi(self) -> Decimal:
        return self.amount / YI

    @property
    def tonnes_wan(self) -> Decimal:
        return self.tonnes / 10000


def totals(
    user: Any, *, party_id: int | None = None, place: Place | None = None, year: int | None = None
) -> Totals:
    """Channels, supplier enterprises and kinds of product listed in them, tonnes and sales."""
    channels = _scoped(
        Channel.objects.visible_to(user),
        party_id=party_id,
        place=place,
        party="aiding_party",
        place_lookup="source_place",
    )
    products = _scoped(
        Product.objects.visible_to(user),
        party_id=party_id,
        place=place,
        party="channel__aiding_party",
        place_lookup="channel__source_place",
    )
    listed = products.aggregate(suppliers=Count("supplier", distinct=True), kinds=Sum("kinds"))
    sales = months(user, party_id=party_id, place=place, year=year).aggregate(
        amount=Sum("amount"), tonnes=Sum("tonnes"), entries=Sum("entries")
    )
    return Totals(
        channels=channels.count(),
        suppliers=listed["suppliers"] or 0,
        kinds=listed["kinds"] or 0,
        tonnes=sales["tonnes"] or ZERO,
        amount=sales["amount"] or ZERO,
        entries=sales["entries"] or 0,
    )


def breakdown(user: Any, by: str, **narrow: Any) -> list[dict[str, Any]]:
    """Sales grouped by "party", "channel", "category" or "month", largest first (months in
    order), each row with its label."""
    qs = months(user, **narrow)
    if by == "party":
        rows = qs.values("aiding_party", "aiding_party__name", "aiding_party__code")
    elif by == "channel":
        rows = qs.values("channel", "channel__name", "channel__kind", "channel__city")
    elif by == "category":
        rows = qs.values("category")
    elif by == "month":
        rows = qs.values("month")
    else:
        raise ValueError(by)
    rows = rows.annotate(amount=Sum("amount"), tonnes=Sum("tonnes"), entries=Sum("entries"))
    rows = rows.order_by("month") if by == "month" else rows.order_by("-amount")
    labels = {
        **dict(ProductCategory.choices),
        **{f"kind:{k}": v for k, v in ChannelKind.choices},
    }
    result = []
    for row in rows:
        if by == "party":
            row["label"] = row["aiding_party__name"]
        elif by == "channel":
            row["label"] = row["channel__name"]
            row["kind_label"] = labels.get(f"kind:{row['channel__kind']}", "")
        elif by == "category":
            row["label"] = labels.get(row["category"], row["category"])
        else:
            row["label"] = f"{row['month']:%Y-%m}"
        result.append(row)
    return result


@dataclass
class Progress:
    target: SalesTarget
    achieved: Decimal

    @property
    def share(self) -> Decimal:
        return self.achieved / self.target.amount if self.target.amount else ZERO

    @property
    def percent(self) -> Decimal:
        return (self.share * 100).quantize(Decimal("0.1"))

    @property
    def met(self) -> bool:
        return self.achieved >= self.target.amount

    @property
    def remaining(self) -> Decimal:
        return max(self.target.amount - self.achieved, ZERO)


def target_progress(
    user: Any, *, party_id: int | None = None, year: int | None = None
) -> list[Progress]:
    """Each visible target with the sales that count towards it: that year's, or for a
    cumulative target everything up to the end of its year. A target's figure is the party's
    sales in every channel the target's readers may see of that party."""
    targets = SalesTarget.objects.visible_to(user).select_related("aiding_party")
    if party_id is not None:
        targets = targets.filter(aiding_party_id=party_id)
    if year is not None:
        targets = targets.filter(year=year)
    targets = list(targets.order_by("aiding_party__sort_order", "-year"))
    if not targets:
        return []
    cells = (
        SalesMonth.objects.visible_to(user)
        .filter(aiding_party_id__in={t.aiding_party_id for t in targets})
        .values("aiding_party", "month__year")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    by_year: dict[tuple[int, int], Decimal] = {
        (c["aiding_party"], c["month__year"]): c["amount"] or ZERO for c in cells
    }
    result = []
    for t in targets:
        achieved = sum(
            (
                amount
                for (party, y), amount in by_year.items()
                if party == t.aiding_party_id and (y == t.year or (t.cumulative and y < t.year))
            ),
            ZERO,
        )
        result.append(Progress(t, achieved))
    return result


def trend(
    user: Any,
    *,
    party_id: int | None = None,
    place: Place | None = None,
    year: int | None = None,
    target: Progress | None = None,
) -> dict[str, Any]:
    """The trend chart's data: sales per month, the running total, and the target line.

    With a target, the months run up to the end of its year (from the first sale for a
    cumulative target, from January otherwise); the running total is what counts towards it.
    """
    cells = months(user, party_id=party_id, place=place)
    if target is not None:
        end = dt.date(target.target.year, 12, 1)
        cells = cells.filter(month__lte=end)
        if not target.target.cumulative:
            cells = cells.filter(month__year=target.target.year)
    elif year is not None:
        cells = cells.filter(month__year=year)
    rows = list(
        cells.values("month").annotate(amount=Sum("amount"), tonnes=Sum("tonnes")).order_by("month")
    )
    running = ZERO
    table = []
    for row in rows:
        running += row["amount"] or ZERO
        table.append(
            {
                "month": row["month"],
                "label": f"{row['month']:%Y-%m}",
                "amount": row["amount"] or ZERO,
                "tonnes": row["tonnes"] or ZERO,
                "running": running,
                "share": (running / target.target.amount) if target else None,
            }
        )
    wan = Decimal(10000)
    return {
        "rows": table,
        "chart": {
            "months": [r["label"] for r in table],
            "sales": [float((r["amount"] / wan).quantize(Decimal("0.01"))) for r in table],
            "running": [float((r["running"] / wan).quantize(Decimal("0.01"))) for r in table],
            "target": float(target.target.amount / wan) if target else None,
        },
    }
