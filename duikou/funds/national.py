"""The national-scale dataset (1M projects, 10M fund transactions) for PostgreSQL, by COPY.

Rows are generated in Python as COPY text and streamed through psycopg's `cursor.copy` in large
chunks; secondary indexes are dropped during the load and rebuilt after it, foreign-key
triggers are skipped when the role may do so, and the portfolio summary is rebuilt at the end.
Every record gets its creation entry in history, COPYed as well (`creation_copy_lines`,
attributed to "loader:national" or the acting user, under the run's request id).
The dataset replaces all projects and fund records (and their history), so it refuses to run
over hand-made projects (codes not starting with "N-").
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.core.management.base import CommandError
from django.db import connection, models, transaction

from duikou.core.history import CHANGE_RECORD_COPY_COLUMNS, creation_copy_lines
from duikou.funds.choices import PlanStatus, TransactionKind
from duikou.lib.money import wan
from duikou.projects.choices import Status

YEARS = list(range(2011, 2026))  # 15 years of the programme
CHUNK = 50_000
STARTED = [Status.APPROVED, Status.BUILDING, Status.COMPLETED, Status.ACCEPTED, Status.HANDED_OVER]
ORDER = [Status.RESERVE, Status.PLANNED, *STARTED]
SOURCE = "national"  # history shows the records as created by "loader:national"


def _tables() -> dict[str, str]:
    from duikou.funds.models import Allocation, FundPlan, FundTransaction, PortfolioSummary
    from duikou.projects.models import Attachment, ProgressReport, Project, ResultIndicator

    return {
        "project": Project._meta.db_table,
        "extra": Project.extra_places.through._meta.db_table,
        "progress": ProgressReport._meta.db_table,
        "attachment": Attachment._meta.db_table,
        "result": ResultIndicator._meta.db_table,
        "plan": FundPlan._meta.db_table,
        "allocation": Allocation._meta.db_table,
        "tx": FundTransaction._meta.db_table,
        "summary": PortfolioSummary._meta.db_table,
    }


def _links_to(tables: dict[str, str]) -> list[str]:
    """The link tables of later apps that point at the records the loader replaces (an
    exchange event's projects): emptied with them, since every record they link is replaced."""
    from django.apps import apps

    replaced = set(tables.values())
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created
        and model._meta.db_table not in replaced
        and any(
            f.many_to_one and f.related_model._meta.db_table in replaced
            for f in model._meta.concrete_fields
        )
    )


def _copy(cursor, table: str, columns: list[str], lines: Iterator[str]) -> int:
    n = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= CHUNK:
                copy.write("".join(buffer))
                n += len(buffer)
                buffer.clear()
        if buffer:
            copy.write("".join(buffer))
            n += len(buffer)
    return n


def _copy_with_history(
    cursor,
    model: type[models.Model],
    columns: list[str],
    lines: Iterator[str],
    object_repr: Callable[[dict[str, Any]], str],
) -> int:
    """COPY the lines into the model's table, then one creation entry per row into history.

    The lines are kept in a temporary file while they stream, so each row is generated once.
    """
    from duikou.core.models import ChangeRecord

    with tempfile.TemporaryFile("w+", encoding="utf-8") as kept:

        def tee() -> Iterator[str]:
            for line in lines:
                kept.write(line)
                yield line

        n = _copy(cursor, model._meta.db_table, columns, tee())
        kept.seek(0)
        _copy(
            cursor,
            ChangeRecord._meta.db_table,
            CHANGE_RECORD_COPY_COLUMNS,
            creation_copy_lines(model, columns, kept, source=SOURCE, object_repr=object_repr),
        )
    return n


def _forget_history(cursor, models_: list[type[models.Model]]) -> None:
    """The history of records the load replaces: their ids start again at 1."""
    from django.contrib.contenttypes.models import ContentType

    from duikou.core.models import ChangeRecord

    ids = [ContentType.objects.get_for_model(m, for_concrete_model=False).pk for m in models_]
    cursor.execute(
        f"DELETE FROM {ChangeRecord._meta.db_table} WHERE content_type_id = ANY(%s)", [ids]
    )


