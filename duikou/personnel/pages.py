"""The personnel pages, menu entries, exports, imports and API routes (see core/registry.py).

Names are read within scope only (the models' scope rules); the figures page
(`views.figures`) gives counts to everyone.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.personnel.api import PostingViewSet
from duikou.personnel.choices import Field, Kind
from duikou.personnel.columns import BATCHES, NEEDS, PERSONS, PLANS, ROSTER
from duikou.personnel.filters import (
    BatchFilterSet,
    NeedFilterSet,
    PersonFilterSet,
    PostingFilterSet,
    RecruitmentPlanFilterSet,
)
from duikou.personnel.forms import (
    BatchForm,
    NeedForm,
    PersonForm,
    PostingForm,
    RecruitmentPlanForm,
)
from duikou.personnel.models import Batch, Need, Person, Posting, RecruitmentPlan
from duikou.personnel.services import RECRUITMENT

_numbers = itertools.count(1)


def sample_batch(party, place) -> Batch:
    used = set(Batch.objects.filter(aiding_party=party).values_list("number", flat=True))
    number = next(n for n in range(99, 0, -1) if n not in used)
    return Batch.objects.create(
        aiding_party=party, number=number, start=dt.date(2023, 2, 1), end=dt.date(2026, 1, 31)
    )


def sample_person(party, place) -> Person:
    """A person of `party` on post in `place` (the place comes from the term)."""
    person = sample_posting(party, place).person
    person.refresh_from_db()
    return person


def sample_posting(party, place) -> Posting:
    n = next(_numbers)
    person = Person.objects.create(aiding_party=party, code=f"KIT-{n}", name=f"样例人员{n}")
    return Posting.objects.create(
        person=person,
        kind=Kind.PROFESSIONAL,
        field=Field.TEACHER,
        place=place,
        start=dt.date(2023, 2, 1),
        end=dt.date(2026, 1, 31),
    )


def sample_need(party, place) -> Need:
    return Need.objects.create(
        title="样例需求",
        aiding_party=party,
        place=place,
        field=Field.DOCTOR,
        number=2,
        start=dt.date(2025, 3, 1),
        end=dt.date(2025, 12, 31),
    )


def sample_plan(party, place) -> RecruitmentPlan:
    return RecruitmentPlan.objects.create(
        title="样例引才计划", aiding_party=party, place=place, year=2025, planned=10
    )


def person_context(request: HttpRequest, person: Person) -> dict[str, Any]:
    today = timezone.localdate()
    postings = (
        Posting.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("batch", "place", "unit", "previous")
        .order_by("start")
    )
    return {"postings": postings, "today": today}


def batch_context(request: HttpRequest, batch: Batch) -> dict[str, Any]:
    postings = Posting.objects.visible_to(request.user).filter(batch=batch)
    return {
        "posting_count": postings.count(),
        "next_batch": Batch.objects.filter(
            aiding_party_id=batch.aiding_party_id, number=batch.number + 1
        ).first(),
    }


def fields_context(names: list[str]):
    """A detail page's rows (label, value, link) for `names`: choices by their label, dates
    in Chinese, related records linked — so a plan or need page shows what it records."""

    def context(request: HttpRequest, obj: Any) -> dict[str, Any]:
        rows = []
        for name in names:
            field = obj._meta.get_field(name)
            value = getattr(obj, name)
            url = ""
            if field.is_relation:
                url = (
                    value.get_absolute_url()
                    if value is not None and hasattr(value, "get_absolute_url")
                    else ""
                )
            elif field.choices:
                value = getattr(obj, f"get_{name}_display")()
            elif isinstance(value, dt.date):
                value = date_format(value, "DATE_FORMAT")
            rows.append((field.verbose_name, "—" if value in (None, "") else value, url))
        return {"rows": rows}

    return context


batches = register(
    Batch,
    prefix="personnel",
    path="batches/",
    list_path="batches/",
    names={
        "list": "batches",
        "detail": "batch",
        "create": "batch_create",
        "edit": "batch_edit",
        "delete": "batch_delete",
        "history": "batch_history",
        "export": "batch_export",
        "import": "batch_import",
        "import_template": "batch_import_template",
    },
    filterset=BatchFilterSet,
    columns=["number", "name", "aiding_party", "start", "end"],
    columns_table=BATCHES,
    imports=True,
    form=BatchForm,
    api_prefix="personnel/batches",
    api_basename="batch",
    nav=(_("Batches"), None),
    nav_order=93,
    detail_template="personnel/batch_detail.html",
    select_related=["aiding_party"],
    ordering=["aiding_party__sort_order", "-number"],
    detail_context=batch_context,
    sample=sample_batch,
)

persons = register(
    Person,
    prefix="personnel",
    path="people/",
    list_path="people/",
    names={
        "list": "people",
        "detail": "person",
        "create": "person_create",
        "edit": "person_edit",
        "delete": "person_delete",
        "history": "person_history",
        "export": "person_export",
        "import": "person_import",
        "import_template": "person_import_template",
    },
    filterset=PersonFilterSet,
    columns=["code", "name", "aiding_party", "sex", "birth_year", "home_unit", "place"],
    columns_table=PERSONS,
    imports=True,
    form=PersonForm,
    api_prefix="personnel/persons",
    api_basename="person",
    nav=(_("People sent"), None),
    nav_order=91,
    detail_template="personnel/person_detail.html",
    select_related=["aiding_party", "home_unit", "place"],
    ordering=["aiding_party__sort_order", "code"],
    detail_context=person_context,
    sample=sample_person,
)

postings = register(
    Posting,
    prefix="personnel",
    path="roster/",
    list_path="roster/",
    names={
        "list": "roster",
        "detail": "posting",
        "create": "posting_create",
        "edit": "posting_edit",
        "delete": "posting_delete",
        "history": "posting_history",
        "export": "roster_export",
        "import": "roster_import",
        "import_template": "roster_import_template",
    },
    filterset=PostingFilterSet,
    columns=[
        "person",
        "aiding_party",
        "batch",
        "kind",
        "field",
        "place",
        "unit",
        "post",
        "start",
        "end",
        "status",
    ],
    columns_table=ROSTER,
    imports=True,
    form=PostingForm,
    viewset=PostingViewSet,
    api_prefix="personnel/postings",
    api_basename="posting",
    nav=(_("Roster"), None),
    nav_order=90,
    list_template="personnel/roster_list.html",
    list_context=lambda request: {"ending_by": timezone.localdate() + dt.timedelta(days=90)},
    detail_template="personnel/posting_detail.html",
    queryset_hook=lambda qs: qs.with_relations(),
    ordering=["aiding_party__sort_order", "-start", "id"],
    sample=sample_posting,
)

needs = register(
    Need,
    prefix="personnel",
    path="needs/",
    list_path="needs/",
    names={
        "list": "needs",
        "detail": "need",
        "create": "need_create",
        "edit": "need_edit",
        "delete": "need_delete",
        "history": "need_history",
        "export": "need_export",
        "import": "need_import",
        "import_template": "need_import_template",
    },
    filterset=NeedFilterSet,
    columns=["title", "aiding_party", "place", "field", "level", "number", "start", "end"],
    columns_table=NEEDS,
    imports=True,
    form=NeedForm,
    api_prefix="personnel/needs",
    api_basename="need",
    nav=(_("Talent needs"), None),
    nav_order=94,
    select_related=["aiding_party", "place", "unit"],
    ordering=["-start", "id"],
    detail_template="personnel/record_detail.html",
    detail_context=fields_context(
        [
            "aiding_party",
            "place",
            "unit",
            "field",
            "level",
            "kind",
            "number",
            "start",
            "end",
            "description",
        ]
    ),
    sample=sample_need,
)

plans = register(
    RecruitmentPlan,
    prefix="personnel",
    path="plans/",
    list_path="plans/",
    names={
        "list": "plans",
        "detail": "plan",
        "create": "plan_create",
        "edit": "plan_edit",
        "delete": "plan_delete",
        "history": "plan_history",
        "export": "plan_export",
        "import": "plan_import",
        "import_template": "plan_import_template",
        "move": "plan_move",
    },
    filterset=RecruitmentPlanFilterSet,
    columns=["title", "aiding_party", "place", "year", "planned", "intent", "arrived", "status"],
    columns_table=PLANS,
    imports=True,
    form=RecruitmentPlanForm,
    api_prefix="personnel/recruitment-plans",
    api_basename="recruitment-plan",
    nav=(_("Recruitment plans"), None),
    nav_order=92,
    select_related=["aiding_party", "place", "need"],
    ordering=["-year", "id"],
    workflow=RECRUITMENT,
    detail_template="personnel/record_detail.html",
    detail_context=fields_context(
        [
            "aiding_party",
            "place",
            "need",
            "year",
            "kind",
            "field",
            "planned",
            "intent",
            "arrived",
            "status",
            "note",
        ]
    ),
    sample=sample_plan,
)
