"""What other modules read from the teams app: service figures as indicator values.

The indicators module reads a party's or a place's 接诊人次, 手术台次, new techniques, 培训人次
and 公开课节数 for a period from here instead of having them entered again
(`figure_values`); the names and units are `choices.SERVICE_FIGURES`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet, Sum

from duikou.teams.choices import SERVICE_FIGURES
from duikou.teams.models import ServiceFigure

FIGURE_NAMES = tuple(name for name, _label, _unit in SERVICE_FIGURES)
UNITS = {name: unit for name, _label, unit in SERVICE_FIGURES}


def figures_within(start: dt.date, end: dt.date, qs: QuerySet | None = None) -> QuerySet:
    """The service figures whose period lies inside [start, end] (a period is counted whole,
    in the period it was reported for; never split across two)."""
    qs = ServiceFigure.objects.all() if qs is None else qs
    return qs.filter(period_start__gte=start, period_end__lte=end)


def figure_values(
    start: dt.date,
    end: dt.date,
    *,
    by: tuple[str, ...] = ("aiding_party", "place"),
    where: Q | None = None,
) -> list[dict[str, Any]]:
    """One row per group (`by`: "aiding_party", "place", "team", "person") and figure:
    {<group ids>, "figure", "unit", "value"} for the periods inside [start, end], zeros left
    out. One query."""
    qs = figures_within(start, end)
    if where is not None:
        qs = qs.filter(where)
    keys = [f"{name}_id" for name in by]
    rows = qs.values(*keys).annotate(**{f: Sum(f) for f in FIGURE_NAMES}).order_by(*keys)
    values = []
    for row in rows:
        for figure in FIGURE_NAMES:
            if row[figure]:
                values.append(
                    {
                        **{k: row[k] for k in keys},
                        "figure": figure,
                        "unit": UNITS[figure],
                        "value": row[figure],
                    }
                )
    return values
