"""What the personnel app shows on the pages of aiding parties and places: counts for everyone,
names only to those whose scope covers the people."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from duikou.core import panels
from duikou.personnel.choices import Kind
from duikou.personnel.models import Posting


def _by_kind(postings) -> list[dict[str, Any]]:
    counts = dict(postings.values_list("kind").annotate(n=Count("*")).order_by())
    return [
        {"kind": value, "label": str(label), "n": counts.get(value, 0)}
        for value, label in Kind.choices
    ]


@panels.register("organisations.AidingParty", "personnel/_party_people.html", order=30)
def party_people(request: HttpRequest, party: Any) -> dict[str, Any]:
    """People of the party on post today, by kind, with a chart (counts: public)."""
    today = timezone.localdate()
    on_post = Posting.objects.on_post(today).filter(aiding_party=party)
    kinds = _by_kind(on_post)
    soon = today + dt.timedelta(days=90)
    return {
        "party": party,
        "today": today,
        # Terms ending within 90 days: who the next batch must replace (counts: public).
        "ending_soon": on_post.filter(end__lte=soon).count(),
        "soon": soon,
        "kinds": kinds,
        "total": sum(k["n"] for k in kinds),
        "chart": {"labels": [k["label"] for k in kinds], "values": [k["n"] for k in kinds]},
    }


@panels.register("places.Place", "personnel/_place_people.html", order=30)
def place_people(request: HttpRequest, place: Any) -> dict[str, Any] | None:
    """Who is posted here (the place and below) today: the counts by party and kind for
    everyone, the names to those who may read them."""
    today = timezone.localdate()
    here = Posting.objects.on_post(today).filter(place__path__startswith=place.path)
    counts = list(
        here.values("aiding_party__short_name", "kind")
        .annotate(n=Count("id"))
        .order_by("aiding_party__short_name", "kind")
    )
    if not counts:
        return None
    labels = dict(Kind.choices)
    for row in counts:
        row["label"] = labels.get(row["kind"], row["kind"])
    named = (
        here.visible_to(request.user)
        .select_related("person", "place", "unit")
        .order_by("place__code", "kind", "person__name")[:200]
        if request.user.is_authenticated
        else []
    )
    return {"counts": counts, "total": sum(r["n"] for r in counts), "named": named, "here": place}
