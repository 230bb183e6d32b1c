"""The figures a list of pairs adds up to, per kind: pairs, and distinct units on each side
(“212个村与145个村结对”: 212 aiding villages, 145 recipient villages)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from duikou.twinning.choices import PairKind

SIDES = ("place", "organisation", "household")


def figures(pairs: QuerySet) -> list[dict[str, Any]]:
    counts = {"pairs": Count("id")}
    for side in ("aiding", "recipient"):
        for what in SIDES:
            counts[f"{side}_{what}"] = Count(f"{side}_{what}", distinct=True)
    rows = {r["kind"]: r for r in pairs.order_by().values("kind").annotate(**counts)}
    out = []
    if len(rows) > 1:  # units twinned in several kinds (河南's 90 counties) counted once
        total = pairs.order_by().aggregate(**counts)
        out.append(
            {
                "kind": "all",
                "label": _("All kinds"),
                "pairs": total["pairs"],
                "aiding": sum(total[f"aiding_{w}"] for w in SIDES),
                "recipient": sum(total[f"recipient_{w}"] for w in SIDES),
            }
        )
    for kind, label in PairKind.choices:
        row = rows.get(kind)
        if not row:
            continue
        out.append(
            {
                "kind": kind,
                "label": label,
                "pairs": row["pairs"],
                "aiding": sum(row[f"aiding_{w}"] for w in SIDES),
                "recipient": sum(row[f"recipient_{w}"] for w in SIDES),
            }
        )
    return out
