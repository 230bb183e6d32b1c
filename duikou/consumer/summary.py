"""The monthly sales summary (`SalesMonth`): exact on every write path.

A (channel, month) is rebuilt from its sales entries whenever an entry of it is saved or
deleted: page and API saves and deletes through post_save/post_delete, imports through the
engine's `rows_written` signal (its bulk writes send no post_save), bulk loaders through
`rebuild()`. An edit that moves an entry to another channel or month rebuilds both. Rebuilds of
one channel serialise on its Channel row (`select_for_update`, taken before the delete), so
two writers cannot both delete and both insert; a rebuild waiting for the lock then reads the
other's committed entries (read committed), and the cells always equal a GROUP BY of the
entries. Moving a channel to another party moves its cells with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Case, Count, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_delete, post_save, pre_save

from duikou.consumer.choices import Unit

Key = tuple[int, dt.date]
CHUNK = 300


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def tonnes_expression():
    """An entry's volume in tonnes (吨 as it is, 公斤 × 0.001 — a product, so SQLite does not
    divide whole numbers; 件 and 箱 are no weight)."""
    decimal = DecimalField(max_digits=20, decimal_places=6)
    return Case(
        When(unit=Unit.TONNE, then=F("volume")),
        When(unit=Unit.KILOGRAM, then=F("volume") * Value(Decimal("0.001"), output_field=decimal)),
        default=Value(0, output_field=decimal),
        output_field=decimal,
    )


def _key(channel_id: Any, period_end: Any) -> Key | None:
    if not channel_id or not period_end:
        return None
    if isinstance(period_end, str):
        period_end = dt.date.fromisoformat(period_end)
    return (channel_id, month_of(period_end))


def refresh(keys: Iterable[Key | None]) -> None:
    """Rebuild the cells of these (channel, month) pairs from the entries."""
    from duikou.consumer.models import Channel, SalesEntry, SalesMonth

    wanted = sorted({k for k in keys if k is not None})
    if not wanted:
        return
    channels = sorted({c for c, _m in wanted})
    list(
        Channel.objects.select_for_update().filter(pk__in=channels).order_by("pk").values_list("pk")
    )
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        cells, entries = Q(), Q()
        for channel, month in chunk:
            cells |= Q(channel_id=channel, month=month)
            entries |= Q(
                channel_id=channel, period_end__gte=month, period_end__lt=next_month(month)
            )
        SalesMonth.objects.filter(cells).delete()
        rows = (
            SalesEntry.objects.filter(entries)
            .annotate(month=TruncMonth("period_end"))
            .values("channel_id", "channel__aiding_party_id", "category", "month")
            .annotate(n=Count("id"), total=Sum("amount"), weight=Sum(tonnes_expression()))
            .order_by()
        )
        SalesMonth.objects.bulk_create(
            SalesMonth(
                aiding_party_id=r["channel__aiding_party_id"],
                channel_id=r["channel_id"],
                category=r["category"],
                month=r["month"],
                entries=r["n"],
                amount=r["total"] or 0,
                tonnes=r["weight"] or 0,
            )
            for r in rows
        )


def rebuild() -> None:
    """Every cell from every entry, in one INSERT … SELECT (bulk loaders, the bench)."""
    from duikou.consumer.models import Channel, SalesEntry, SalesMonth

    summary, sales, channel = (
        SalesMonth._meta.db_table,
        SalesEntry._meta.db_table,
        Channel._meta.db_table,
    )
    if connection.vendor == "postgresql":
        month = "date_trunc('month', s.period_end)::date"
    else:
        month = "date(s.period_end, 'start of month')"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {summary}")
        cursor.execute(
            f"""INSERT INTO {summary}
                  (aiding_party_id, channel_id, category, month, entries, amount, tonnes)
                SELECT c.aiding_party_id, s.channel_id, s.category, {month}, COUNT(*),
                       SUM(s.amount),
                       SUM(CASE s.unit WHEN %s THEN s.volume WHEN %s THEN s.volume * 0.001
                           ELSE 0 END)
                FROM {sales} s JOIN {channel} c ON c.id = s.channel_id
                GROUP BY c.aiding_party_id, s.channel_id, s.category, {month}""",
            [Unit.TONNE.value, Unit.KILOGRAM.value],
        )


# -- receivers -----------------------------------------------------------------------------
def _entry_saving(sender, instance, raw=False, **kw) -> None:
    """Remember the cell the entry was in as loaded (history's snapshot), before it moves."""
    snapshot = getattr(instance, "_history_snapshot", None) or {}
    instance._summary_before = _key(snapshot.get("channel_id"), snapshot.get("period_end"))


def _entry_changed(sender, instance, raw=False, **kw) -> None:
    if raw:
        return
    now = _key(instance.channel_id, instance.period_end)
    refresh([now, getattr(instance, "_summary_before", None)])


def _rows_written(sender, created=(), updated=(), **kw) -> None:
    from duikou.consumer.models import SalesEntry

    if sender is not SalesEntry:
        return
    keys = [_key(o.channel_id, o.period_end) for o in created]
    for obj, before in updated:
        keys += [
            _key(obj.channel_id, obj.period_end),
            _key(before.get("channel_id"), before.get("period_end")),
        ]
    refresh(keys)


def _channel_saved(sender, instance, raw=False, created=False, **kw) -> None:
    from duikou.consumer.models import SalesMonth

    if raw or created:
        return
    SalesMonth.objects.filter(channel=instance).exclude(
        aiding_party_id=instance.aiding_party_id
    ).update(aiding_party_id=instance.aiding_party_id)


def connect_signals() -> None:
    from duikou.consumer.models import Channel, SalesEntry
    from duikou.core.imports import rows_written

    rows_written.connect(_rows_written, dispatch_uid="consumer.rows_written")
    pre_save.connect(_entry_saving, sender=SalesEntry, dispatch_uid="consumer.entry.pre")
    post_save.connect(_entry_changed, sender=SalesEntry, dispatch_uid="consumer.entry.save")
    post_delete.connect(_entry_changed, sender=SalesEntry, dispatch_uid="consumer.entry.delete")
    post_save.connect(_channel_saved, sender=Channel, dispatch_uid="consumer.channel.save")
