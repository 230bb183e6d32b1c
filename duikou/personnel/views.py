"""Figures (counts for everyone) and the hand-over from one batch to the next."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateparse import parse_date

from duikou.organisations.models import AidingParty
from duikou.personnel.choices import Field, Kind
from duikou.personnel.models import Batch, Posting
from duikou.personnel.services import on_post_by_party_kind_place, selected_since


def _date(value: str | None, default: dt.date) -> dt.date:
    try:
        parsed = parse_date(value or "")
    except ValueError:
        parsed = None
    return parsed or default


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value or default)
    except ValueError:
        return default
    return min(max(number, low), high)


def figures(request: HttpRequest) -> HttpResponse:
    """On post by party × kind × place at a date, and selected (选派) since a year, by party,
    kind and field. Counts only: open to everyone, names never."""
    today = timezone.localdate()
    on = _date(request.GET.get("on"), today)
    since = _int(request.GET.get("since"), 2019, 1950, 2100)
    party_code = request.GET.get("party") or ""
    party = AidingParty.objects.filter(code=party_code).first() if party_code else None
    postings = Posting.objects.all()
    if party is not None:
        postings = postings.filter(aiding_party=party)
    rows = on_post_by_party_kind_place(on, postings)
    kinds = dict(Kind.choices)
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
    by_field = (
        postings.filter(start__gte=dt.date(since, 1, 1))
        .values(
            "aiding_party__code",
            "aiding_party__short_name",
            "aiding_party__sort_order",
            "kind",
            "field",
        )
        .annotate(n=Count("person_id", distinct=True))
        .order_by("aiding_party__sort_order", "kind", "field")
    )
    fields = dict(Field.choices)
    selected = [
        {
            "party": r["aiding_party__short_name"],
            "key": f"{r['aiding_party__code']}-{r['kind']}-{r['field']}",
            "kind": kinds.get(r["kind"], r["kind"]),
            "field": fields.get(r["field"], r["field"]),
            "n": r["n"],
        }
        for r in by_field
    ]
    context = {
        "on": on,
        "since": since,
        "party": party,
        "parties": AidingParty.objects.order_by("sort_order"),
        "rows": rows,
        "on_post_total": sum(r["n"] for r in rows),
        "selected": selected,
        "selected_total": selected_since(since, party_id=party.pk if party else None),
    }
    return render(request, "personnel/figures.html", context)


@login_required
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand-over from a batch to the next: the outgoing batch's terms and when they end, and
    the incoming batch's terms (names within the caller's scope only)."""
    outgoing = get_object_or_404(Batch.objects.visible_to(request.user), pk=pk)
    incoming = Batch.objects.filter(
        aiding_party_id=outgoing.aiding_party_id, number=outgoing.number + 1
    ).first()
    visible = Posting.objects.visible_to(request.user).with_relations()
    context = {
        "object": outgoing,
        "incoming": incoming,
        "outgoing_postings": visible.filter(batch=outgoing).order_by("end", "place__code"),
        "incoming_postings": (
            visible.filter(batch=incoming).order_by("start", "place__code") if incoming else []
        ),
    }
    return render(request, "personnel/handover.html", context)
