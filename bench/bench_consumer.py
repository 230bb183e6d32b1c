"""Consumer aid at national scale: sales per aiding party and month over 5,000,000 entries.

Creates (or reuses) the PostgreSQL database `duikou_bench_consumer` on 127.0.0.1:5432 as user
postgres: migrated, reference data and personas, 200 channels spread over the parties, and
5,000,000 sales entries (BENCH_CONSUMER_SALES) written once with one INSERT … SELECT over
generate_series (12 years of months, eight categories, tonnes, kilograms and boxes), then the
monthly summary rebuilt once (`consumer.summary.rebuild`). A database of the right size is
reused.

`consumer.sales_by_party_month` times `services.sales_by_party_month(coordinator)` — what the
overview's figures read — which groups the summary cells (`SalesMonth`, channel × category ×
month, kept exact on every write) by party and month. The reference is the same figures as
plain SQL: a GROUP BY of the 5,000,000 entries joined to their channels. Both answers are
compared before timing.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

DB_NAME = os.environ.get("BENCH_CONSUMER_DB_NAME", "duikou_bench_consumer")
DB_URL = os.environ.get(
    "BENCH_CONSUMER_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
)
SALES = int(os.environ.get("BENCH_CONSUMER_SALES", "5000000"))
CHANNELS = 200
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
REFERENCE_RUNS = int(os.environ.get("BENCH_REFERENCE_RUNS", "3"))

REFERENCE_SQL = """
    SELECT c.aiding_party_id, date_trunc('month', s.period_end)::date AS month,
           SUM(s.amount),
           SUM(CASE s.unit WHEN 't' THEN s.volume WHEN 'kg' THEN s.volume * 0.001 ELSE 0 END)
    FROM consumer_salesentry s JOIN consumer_channel c ON c.id = s.channel_id
    GROUP BY 1, 2 ORDER BY 1, 2"""


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


def _load(sales: int) -> None:
    """200 channels, then `sales` entries in one INSERT … SELECT, then the summary."""
    from django.db import connection, transaction

    from duikou.consumer import summary
    from duikou.consumer.models import Channel
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place

    parties = list(AidingParty.objects.order_by("sort_order", "code"))
    counties = list(Place.objects.filter(level="county").order_by("code")[:40])
    with transaction.atomic():
        with connection.cursor() as cursor:  # no per-row signals for a bench reload
            cursor.execute("TRUNCATE consumer_salesentry, consumer_salesmonth")
        Channel.objects.filter(code__startswith="BENCH-").delete()
        Channel.objects.bulk_create(
            Channel(
                code=f"BENCH-{n:03d}",
                name=f"消费援疆渠道{n:03d}",
                kind=("hall", "warehouse", "online", "fair", "canteen")[n % 5],
                aiding_party=parties[n % len(parties)],
                city="城市",
                source_place=counties[n % len(counties)],
            )
            for n in range(CHANNELS)
        )
        ids = list(
            Channel.objects.filter(code__startswith="BENCH-")
            .order_by("code")
            .values_list("pk", flat=True)
        )
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute(
                """
                INSERT INTO consumer_salesentry
                    (created_at, updated_at, version, channel_id, supplier_id, category,
                     period_start, period_end, volume, unit, amount, note)
                SELECT now(), now(), 1, (%s::bigint[])[(1 + g %% %s)::int], NULL,
                       (ARRAY['dried_fruit','fresh_fruit','meat','grain_oil','dairy',
                              'vegetables','crafts','other'])[(1 + (g / 7) %% 8)::int],
                       m, (m + interval '1 month' - interval '1 day')::date,
                       ((g * 37) %% 5000) / 100.0 + 1,
                       (ARRAY['t','t','kg','box'])[(1 + (g / 3) %% 4)::int],
                       ((g * 7919) %% 2000000) / 100.0 + 1000, ''
                FROM (SELECT g,
                             (date '2015-01-01' + ((g / 11) %% 144)::int * interval '1 month')
                             ::date AS m
                      FROM generate_series(1::bigint, %s) AS g) AS series""",
                [ids, len(ids), sales],
            )
        summary.rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE consumer_salesentry")
        cursor.execute("ANALYZE consumer_salesmonth")


def _prepare(sales: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from duikou.core.context import acting_as
    from duikou.demo.generators import DemoContext, make_oversight_office, make_users
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
        cursor.execute("SELECT COUNT(*) FROM consumer_salesentry")
        have = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM consumer_salesmonth")
        cells = cursor.fetchone()[0]
    if have != sales or not cells:
        print(f"   loading {sales} sales entries …", flush=True)
        started = time.perf_counter()
        _load(sales)
        print(f"   loaded in {time.perf_counter() - started:.0f} s", flush=True)
    else:
        print(f"   reusing {DB_NAME}: {have} sales entries, {cells} summary cells")


def run() -> dict[str, dict]:
    _ensure_database()
    _setup_django()
    _prepare(SALES)

    from django.db import connection

    from duikou.accounts.models import User
    from duikou.consumer import services

    coordinator = User.objects.get(username="coordinator")

    def platform() -> list:
        return services.sales_by_party_month(coordinator)

    def reference() -> list:
        with connection.cursor() as cursor:
            cursor.execute(REFERENCE_SQL)
            return cursor.fetchall()

    ours = [(r["aiding_party"], r["month"], r["amount"], r["tonnes"]) for r in platform()]
    plain = [(p, m, Decimal(a), Decimal(t)) for p, m, a, t in reference()]
    assert [(p, m, a) for p, m, a, _t in ours] == [(p, m, a) for p, m, a, _t in plain], (
        "the summary disagrees with the entries"
    )
    value = _median_ms(platform, RUNS)
    ref = _median_ms(reference, REFERENCE_RUNS)
    return {
        "consumer.sales_by_party_month": {
            "value": round(value, 2),
            "unit": "ms",
            "reference": round(ref, 2),
            "ratio": round(value / ref, 4),
        }
    }
