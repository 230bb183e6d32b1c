"""The training pages, menu entry, export, import and API route (core/registry.py)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.training.columns import SESSIONS
from duikou.training.filters import SessionFilterSet
from duikou.training.forms import SessionForm
from duikou.training.models import TrainingSession

_numbers = itertools.count(1)


def sample_session(party, place) -> TrainingSession:
    return TrainingSession.objects.create(
        code=f"KIT-PX-{next(_numbers)}",
        title="样例培训",
        mode="class",
        field="education",
        aiding_party=party,
        place=place,
        start_date=dt.date(2025, 5, 1),
        trainees=30,
    )


sessions = register(
    TrainingSession,
    prefix="training",
    filterset=SessionFilterSet,
    columns=[
        "title",
        "mode",
        "field",
        "aiding_party",
        "place",
        "start_date",
        "sessions",
        "trainees",
        "hours",
    ],
    columns_table=SESSIONS,
    imports=True,
    form=SessionForm,
    api_prefix="training-sessions",
    api_basename="training-session",
    nav=(_("Training"), None),
    nav_order=132,
    detail_template="training/session_detail.html",
    list_template="training/session_list.html",
    select_related=["aiding_party", "place"],
    prefetch_related=["projects"],
    ordering=["-start_date", "code"],
    sample=sample_session,
)
