"""The recruitment workflow (计划 → 达成意向 → 到岗) and the people figures the pages show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.scoping import can_edit
from duikou.core.workflow import Actor, Step, Workflow
from duikou.personnel.choices import Kind, PlanStatus
from duikou.personnel.models import Posting, RecruitmentPlan


def _party_side(user: Any, plan: RecruitmentPlan) -> bool:
    return can_edit(user, plan)


PARTY_SIDE = Actor("party", gettext_lazy("the aiding party of the plan"), _party_side)


def _has_intent(plan: RecruitmentPlan) -> str | None:
    return None if plan.intent else _("Enter how many reached an intent first.")


def _has_arrived(plan: RecruitmentPlan) -> str | None:
    return None if plan.arrived else _("Enter how many arrived first.")


RECRUITMENT = Workflow(
    "personnel.RecruitmentPlan",
    field="status",
    moves=[
        Step(
            PlanStatus.PLANNED,
            PlanStatus.INTENT,
            PARTY_SIDE,
            gettext_lazy("Intent reached"),
            check=_has_intent,
        ),
        Step(
            PlanStatus.INTENT,
            PlanStatus.ARRIVED,
            PARTY_SIDE,
            gettext_lazy("Arrived"),
            check=_has_arrived,
        ),
        Step(
            PlanStatus.INTENT,
            PlanStatus.PLANNED,
            PARTY_SIDE,
            gettext_lazy("Back to planned"),
            send_back=True,
        ),
    ],
)


# -- figures ----------------------------------------------------------------------------------
def on_post_by_party_kind(on: dt.date, postings=None) -> dict[tuple[int, str], int]:
    """How many are on post on `on`, by aiding party and kind: {(party id, kind): count}.
    Counts only — what every caller, anonymous included, may see."""
    qs = Posting.objects.all() if postings is None else postings
    # COUNT(*): the id is not in the index, so counting it would read the table.
    rows = qs.on_post(on).values("aiding_party_id", "kind").annotate(n=Count("*")).order_by()
    return {(r["aiding_party_id"], r["kind"]): r["n"] for r in rows}


def on_post_by_party_kind_place(on: dt.date, postings=None) -> list[dict[str, Any]]:
    """On post on `on` by party × kind × place (counts)."""
    qs = Posting.objects.all() if postings is None else postings
    return list(
        qs.on_post(on)
        .values(
            "aiding_party_id",
            "aiding_party__short_name",
            "kind",
            "place_id",
            "place__name",
        )
        .annotate(n=Count("*"))
        .order_by("aiding_party__sort_order", "kind", "place__code")
    )


def selected_since(
    year: int, *, party_id: int | None = None, kind: str | None = None, field: str | None = None
) -> int:
    """How many persons were selected (选派: a term starting) from 1 January `year` on —
    "2019年以来共选派援疆教师1181名". Each person once, however many terms."""
    qs = Posting.objects.filter(start__gte=dt.date(year, 1, 1))
    if party_id is not None:
        qs = qs.filter(aiding_party_id=party_id)
    if kind:
        qs = qs.filter(kind=kind)
    if field:
        qs = qs.filter(field=field)
    return qs.values("person_id").distinct().count()


def kind_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Kind.choices}
