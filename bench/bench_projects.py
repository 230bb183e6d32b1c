"""Projects and funds at national scale: the two-80 table, statistics and a filtered list.

Creates (or reuses) the PostgreSQL database `duikou_bench` on 127.0.0.1:5432 as user postgres,
loads reference data and the national dataset once (1,000,000 projects and 10,000,000
transactions unless BENCH_PROJECTS / BENCH_TRANSACTIONS say otherwise; an already loaded
database of the right size is reused), then times three pages through the Django views as a
signed-in coordinator. Each figure's reference is the same aggregate written as plain SQL
GROUP BY over the base tables of the same database; ratio = page time / reference time.
A fourth figure counts the projects in one prefecture's subtree through `within_q` (the
subtree's place ids, then the foreign-key index), against a recursive CTE over parent_id.

The pages read the portfolio summary table (party × year × category × place level ×
livelihood), kept current by the services and rebuilt by the national loader, so they do not
aggregate millions of rows per request; the list uses the (aiding_party, plan_year) index.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

DB_NAME = os.environ.get("BENCH_DB_NAME", "duikou_bench")
DB_URL = os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
REFERENCE_RUNS = int(os.environ.get("BENCH_REFERENCE_RUNS", "3"))


def _ensure_database() -> None:
    import psycopg

    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = DB_URL
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duikou.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _median_ms(work: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _prepare(projects: int, transactions: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from duikou.core.context import acting_as
    from duikou.demo.generators import DemoContext, make_oversight_office, make_users
    from duikou.funds.national import load_national, national_size
    from duikou.pairings.services import load_reference
    from duikou.places.models import Place

    call_command("migrate", verbosity=0, interactive=False)
    if not Place.objects.exists():
        load_reference()
    with acting_as(None):
        ctx = DemoContext(scale="tiny", log=lambda m: None)
        make_oversight_office(ctx)
        make_users(ctx)
    with connection.cursor() as cursor:
        have_projects, have_tx = national_size(cursor)
    # reltuples is an estimate: accept 2 percent either way.
    if have_projects != projects or abs(have_tx - transactions) > transactions * 0.02 + 10:
        print(f"   loading {projects} projects and {transactions} transactions …", flush=True)
        load_national(projects, transactions, log=lambda m: print("  ", m, flush=True))
    else:
        print(f"   reusing {DB_NAME}: {have_projects} projects, ~{have_tx} transactions")


def run() -> dict[str, dict]:
    projects = int(os.environ.get("BENCH_PROJECTS", "1000000"))
    transactions = int(os.environ.get("BENCH_TRANSACTIONS", "10000000"))
    _ensure_database()
    _setup_django()
    _prepare(projects, transactions)

    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from duikou.accounts.models import User
    from duikou.organisations.models import AidingParty
    from duikou.projects.models import Category

    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    party = AidingParty.objects.get(code="320000")
    category = Category.objects.get(code="jiaoyu")
    year = 2023
    levels = list(settings.DUIKOU_COUNTY_AND_BELOW_LEVELS)

    def page(url: str) -> Callable[[], None]:
        def get() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return get

    def sql(*statements: tuple[str, list]) -> Callable[[], None]:
        def query() -> None:
            with connection.cursor() as cursor:
                for statement, params in statements:
                    cursor.execute(statement, params)
                    cursor.fetchall()

        return query

    compliance_sql = sql(
        (
            """SELECT p.aiding_party_id, p.plan_year, pl.level = ANY(%s), p.is_livelihood,
                  SUM(p.budget_aid)
           FROM projects_project p JOIN places_place pl ON pl.id = p.place_id
           GROUP BY 1, 2, 3, 4""",
            [levels],
        )
    )
    statistics_sql = sql(
        (
            """SELECT p.aiding_party_id, p.category_id, p.plan_year, COUNT(*), SUM(p.budget_aid),
                  SUM(p.budget_aid + p.budget_local + p.budget_social + p.budget_enterprise),
                  SUM(x.disbursed), SUM(x.spent)
           FROM projects_project p LEFT JOIN (
               SELECT project_id,
                      SUM(CASE WHEN kind = 'disbursement' THEN amount ELSE 0 END) AS disbursed,
                      SUM(CASE WHEN kind = 'expenditure' THEN amount ELSE 0 END) AS spent
               FROM funds_fundtransaction GROUP BY project_id) x ON x.project_id = p.id
           GROUP BY 1, 2, 3""",
            [],
        )
    )
    where = "p.aiding_party_id = %s AND p.plan_year = %s AND p.category_id = %s"
    params = [party.pk, year, category.pk]
    list_sql = sql(
        (f"SELECT COUNT(*) FROM projects_project p WHERE {where}", params),
        (
            f"""SELECT p.*, ap.name, pl.name, c.name FROM projects_project p
                JOIN organisations_aidingparty ap ON ap.id = p.aiding_party_id
                JOIN places_place pl ON pl.id = p.place_id
                JOIN projects_category c ON c.id = p.category_id
                WHERE {where} ORDER BY p.plan_year DESC, p.code LIMIT 50""",
            params,
        ),
    )
    # Subtree queries: everything in 喀什地区 via within_q (place ids from one indexed prefix
    # match on the materialised path) against the plainest adjacency-list way, a recursive CTE.
    from duikou.places.models import Place, within_q
    from duikou.projects.models import Project

    kashgar = Place.objects.get(code="653100")

    def subtree_orm() -> None:
        Project.objects.filter(within_q("place", kashgar)).count()

    subtree_sql = sql(
        (
            """WITH RECURSIVE sub(id) AS (
                   SELECT id FROM places_place WHERE id = %s
                   UNION ALL SELECT c.id FROM places_place c JOIN sub ON c.parent_id = sub.id)
               SELECT COUNT(*) FROM projects_project p WHERE p.place_id IN (SELECT id FROM sub)""",
            [kashgar.pk],
        )
    )
    cases = {
        "places.subtree_project_count": (subtree_orm, subtree_sql),
        "projects.compliance_table": (page("/compliance/"), compliance_sql),
        "projects.statistics_party_category_year": (page("/funds/statistics/"), statistics_sql),
        "projects.filtered_list_first_page": (
            page(f"/projects/?party={party.code}&year={year}&category={category.code}"),
            list_sql,
        ),
    }
    results: dict[str, dict] = {}
    for name, (view, reference) in cases.items():
        value = _median_ms(view, RUNS, warmup=2)
        ref = _median_ms(reference, REFERENCE_RUNS)
        results[name] = {"value": value, "unit": "ms", "reference": ref, "ratio": value / ref}
    return results


if __name__ == "__main__":
    for key, figure in run().items():
        print(key, figure)
