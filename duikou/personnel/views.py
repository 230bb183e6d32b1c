"""Figures (counts for everyone) and the hand-over from one batch to the next."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from duikou.core.columns import INTEGER
from duikou.core.exports import OutColumn, table_response
from duikou.organisations.models import AidingParty
from duikou.personnel.choices import Field, Kind
from duikou.personnel.models import Batch, Posting
from duikou.personnel.services import on_post_by_party_kind
from duikou.places.choices import Level as PlaceLevel
from duikou.places.models import Place, within_q


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


def _pivot(cells: dict[tuple[Any, str], int], keys: list[Any], columns: list[str]) -> dict:
    """Rows of `keys` × `columns` from {(key, column): n}, with row and column totals (sums)."""
    rows = []
    for key in keys:
        values = [cells.get((key, c), 0) for c in columns]
        rows.append({"key": key, "values": values, "total": sum(values)})
    totals = [sum(r["values"][i] for r in rows) for i in range(len(columns))]
    return {"rows": rows, "totals": totals, "total": sum(totals)}


def _chart(pivot: dict, labels: list[str], columns: list[tuple[str, str]]) -> dict:
    """A horizontal bar chart of a pivot: one bar series per column (kind)."""
    series = [
        {"name": str(label), "data": [r["values"][i] for r in pivot["rows"]][::-1]}
        for i, (_code, label) in enumerate(columns)
    ]
    # Tall enough for every party's bars, short for one party.
    height = min(max(160, 60 + 22 * len(labels)), 520)
    return {"labels": labels[::-1], "series": series, "horizontal": True, "height": height}


def _export(name: str, title: str, head: list[str], rows: list[list[Any]], fmt: str):
    columns = [OutColumn(head[0], None, width=18)] + [
        OutColumn(h, None, INTEGER, total=True, width=12) for h in head[1:]
    ]
    return table_response(f"people-{name}", columns, rows, fmt, title=title)


def figures(request: HttpRequest) -> HttpResponse:
    """On post at a date as party × kind (and county × kind for a chosen party or place), and
    selected (选派) since a year as party × kind and party × kind × field, with totals, charts
    and exports. Counts only: open to everyone, names never."""
    today = timezone.localdate()
    on = _date(request.GET.get("on"), today)
    since = _int(request.GET.get("since"), 2019, 1950, 2100)
    party_code = request.GET.get("party") or ""
    party = AidingParty.objects.filter(code=party_code).first() if party_code else None
    place_code = request.GET.get("place") or ""
    place = Place.objects.filter(code=place_code).first() if place_code else None
    postings = Posting.objects.all()
    if party is not None:
        postings = postings.filter(aiding_party=party)
    if place is not None:
        postings = postings.filter(within_q("place", place))
    kinds = [(value, str(label)) for value, label in Kind.choices]
    kind_codes = [k for k, _label in kinds]
    parties = list(AidingParty.objects.order_by("sort_order", "code"))
    by_id = {p.pk: p for p in parties}

    # On post at the date: party × kind.
    on_post = on_post_by_party_kind(on, postings)
    on_parties = [p for p in parties if any((p.pk, k) in on_post for k in kind_codes)]
    on_pivot = _pivot(on_post, [p.pk for p in on_parties], kind_codes)
    for row in on_pivot["rows"]:
        row["party"] = by_id[row["key"]]

    # On post by place, for a chosen party or place.
    place_pivot = None
    if party is not None or place is not None:
        cells = {
            (r["place_id"], r["kind"]): r["n"]
            for r in postings.on_post(on)
            .values("place_id", "kind")
            .annotate(n=Count("*"))
            .order_by()
        }
        places = list(
            Place.everywhere.filter(pk__in={k for k, _kind in cells}).select_related("parent")
        )
        place_pivot = _pivot(cells, [p.pk for p in places], kind_codes)
        names = {p.pk: p for p in places}
        for row in place_pivot["rows"]:
            row["place"] = names[row["key"]]

    # Selected since the year: party × kind (persons), and party × kind × field.
    start = dt.date(since, 1, 1)
    selected = postings.filter(start__gte=start)
    by_kind = {
        (r["aiding_party_id"], r["kind"]): r["n"]
        for r in selected.values("aiding_party_id", "kind")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    }
    per_party = {
        r["aiding_party_id"]: r["n"]
        for r in selected.values("aiding_party_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    }
    sel_parties = [p for p in parties if p.pk in per_party]
    sel_pivot = _pivot(by_kind, [p.pk for p in sel_parties], kind_codes)
    for row in sel_pivot["rows"]:
        row["party"] = by_id[row["key"]]
        # Each person once, however many kinds: the row total is the persons, not the sum.
        row["total"] = per_party[row["key"]]
    selected_total = selected.values("person_id").distinct().count()
    sel_pivot["total"] = selected_total

    fields = [(value, str(label)) for value, label in Field.choices]
    by_field = {
        (r["aiding_party_id"], r["kind"], r["field"]): r["n"]
        for r in selected.values("aiding_party_id", "kind", "field")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    }
    used_fields = [f for f in fields if any(key[2] == f[0] for key in by_field)]
    # With a party chosen: its kinds × fields; otherwise parties × fields (kinds together).
    field_rows = []
    if party is not None:
        for code, label in kinds:
            values = [by_field.get((party.pk, code, f), 0) for f, _label in used_fields]
            if any(values):
                field_rows.append({"label": label, "key": f"{party.code}-{code}", "values": values})
    else:
        per_field = {
            (r["aiding_party_id"], r["field"]): r["n"]
            for r in selected.values("aiding_party_id", "field")
            .annotate(n=Count("person_id", distinct=True))
            .order_by()
        }
        for p in sel_parties:
            values = [per_field.get((p.pk, f), 0) for f, _label in used_fields]
            field_rows.append({"label": p.short_name or p.name, "key": p.code, "values": values})
    for row in field_rows:
        row["cells"] = [
            {"field": f, "n": v} for (f, _label), v in zip(used_fields, row["values"], strict=True)
        ]
    field_totals = [sum(r["values"][i] for r in field_rows) for i in range(len(used_fields))]

    fmt = request.GET.get("format") or ""
    table = request.GET.get("export") or ""
    if fmt in ("csv", "xlsx") and table:
        total = str(_("Total"))
        if table == "on-post":
            head = [str(_("Aiding party"))] + [label for _code, label in kinds] + [total]
            body = [
                [r["party"].short_name or r["party"].name, *r["values"], r["total"]]
                for r in on_pivot["rows"]
            ]
            return _export(table, str(_("On post")), head, body, fmt)
        if table == "places" and place_pivot is not None:
            head = [str(_("Posting place"))] + [label for _code, label in kinds] + [total]
            body = [[str(r["place"]), *r["values"], r["total"]] for r in place_pivot["rows"]]
            return _export(table, str(_("On post by place")), head, body, fmt)
        if table == "selected":
            head = [str(_("Aiding party"))] + [label for _code, label in kinds] + [total]
            body = [
                [r["party"].short_name or r["party"].name, *r["values"], r["total"]]
                for r in sel_pivot["rows"]
            ]
            return _export(table, str(_("Selected")), head, body, fmt)
        if table == "fields":
            head = [str(_("Kind") if party else _("Aiding party"))]
            head += [label for _f, label in used_fields]
            body = [[r["label"], *r["values"]] for r in field_rows]
            return _export(table, str(_("By field")), head, body, fmt)
    query = {k: v for k, v in request.GET.items() if k in ("on", "since", "party", "place") and v}
    context = {
        "on": on,
        "since": since,
        "party": party,
        "place": place,
        "parties": parties,
        "places": _place_choices(),
        "kinds": kinds,
        "on_pivot": on_pivot,
        "on_post_total": on_pivot["total"],
        "place_pivot": place_pivot,
        "sel_pivot": sel_pivot,
        "selected_total": selected_total,
        "used_fields": used_fields,
        "field_rows": field_rows,
        "field_head": _("Kind") if party else _("Aiding party"),
        "field_totals": field_totals,
        "on_chart": _chart(on_pivot, [p.short_name or p.name for p in on_parties], kinds),
        "sel_chart": _chart(sel_pivot, [p.short_name or p.name for p in sel_parties], kinds),
        "export_query": urlencode(query),
    }
    return render(request, "personnel/figures.html", context)


def _place_choices() -> list[Place]:
    """The prefectures and counties people are posted to, in tree order."""
    used = Posting.objects.values_list("place__path", flat=True).distinct()
    codes: set[str] = set()
    for path in used:
        parts = path.rstrip("/").split("/")
        codes.update(parts[1:3])  # below the region: the prefecture, then the county
    return list(
        Place.everywhere.filter(
            code__in=codes, level__in=(PlaceLevel.PREFECTURE, PlaceLevel.COUNTY)
        ).order_by("path")
    )


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
        # How many terms each batch has (counts are public), so that names outside the
        # caller's scope read as "not shown", not as nobody.
        "outgoing_count": Posting.objects.filter(batch=outgoing).count(),
        "incoming_count": Posting.objects.filter(batch=incoming).count() if incoming else 0,
    }
    return render(request, "personnel/handover.html", context)
