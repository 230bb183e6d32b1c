"""Training figures: trainee person-times (人次) per party and year, cumulated over a period."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet, Sum

from duikou.training.choices import Field, Mode

FIGURES = ("sessions", "trainees", "persons", "hours")


def totals(sessions: QuerySet) -> dict[str, Any]:
    sums = sessions.order_by().aggregate(count=Count("pk"), **{n: Sum(n) for n in FIGURES})
    return {k: v or 0 for k, v in sums.items()}


def by_choice(sessions: QuerySet, name: str) -> list[dict[str, Any]]:
    """Figures per mode or field, in the choices' order."""
    choices = {"mode": Mode, "field": Field}[name]
    rows = {
        r[name]: r
        for r in sessions.order_by()
        .values(name)
        .annotate(count=Count("pk"), **{n: Sum(n) for n in FIGURES})
    }
    return [
        {**{k: v or 0 for k, v in rows[value].items() if k != name}, "label": label}
        for value, label in choices.choices
        if value in rows
    ]


def cumulative_by_party(sessions: QuerySet) -> dict[str, Any]:
    """人次 per party and year, with each party's cumulative total over the years shown."""
    from duikou.organisations.models import AidingParty

    cells: dict[int, dict[int, int]] = defaultdict(dict)
    rows = sessions.order_by().values("aiding_party_id", "year").annotate(total=Sum("trainees"))
    for row in rows:
        cells[row["aiding_party_id"]][row["year"]] = row["total"] or 0
    years = sorted({y for per_year in cells.values() for y in per_year})
    parties = AidingParty.objects.in_bulk(list(cells))
    table = []
    for party_id, per_year in cells.items():
        running, cumulative = 0, []
        for year in years:
            running += per_year.get(year, 0)
            cumulative.append(running)
        table.append(
            {
                "party": parties[party_id],
                "per_year": [per_year.get(y, 0) for y in years],
                "cumulative": cumulative,
                "total": running,
            }
        )
    table.sort(key=lambda r: (r["party"].sort_order, r["party"].code))
    return {"years": years, "rows": table}
