"""Keeping `CoverageSpan` (a twinned place's merged periods) in step with the pairs.

Every write of a pair refreshes the spans of the recipient places it touches, before and after
the change: `post_save` / `post_delete` for pages, API and services, the import's
`rows_written` for its bulk writes; a loader that bulk-creates pairs calls `rebuild()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from duikou.twinning.choices import PairKind, PairStatus

COVERED_KINDS = (PairKind.TOWNSHIP, PairKind.VILLAGE)


def _merge(periods: list[tuple[dt.date, dt.date | None]]) -> list[tuple[dt.date, dt.date | None]]:
    merged: list[list] = []
    for start, end in sorted(periods, key=lambda p: p[0]):
        if merged and (merged[-1][1] is None or start <= merged[-1][1] + dt.timedelta(days=1)):
            last = merged[-1]
            last[1] = None if last[1] is None or end is None else max(last[1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def rebuild(place_ids: Iterable[int] | None = None) -> int:
    """Recompute the spans of these recipient places (all when None); returns the count."""
    from duikou.twinning.models import CoverageSpan, Pair

    pairs = Pair.objects.filter(
        kind__in=COVERED_KINDS, status=PairStatus.ACTIVE, recipient_place__isnull=False
    )
    spans = CoverageSpan.objects.all()
    if place_ids is not None:
        ids = sorted({i for i in place_ids if i})
        if not ids:
            return 0
        pairs = pairs.filter(recipient_place_id__in=ids)
        spans = spans.filter(place_id__in=ids)
    periods: dict[tuple, list] = {}
    for place, county, kind, start, end in pairs.values_list(
        "recipient_place_id", "recipient_county_id", "kind", "start", "end"
    ).iterator(chunk_size=10000):
        periods.setdefault((place, county, kind), []).append((start, end))
    rows = [
        CoverageSpan(place_id=place, county_id=county, kind=kind, start=start, end=end)
        for (place, county, kind), found in periods.items()
        for start, end in _merge(found)
    ]
    with transaction.atomic():
        spans.delete()
        CoverageSpan.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _pair_before_save(sender, instance, raw=False, **kw) -> None:
    before = getattr(instance, "_history_snapshot", {}) or {}
    instance._span_old_place = before.get("recipient_place_id")


def _pair_changed(sender, instance, raw=False, **kw) -> None:
    if raw:
        return
    rebuild([instance.recipient_place_id, getattr(instance, "_span_old_place", None)])


def _rows_written(sender, created=(), updated=(), **kw) -> None:
    from duikou.twinning.models import Pair

    if sender is not Pair:
        return
    ids = [p.recipient_place_id for p in created]
    for pair, before in updated:
        ids += [pair.recipient_place_id, before.get("recipient_place_id")]
    rebuild(ids)


def connect_signals() -> None:
    from duikou.core.imports import rows_written
    from duikou.twinning.models import Pair

    rows_written.connect(_rows_written, dispatch_uid="twinning.spans.rows_written")
    pre_save.connect(_pair_before_save, sender=Pair, dispatch_uid="twinning.spans.pre")
    post_save.connect(_pair_changed, sender=Pair, dispatch_uid="twinning.spans.save")
    post_delete.connect(_pair_changed, sender=Pair, dispatch_uid="twinning.spans.delete")
