"""Exchange figures per credited party, year and kind: rebuilt whenever their events change.

An event credits its lead organiser and each co-organiser once (a party named twice is one
credit); a national total counts each event once (`services.national_totals`). Receivers on
event saves, deletes and co-organiser edits, and the import's `rows_written` signal, rebuild
the cells of every party-year touched, before and after the change. Bulk loaders call
`rebuild()` for everything. Rebuilds of one party serialise on its AidingParty row, as the
funds summary does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

Key = tuple[int, int]
_pending: ContextVar[set[Key] | None] = ContextVar("duikou_exchanges_pending", default=None)

FIGURES = ("batches", "sessions", "lessons", "person_times", "persons", "beneficiaries")


def _tables() -> dict[str, str]:
    from duikou.exchanges.models import Event, PartyYear

    return {
        "summary": PartyYear._meta.db_table,
        "event": Event._meta.db_table,
        "partners": Event.partners.through._meta.db_table,
    }


def _sums() -> str:
    return ", ".join(f"COALESCE(SUM(e.{name}), 0)" for name in FIGURES)


def rebuild(party_id: int | None = None, year: int | None = None) -> None:
    """Recompute the cells of one party and year, or all cells (both None)."""
    from duikou.organisations.models import AidingParty

    t = _tables()
    columns = "aiding_party_id, year, kind, events, " + ", ".join(FIGURES)
    with transaction.atomic(), connection.cursor() as cursor:
        parties = AidingParty.objects.select_for_update().order_by("pk")
        if party_id is not None:
            parties = parties.filter(pk=party_id)
        list(parties.values_list("pk", flat=True))
        if party_id is None:
            cursor.execute(f"DELETE FROM {t['summary']}")
            cursor.execute(
                f"""INSERT INTO {t["summary"]} ({columns})
                SELECT c.party_id, e.year, e.kind, COUNT(*), {_sums()}
                FROM (SELECT id AS event_id, aiding_party_id AS party_id FROM {t["event"]}
                      UNION
                      SELECT event_id, aidingparty_id FROM {t["partners"]}) c
                JOIN {t["event"]} e ON e.id = c.event_id
                GROUP BY c.party_id, e.year, e.kind"""
            )
            return
        cursor.execute(
            f"DELETE FROM {t['summary']} WHERE aiding_party_id = %s AND year = %s",
            [party_id, year],
        )
        cursor.execute(
            f"""INSERT INTO {t["summary"]} ({columns})
            SELECT %s, e.year, e.kind, COUNT(*), {_sums()}
            FROM {t["event"]} e
            WHERE e.id IN (
                SELECT id FROM {t["event"]} WHERE aiding_party_id = %s AND year = %s
                UNION
                SELECT p.event_id FROM {t["partners"]} p
                JOIN {t["event"]} x ON x.id = p.event_id
                WHERE p.aidingparty_id = %s AND x.year = %s)
            GROUP BY e.year, e.kind""",
            [party_id, party_id, year, party_id, year],
        )


def refresh(keys: Iterable[Key]) -> None:
    keys = {k for k in keys if k[0] is not None and k[1] is not None}
    pending = _pending.get()
    if pending is not None:
        pending.update(keys)
        return
    for party_id, year in sorted(keys):
        rebuild(party_id, year)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect refreshes inside the block; rebuild each party-year once at its end."""
    if _pending.get() is not None:
        yield
        return
    keys: set[Key] = set()
    token = _pending.set(keys)
    try:
        yield
    finally:
        _pending.reset(token)
    refresh(keys)


# -- receivers ------------------------------------------------------------------------------
def _keys(parties: Iterable[int | None], years: Iterable[int | None]) -> set[Key]:
    return {(p, y) for p in parties for y in years if p is not None and y is not None}


def _partner_ids(event: Any) -> set[int]:
    if event.pk is None:
        return set()
    return set(
        event.partners.through.objects.filter(event_id=event.pk).values_list(
            "aidingparty_id", flat=True
        )
    )


def _pre_save(sender, instance, raw=False, **kw) -> None:
    snapshot = getattr(instance, "_history_snapshot", None) or {}
    instance._summary_old = (snapshot.get("aiding_party_id"), snapshot.get("year"))


def _saved(sender, instance, raw=False, **kw) -> None:
    if raw:
        return
    old_party, old_year = getattr(instance, "_summary_old", (None, None))
    parties = {instance.aiding_party_id, old_party, *_partner_ids(instance)}
    refresh(_keys(parties, {instance.year, old_year}))


def _pre_delete(sender, instance, **kw) -> None:
    instance._summary_parties = {instance.aiding_party_id, *_partner_ids(instance)}


def _deleted(sender, instance, **kw) -> None:
    refresh(
        _keys(getattr(instance, "_summary_parties", {instance.aiding_party_id}), {instance.year})
    )


def _partners_changed(sender, instance, action, pk_set=None, reverse=False, **kw) -> None:
    from duikou.exchanges.models import Event

    if action == "pre_clear":
        instance._summary_cleared = _partner_ids(instance) if not reverse else set()
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # a party's events changed: instance is the party, pk_set the events
        events = Event.objects.filter(pk__in=pk_set or ()).values_list("year", flat=True)
        refresh(_keys({instance.pk}, set(events)))
        return
    parties = set(pk_set or ()) | getattr(instance, "_summary_cleared", set())
    refresh(_keys(parties, {instance.year}))


def _rows_written(sender, created=(), updated=(), **kw) -> None:
    """An import's bulk writes: every party-year its events credit, before and after."""
    from duikou.exchanges.models import Event

    if sender is not Event:
        return
    events = [*created, *(obj for obj, _before in updated)]
    through = Event.partners.through.objects.filter(event_id__in=[e.pk for e in events])
    partners: dict[int, set[int]] = {}
    for event_id, party_id in through.values_list("event_id", "aidingparty_id"):
        partners.setdefault(event_id, set()).add(party_id)
    keys: set[Key] = set()
    for event in events:
        keys |= _keys({event.aiding_party_id, *partners.get(event.pk, ())}, {event.year})
    if updated:
        # A file may have dropped co-organisers, whose ids are gone: every party with cells
        # in the years the updated rows had or have now is rebuilt.
        from duikou.exchanges.models import PartyYear

        years = {y for obj, before in updated for y in (before.get("year"), obj.year)}
        cells = PartyYear.objects.filter(year__in=years).values_list("aiding_party_id", "year")
        keys |= set(cells)
        for obj, before in updated:
            keys |= _keys({before.get("aiding_party_id"), obj.aiding_party_id}, years)
    refresh(keys)


def connect_signals() -> None:
    from duikou.core.imports import rows_written
    from duikou.exchanges.models import Event

    rows_written.connect(_rows_written, dispatch_uid="exchanges.rows_written")
    pre_save.connect(_pre_save, sender=Event, dispatch_uid="exchanges.event.pre")
    post_save.connect(_saved, sender=Event, dispatch_uid="exchanges.event.save")
    pre_delete.connect(_pre_delete, sender=Event, dispatch_uid="exchanges.event.pre_delete")
    post_delete.connect(_deleted, sender=Event, dispatch_uid="exchanges.event.delete")
    m2m_changed.connect(
        _partners_changed, sender=Event.partners.through, dispatch_uid="exchanges.partners"
    )