def _secondary_indexes(cursor, table: str) -> list[tuple[str, str]]:
    cursor.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           WHERE i.tablename = %s AND i.indexname NOT IN (
               SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)""",
        [table, table],
    )
    return list(cursor.fetchall())


def national_size(cursor) -> tuple[int, int]:
    t = _tables()
    cursor.execute(f"SELECT count(*) FROM {t['project']}")
    projects = cursor.fetchone()[0]
    cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [t["tx"]])
    row = cursor.fetchone()
    return projects, int(row[0]) if row else 0


def load_national(
    projects: int = 1_000_000,
    transactions: int = 10_000_000,
    log: Callable[[str], None] = print,
    seed: int = 20260101,
) -> dict[str, int]:
    from duikou.funds.models import Allocation, FundPlan, FundTransaction
    from duikou.funds.summary import rebuild
    from duikou.projects.demo import NAMES, demo_place, pairs_and_categories
    from duikou.projects.models import Attachment, ProgressReport, Project, ResultIndicator

    if connection.vendor != "postgresql":
        raise CommandError("The national dataset is loaded with PostgreSQL COPY only.")
    if Project.objects.exclude(code__startswith="N-").exists():
        raise CommandError(
            "This database holds projects that are not national demo data; the national load "
            "replaces all projects and funds, so use an empty database for it."
        )
    rng = random.Random(seed)
    t = _tables()
    pairs, categories = pairs_and_categories()
    weights = [36, 8, 20, 14, 9, 3, 3, 5, 1, 1]
    now = "2026-01-01 00:00:00+08"
    started_at = time.perf_counter()

    def took() -> str:
        return f"{time.perf_counter() - started_at:.0f} s"

    with transaction.atomic():
        raw = connection.cursor().cursor  # the psycopg cursor under Django's wrapper
        links = "".join(f"{table}, " for table in _links_to(t))
        raw.execute(
            f"TRUNCATE {links}{t['tx']}, {t['allocation']}, {t['plan']}, {t['summary']}, "
            f"{t['progress']}, {t['attachment']}, {t['result']}, {t['extra']}, {t['project']} "
            "RESTART IDENTITY"
        )
        _forget_history(
            raw,
            [
                Project,
                ProgressReport,
                Attachment,
                ResultIndicator,
                FundPlan,
                Allocation,
                FundTransaction,
            ],
        )
        try:
            raw.execute("SET LOCAL session_replication_role = replica")  # skip FK triggers
        except Exception:  # not a superuser: keep the checks, it is only slower
            log("  (foreign-key checks stay on during the load)")
        dropped: list[str] = []
        for table in (t["project"], t["tx"], t["allocation"]):
            for name, definition in _secondary_indexes(raw, table):
                raw.execute(f'DROP INDEX "{name}"')
                dropped.append(definition)

        # Projects, with ids we choose so the transactions can point at them directly.
        plan_totals: dict[tuple[int, int], Decimal] = {}
        started: list[tuple[int, int, int, int]] = []  # (id, party, year, aid in yuan)
        cat_codes = [c.code for c in categories]

        def project_lines() -> Iterator[str]:
            for pid in range(1, projects + 1):
                party, county = pairs[rng.randrange(len(pairs))]
                year = YEARS[pid % len(YEARS)]
                ci = rng.choices(range(len(categories)), weights)[0]
                cat = categories[ci]
                level_place = demo_place(county, rng)
                aid = rng.randint(5, 500) * 100_000
                age = 2025 - year
                status = (
                    ORDER[min(6, max(0, age + rng.randint(-2, 2)))]
                    if age
                    else ORDER[rng.randrange(4)]
                )
                started_date = "\\N"
                finish = "\\N"
                if status in STARTED[1:]:
                    started_date = f"{year}-04-01"
                    if status in STARTED[2:]:
                        finish = f"{year + 1}-10-31"
                if status in STARTED:
                    started.append((pid, party.pk, year, aid))
                    key = (party.pk, year)
                    plan_totals[key] = plan_totals.get(key, 0) + aid
                name = level_place.name + NAMES[cat_codes[ci]][pid % len(NAMES[cat_codes[ci]])]
                yield (
                    f"{pid}\t{now}\t{now}\t1\tN-{pid:08d}\t{name}\t{party.pk}\t\\N\t"
                    f"{level_place.pk}\t{cat.pk}\t{'t' if cat.counts_as_livelihood else 'f'}\t"
                    f"{year}\t{aid}\t{aid // 5}\t0\t0\t{status}\t{started_date}\t{finish}\t\t"
                    f"{'t' if pid % 3 == 0 and status in STARTED else 'f'}\tf\n"
                )

        n = _copy_with_history(
            raw,
            Project,
            [
                "id",
                "created_at",
                "updated_at",
                "version",
                "code",
                "name",
                "aiding_party_id",
                "implementing_organisation_id",
                "place_id",
                "category_id",
                "is_livelihood",
                "plan_year",
                "budget_aid",
                "budget_local",
                "budget_social",
                "budget_enterprise",
                "status",
                "start_date",
                "finish_date",
                "description",
                "is_published",
                "is_cross_pairing",
            ],
            project_lines(),
            lambda v: f"{v['code']} {v['name']}",
        )
        log(f"  projects: {n} ({took()})")

        plan_ids: dict[tuple[int, int], int] = {}

        def plan_lines() -> Iterator[str]:
            for index, ((party_id, year), total) in enumerate(sorted(plan_totals.items()), 1):
                plan_ids[party_id, year] = index
                yield (
                    f"{index}\t{now}\t{now}\t1\t{party_id}\t{year}\t{int(total * 1.05)}\t"
                    f"{PlanStatus.APPROVED}\t\\N\t{now}\t\n"
                )

        party_names = {party.pk: str(party) for party, _county in pairs}
        _copy_with_history(
            raw,
            FundPlan,
            [
                "id",
                "created_at",
                "updated_at",
                "version",
                "aiding_party_id",
                "year",
                "amount",
                "status",
                "approved_by_id",
                "approved_at",
                "note",
            ],
            plan_lines(),
            lambda v: f"{party_names[v['aiding_party_id']]} {v['year']}",
        )
        plan_names = {
            pk: f"{party_names[party_id]} {year}" for (party_id, year), pk in plan_ids.items()
        }

        def allocation_lines() -> Iterator[str]:
            for index, (pid, party_id, year, aid) in enumerate(started, 1):
                yield f"{index}\t{now}\t{now}\t1\t{plan_ids[party_id, year]}\t{pid}\t{aid}\t\n"

        n = _copy_with_history(
            raw,
            Allocation,
            [
                "id",
                "created_at",
                "updated_at",
                "version",
                "plan_id",
                "project_id",
                "amount",
                "note",
            ],
            allocation_lines(),
            lambda v: f"{plan_names[v['plan_id']]} → N-{v['project_id']:08d}",
        )
        log(f"  fund plans: {len(plan_ids)}, allocations: {n} ({took()})")

        # Transactions: spread over the started projects, half disbursements and half
        # expenditures; disbursed ≤ 90 percent of the allocation, spent ≤ 80 percent of that.
        per, extra = divmod(transactions, max(1, len(started)))
        disb, spend = TransactionKind.DISBURSEMENT.value, TransactionKind.EXPENDITURE.value

        def tx_lines() -> Iterator[str]:
            # Dated April to December of the plan year: after the start date (April 1st).
            tid = 0
            for index, (pid, _party, year, aid) in enumerate(started):
                k = per + (1 if index < extra else 0)
                if not k:
                    continue
                nd = max(1, k // 2)
                ne = k - nd
                out = aid * 90 // 100 // nd  # whole yuan per disbursement
                spent = out * nd * 80 // 100 // ne if ne else 0
                for j in range(nd):
                    tid += 1
                    yield (
                        f"{tid}\t{now}\t{now}\t1\t{pid}\t{disb}\t{year}-{4 + j % 9:02d}-15\t"
                        f"{out}\tN{tid}\t\n"
                    )
                for j in range(ne):
                    tid += 1
                    yield (
                        f"{tid}\t{now}\t{now}\t1\t{pid}\t{spend}\t{year}-{4 + j % 9:02d}-25\t"
                        f"{spent}\t\t\n"
                    )

        kinds = {k.value: str(k.label) for k in TransactionKind}
        n = _copy_with_history(
            raw,
            FundTransaction,
            [
                "id",
                "created_at",
                "updated_at",
                "version",
                "project_id",
                "kind",
                "date",
                "amount",
                "reference",
                "note",
            ],
            tx_lines(),
            # As FundTransaction.__str__ says it: the amount in 万元.
            lambda v: (
                f"{kinds[v['kind']]} N-{v['project_id']:08d} {v['date']} {wan(v['amount'])}万元"
            ),
        )
        log(f"  transactions: {n} ({took()})")
        for definition in dropped:
            raw.execute(definition)
        for table in ("project", "plan", "allocation", "tx"):
            raw.execute(
                f"SELECT setval(pg_get_serial_sequence('{t[table]}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {t[table]}))"
            )
        log(f"  indexes rebuilt ({took()})")
        rebuild()
        log(f"  summary rebuilt ({took()})")
    with connection.cursor() as cursor:
        for table in t.values():
            cursor.execute(f"ANALYZE {table}")
    return {"projects": projects, "transactions": transactions}
