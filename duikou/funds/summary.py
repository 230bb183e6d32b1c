"""The portfolio summary table: rebuilt per party and year whenever its sources change.

Receivers on Project, Allocation and FundTransaction saves and deletes refresh the cells of the
affected party and year (before and after the change). Bulk work wraps itself in `deferred()`
so each party-year is rebuilt once at the end; the national loader calls `rebuild()` for all.

Only projects at 批复 (approved) or later are counted (`projects.choices.COUNTED_STATUSES`):
the two 80 percent rule is about approved work, and the statistics page and a party's page
read the same cells, so all three agree. A status move across that boundary refreshes them.

Concurrent rebuilds of one party serialise on its AidingParty row (`select_for_update`, taken
before the delete), else two writers both delete and both insert the same cells. Writers take
their locks in the order plan → project → summary, so they cannot deadlock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from duikou.funds.choices import TransactionKind

Key = tuple[int, int]
_pending: ContextVar[set[Key] | None] = ContextVar("duikou_summary_pending", default=None)


def _tables() -> dict[str, str]:
    from duikou.funds.models import Allocation, FundTransaction, PortfolioSummary
    from duikou.places.models import Place
    from duikou.projects.models import Project

    return {
        "summary": PortfolioSummary._meta.db_table,
        "project": Project._meta.db_table,
        "place": Place._meta.db_table,
        "allocation": Allocation._meta.db_table,
        "tx": FundTransaction._meta.db_table,
    }


def _lock_parties(party_id: int | None) -> None:
    """Serialise rebuilds of the same party (all parties for a whole rebuild), in id order."""
    from duikou.organisations.models import AidingParty

    parties = AidingParty.objects.select_for_update().order_by("pk")
    if party_id is not None:
        parties = parties.filter(pk=party_id)
    list(parties.values_list("pk", flat=True))


def rebuild(party_id: int | None = None, year: int | None = None) -> None:
    """Recompute the summary cells of one party and year, or of everything (both None)."""
    from duikou.projects.choices import COUNTED_STATUSES

    t = _tables()
    where, params = "1=1", []
    if party_id is not None:
        where, params = "pp.aiding_party_id = %s AND pp.plan_year = %s", [party_id, year]
    counted = sorted(COUNTED_STATUSES)
    placeholders = ", ".join(["%s"] * len(counted))
    outer = where.replace("pp.", "p.") + f" AND p.status IN ({placeholders})"
    sql = f"""
        INSERT INTO {t["summary"]} (aiding_party_id, year, category_id, place_level,
            is_livelihood, projects, budget_aid, budget_total, allocated, disbursed, spent)
        SELECT p.aiding_party_id, p.plan_year, p.category_id, pl.level, p.is_livelihood,
            COUNT(*), SUM(p.budget_aid),
            SUM(p.budget_aid + p.budget_local + p.budget_social + p.budget_enterprise),
            COALESCE(SUM(a.amount), 0), COALESCE(SUM(x.disbursed), 0), COALESCE(SUM(x.spent), 0)
        FROM {t["project"]} p
        JOIN {t["place"]} pl ON pl.id = p.place_id
        LEFT JOIN (
            SELECT a.project_id, SUM(a.amount) AS amount FROM {t["allocation"]} a
            JOIN {t["project"]} pp ON pp.id = a.project_id WHERE {where} GROUP BY a.project_id
        ) a ON a.project_id = p.id
        LEFT JOIN (
            SELECT x.project_id,
                SUM(CASE WHEN x.kind = %s THEN x.amount ELSE 0 END) AS disbursed,
                SUM(CASE WHEN x.kind = %s THEN x.amount ELSE 0 END) AS spent
            FROM {t["tx"]} x JOIN {t["project"]} pp ON pp.id = x.project_id
            WHERE {where} GROUP BY x.project_id
        ) x ON x.project_id = p.id
        WHERE {outer}
        GROUP BY p.aiding_party_id, p.plan_year, p.category_id, pl.level, p.is_livelihood
    """
    kinds = [TransactionKind.DISBURSEMENT.value, TransactionKind.EXPENDITURE.value]
    with transaction.atomic(), connection.cursor() as cursor:
        _lock_parties(party_id)
        if party_id is None:
            cursor.execute(f"DELETE FROM {t['summary']}")
        else:
            cursor.execute(
                f"DELETE FROM {t['summary']} WHERE aiding_party_id = %s AND year = %s",
                [party_id, year],
            )
        cursor.execute(sql, params + kinds + params + params + counted)


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
    """Collect summary refreshes inside the block and run each party-year once at its end."""
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
def _project_key(project: Any) -> Key:
    return (project.aiding_party_id, project.plan_year)


def _project_pre_save(sender, instance, raw=False, **kw) -> None:
    snapshot = getattr(instance, "_history_snapshot", None) or {}
    instance._summary_old_key = (snapshot.get("aiding_party_id"), snapshot.get("plan_year"))


# The project fields the summary aggregates (the status decides whether a project counts); a
# save of other fields only leaves it as it is.
SUMMARY_FIELDS = frozenset(
    {
        "status",
        "aiding_party",
        "plan_year",
        "category",
        "place",
        "is_livelihood",
        "budget_aid",
        "budget_local",
        "budget_social",
        "budget_enterprise",
    }
)


def _project_changed(sender, instance, raw=False, update_fields=None, **kw) -> None:
    if raw or (update_fields is not None and not SUMMARY_FIELDS & set(update_fields)):
        return
    refresh({_project_key(instance), getattr(instance, "_summary_old_key", (None, None))})


def _child_changed(sender, instance, raw=False, **kw) -> None:
    if raw:
        return
    from duikou.projects.models import Project

    try:
        project = instance.project
    except Project.DoesNotExist:
        return
    refresh({_project_key(project)})


def _rows_written(sender, created=(), updated=(), **kw) -> None:
    """An import's bulk writes (no post_save): refresh every party-year they touch, before and
    after the change."""
    from duikou.funds.models import Allocation, FundTransaction
    from duikou.projects.models import Project

    if sender not in (Project, Allocation, FundTransaction):
        return  # another app's import (a roster) touches no fund figure
    keys: set[Key] = set()
    if sender is Project:
        keys |= {_project_key(p) for p in created}
        for project, before in updated:
            keys |= {
                _project_key(project),
                (before.get("aiding_party_id"), before.get("plan_year")),
            }
    else:
        ids = {obj.project_id for obj in created} | {obj.project_id for obj, _b in updated}
        keys |= set(Project.objects.filter(pk__in=ids).values_list("aiding_party_id", "plan_year"))
    refresh(keys)


def connect_signals() -> None:
    from duikou.core.imports import rows_written
    from duikou.funds.models import Allocation, FundTransaction
    from duikou.projects.models import Project

    rows_written.connect(_rows_written, dispatch_uid="summary.rows_written")
    pre_save.connect(_project_pre_save, sender=Project, dispatch_uid="summary.project.pre")
    post_save.connect(_project_changed, sender=Project, dispatch_uid="summary.project.save")
    post_delete.connect(_project_changed, sender=Project, dispatch_uid="summary.project.delete")
    for model in (Allocation, FundTransaction):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"summary.{model.__name__}.s")
        post_delete.connect(
            _child_changed, sender=model, dispatch_uid=f"summary.{model.__name__}.d"
        )
