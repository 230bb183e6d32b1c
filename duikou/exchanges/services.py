"""Figures of exchange events: per credited party and year (from the summary), and the totals
of any filtered set of events, each event counted once."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet, Sum

from duikou.exchanges.choices import EventKind
from duikou.exchanges.models import Event, PartyYear
from duikou.exchanges.summary import FIGURES


def person_times_by_party_year(user: Any = None) -> dict[tuple[int, int], int]:
    """{(party id, year): 人次} for every party the caller may see the figures of (all for
    `user=None`, the briefing's own use): each event once per party it credits."""
    cells = PartyYear.objects.all() if user is None else PartyYear.objects.visible_to(user)
    rows = cells.values("aiding_party_id", "year").annotate(total=Sum("person_times"))
    return {(r["aiding_party_id"], r["year"]): r["total"] for r in rows.order_by()}


def party_years(user: Any, party_id: int | None = None) -> list[dict[str, Any]]:
    """Per credited party and year: events and every figure (from the summary)."""
    cells = PartyYear.objects.visible_to(user)
    if party_id is not None:
        cells = cells.filter(aiding_party_id=party_id)
    sums = {name: Sum(name) for name in ("events", *FIGURES)}
    return list(
        cells.values("aiding_party_id", "aiding_party__name", "year")
        .annotate(**sums)
        .order_by("-year", "aiding_party__sort_order")
    )


def totals(events: QuerySet) -> dict[str, int]:
    """Events and figures of a set of events, each event once (人次 and 人 apart)."""
    sums = events.order_by().aggregate(events=Count("pk"), **{n: Sum(n) for n in FIGURES})
    return {k: v or 0 for k, v in sums.items()}


def by_kind(events: QuerySet) -> list[dict[str, Any]]:
    """The figures of a set of events per kind, each event once, kinds in their order."""
    labels = dict(EventKind.choices)
    rows = (
        events.order_by()
        .values("kind")
        .annotate(events=Count("pk"), **{n: Sum(n) for n in FIGURES})
    )
    found = {r["kind"]: r for r in rows}
    result = []
    for kind in EventKind.values:
        if kind in found:
            row = {k: (v or 0) if k != "kind" else v for k, v in found[kind].items()}
            result.append({**row, "label": labels[kind]})
    return result


def by_credited_party(events: QuerySet) -> list[dict[str, Any]]:
    """The figures of a set of events per credited party: lead and co-organisers, each
    event once per party (a party both lead and co-organiser is credited once)."""
    from duikou.organisations.models import AidingParty

    ids = list(events.order_by().values_list("pk", flat=True))
    credits: dict[int, set[int]] = defaultdict(set)
    for pk, party_id in Event.objects.filter(pk__in=ids).values_list("pk", "aiding_party_id"):
        credits[party_id].add(pk)
    through = Event.partners.through.objects.filter(event_id__in=ids)
    for pk, party_id in through.values_list("event_id", "aidingparty_id"):
        credits[party_id].add(pk)
    parties = AidingParty.objects.in_bulk(list(credits))
    rows = []
    for party_id, event_ids in credits.items():
        figures = totals(Event.objects.filter(pk__in=event_ids))
        rows.append({"party": parties[party_id], **figures})
    rows.sort(key=lambda r: (r["party"].sort_order, r["party"].code))
    return rows
