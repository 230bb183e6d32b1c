"""The investment funnel at size: 100,000 leads, per credited party and year.

Creates (or reuses) the PostgreSQL database `duikou_bench_investment` on 127.0.0.1:5432 as
user postgres, migrates it, loads reference data once and 100,000 leads (BENCH_LEADS) with
bulk_create: every party's counties, 2016–2025, stages spread 洽谈 … 投产 and 终止, one lead in
ten cross-pairing work.

- `investment.funnel_by_party_year`: `services.funnel_by_party_year(Lead.objects.all())`, the
  national table of the funnel page (count and amount reached and now at each stage, per
  credited party and year; two GROUP BY queries with conditional aggregates, merged).
  Reference: the same two statements written by hand as plain SQL, fetched with a cursor.

Figures are medians of BENCH_INVESTMENT_RUNS runs (default 7) after one warm-up.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

DB_NAME = os.environ.get("BENCH_INVESTMENT_DB_NAME", "duikou_bench_investment")
DB_URL = os.environ.get(
    "BENCH_INVESTMENT_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
)
LEADS = int(os.environ.get("BENCH_LEADS", "100000"))
RUNS = int(os.environ.get("BENCH_INVESTMENT_RUNS", "7"))
PREFIX = "BX-"


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


def _prepare() -> None:
    from django.core.management import call_command
    from django.db import connection

    from duikou.investment.models import Lead
    from duikou.organisations.choices import OrganisationKind
    from duikou.organisations.models import Organisation
    from duikou.pairings.models import Pairing
    from duikou.pairings.services import load_reference
    from duikou.places.models import Place

    call_command("migrate", verbosity=0, interactive=False)
    if not Place.objects.exists():
        load_reference()
    have = Lead.objects.filter(code__startswith=PREFIX).count()
    if have >= LEADS:
        return
    rng = random.Random(20261201)
    pairs = [
        (p.aiding_party_id, p.place_id)
        for p in Pairing.objects.current().filter(place__level="county").order_by("place__code")
    ]
    paired = {place: party for party, place in pairs}
    parties = sorted({party for party, _place in pairs})
    firms = {}
    for party in parties:
        firms[party], _ = Organisation.objects.get_or_create(
            code=f"BX-ENT-{party}",
            defaults={
                "name": f"基准企业{party}",
                "kind": OrganisationKind.ENTERPRISE,
                "aiding_party_id": party,
            },
        )
    wan = Decimal(10000)
    batch = []
    for i in range(have, LEADS):
        party, place = pairs[i % len(pairs)]
        cross = i % 10 == 0
        if cross:  # brokered by another party
            party = parties[(parties.index(party) + 1 + i % 5) % len(parties)]
        year = 2016 + i % 10
        talks = dt.date(year, 1 + i % 12, 1 + i % 28)
        reach = rng.choice([0, 0, 0, 1, 1, 2, 3])
        lead = Lead(
            code=f"{PREFIX}{i:07d}",
            name=f"基准招商项目{i}",
            enterprise=firms[party],
            place_id=place,
            aiding_party_id=party,
            paired_party_id=paired[place],
            is_cross_pairing=cross and paired[place] != party,
            talks_on=talks,
            year=year,
            planned_investment=Decimal(rng.randint(100, 50_000)) * wan,
            stage=["talks", "signed", "started", "producing"][reach],
        )
        if reach >= 1:
            lead.signed_on = talks + dt.timedelta(days=30)
            lead.signed_amount = Decimal(rng.randint(100, 50_000)) * wan
        if reach >= 2:
            lead.started_on = talks + dt.timedelta(days=60)
            lead.funds_in_place = Decimal(rng.randint(100, 20_000)) * wan
        if reach >= 3:
            lead.producing_on = talks + dt.timedelta(days=120)
            lead.invested_total = Decimal(rng.randint(100, 20_000)) * wan
        if i % 17 == 0:
            lead.stage = "terminated"
            lead.terminated_on = talks + dt.timedelta(days=200)
            lead.termination_reason = "基准终止"
        batch.append(lead)
        if len(batch) == 5000:
            Lead.objects.bulk_create(batch)
            batch = []
    Lead.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE investment_lead")


def _median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


STAGES = [
    ("talks", "talks_on", "planned_investment"),
    ("signed", "signed_on", "signed_amount"),
    ("started", "started_on", "funds_in_place"),
    ("producing", "producing_on", "invested_total"),
]


def _plain_sql(group: str, where: str) -> str:
    parts = [
        "COUNT(*)",
        "COUNT(*) FILTER (WHERE stage = 'terminated')",
        "COUNT(*) FILTER (WHERE is_cross_pairing)",
    ]
    for stage, date, amount in STAGES:
        parts += [
            f"COUNT(*) FILTER (WHERE {date} IS NOT NULL)",
            f"SUM({amount}) FILTER (WHERE {date} IS NOT NULL)",
            f"COUNT(*) FILTER (WHERE stage = '{stage}')",
            f"SUM({amount}) FILTER (WHERE stage = '{stage}')",
        ]
    return (
        f"SELECT {group}, year, {', '.join(parts)} FROM investment_lead {where} "
        f"GROUP BY {group}, year"
    )


def run() -> dict[str, dict]:
    _ensure_database()
    _setup_django()
    _prepare()
    from django.db import connection

    from duikou.investment.models import Lead
    from duikou.investment.services import funnel_by_party_year

    def orm() -> None:
        result = funnel_by_party_year(Lead.objects.all())
        assert result

    own = _plain_sql("aiding_party_id", "")
    credited = _plain_sql(
        "paired_party_id", "WHERE is_cross_pairing AND paired_party_id IS NOT NULL"
    )

    def sql() -> None:
        with connection.cursor() as cursor:
            cursor.execute(own)
            rows = cursor.fetchall()
            cursor.execute(credited)
            rows += cursor.fetchall()
        assert rows

    value = _median_ms(orm, RUNS)
    reference = _median_ms(sql, RUNS)
    return {
        "investment.funnel_by_party_year": {
            "value": round(value, 1),
            "unit": "ms",
            "reference": round(reference, 1),
            "ratio": round(value / reference, 2),
            "leads": Lead.objects.count(),
        }
    }
