"""People on post at a date, by aiding party and kind, over 100,000 persons and 15 years.

Creates (or reuses) the PostgreSQL database `duikou_bench_personnel` on 127.0.0.1:5432 as user
postgres, loads reference data once and then, if the size is not already there, 100,000
persons (BENCH_PERSONS) of every paired party with their terms between 2011 and 2025 (one
term each, a second for about a third of them, a few early returns), written by one
INSERT … SELECT over generate_series. Times `services.on_post_by_party_kind(on)` — the
query the party panel and the figures page use — for a date in the middle of the period and
for today's date. The reference is the same count as a plain SQL GROUP BY on the same table;
ratio = ORM time / reference time.
"""

from __future__ import annotations

import datetime as dt
import os

from bench.bench_projects import _median_ms

DB_NAME = os.environ.get("BENCH_PERSONNEL_DB", "duikou_bench_personnel")
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
PERSONS = int(os.environ.get("BENCH_PERSONS", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
DATES = (dt.date(2018, 6, 30), dt.date(2025, 6, 30))

REFERENCE_SQL = """
SELECT aiding_party_id, kind, count(*)
FROM personnel_posting
WHERE start <= %s AND "end" >= %s AND NOT (status = 'returned_early' AND returned_on <= %s)
GROUP BY aiding_party_id, kind
"""


def _ensure_database() -> None:
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = DB_URL
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duikou.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


LOAD_PERSONS = """
INSERT INTO personnel_person
    (created_at, updated_at, version, aiding_party_id, code, name, sex, birth_year,
     phone, email, note, place_id)
SELECT now(), now(), 1, (%(parties)s::int[])[1 + i %% %(n)s], 'B-' || i, '人员' || i,
       CASE WHEN i %% 3 = 0 THEN 'f' ELSE 'm' END, 1960 + i %% 35, '', '', '',
       (%(places)s::int[])[1 + i %% %(n)s]
FROM generate_series(1, %(persons)s) AS i
"""

# First terms start anywhere in 2011–2024 and last one to three years; a third of the persons
# serve again right after; one in forty returns early.
LOAD_TERMS = """
INSERT INTO personnel_posting
    (created_at, updated_at, version, person_id, aiding_party_id, kind, field, place_id,
     post, start, "end", status, returned_on, cross_pairing_reason, note)
SELECT now(), now(), 1, p.id, p.aiding_party_id,
       (ARRAY['cadre','professional','professional','flexible','silver'])[1 + p.id % 5],
       (ARRAY['teacher','doctor','agriculture','engineering'])[1 + p.id % 4],
       p.place_id, '', t.start, t.start + t.days - 1,
       CASE WHEN p.id % 40 = 0 THEN 'returned_early'
            WHEN t.start + t.days - 1 < DATE '2025-12-31' THEN 'completed' ELSE 'on_post' END,
       CASE WHEN p.id % 40 = 0 THEN t.start + t.days / 2 END, '', ''
FROM personnel_person p
CROSS JOIN LATERAL (
    SELECT DATE '2011-01-01' + ((p.id * 37) % 5110)::int AS start,
           CASE WHEN p.id % 5 >= 3 THEN 180 ELSE 365 * (1 + p.id % 3)::int END AS days
) t
WHERE p.code LIKE 'B-%'
"""

LOAD_REPEATS = """
INSERT INTO personnel_posting
    (created_at, updated_at, version, person_id, aiding_party_id, kind, field, place_id,
     post, start, "end", status, returned_on, previous_id, cross_pairing_reason, note)
SELECT now(), now(), 1, t.person_id, t.aiding_party_id, t.kind, t.field, t.place_id, '',
       t."end" + 1, t."end" + 1095, 'extended', NULL, t.id, '', ''
FROM personnel_posting t
WHERE t.person_id % 3 = 0 AND t.status <> 'returned_early' AND t."end" < DATE '2025-01-01'
"""


def _prepare() -> int:
    from django.core.management import call_command
    from django.db import connection

    from duikou.pairings.models import Pairing
    from duikou.pairings.services import load_reference
    from duikou.personnel.models import Person, Posting
    from duikou.places.models import Place

    call_command("migrate", verbosity=0, interactive=False)
    if not Place.objects.exists():
        load_reference()
    loaded = Person.objects.filter(code__startswith="B-").count() == PERSONS
    if not loaded or Posting.objects.count() < PERSONS:
        Posting.objects.all().delete()
        Person.objects.all().delete()
        pairs = list(Pairing.objects.current().values_list("aiding_party_id", "place_id"))
        with connection.cursor() as cursor:
            cursor.execute(
                LOAD_PERSONS,
                {
                    "parties": [a for a, _p in pairs],
                    "places": [p for _a, p in pairs],
                    "n": len(pairs),
                    "persons": PERSONS,
                },
            )
            cursor.execute(LOAD_TERMS)
            cursor.execute(LOAD_REPEATS)
            cursor.execute("ANALYZE personnel_posting")
    return Posting.objects.count()


def run() -> dict[str, dict]:
    _ensure_database()
    _setup_django()
    from django.db import connection

    from duikou.personnel.services import on_post_by_party_kind

    terms = _prepare()
    results: dict[str, dict] = {}
    value = reference = 0.0
    for on in DATES:

        def orm(on=on):
            return on_post_by_party_kind(on)

        def plain(on=on):
            with connection.cursor() as cursor:
                cursor.execute(REFERENCE_SQL, [on, on, on])
                return {(a, k): n for a, k, n in cursor.fetchall()}

        assert orm() == plain(), "the ORM and the plain SQL disagree"
        value = max(value, _median_ms(orm, RUNS))
        reference = max(reference, _median_ms(plain, RUNS))
    results["personnel.on_post_by_party_kind"] = {
        "value": value,
        "unit": "ms",
        "reference": reference,
        "ratio": value / reference if reference else 0.0,
        "note": f"{PERSONS} persons, {terms} terms; slower of {DATES[0]} and {DATES[1]}",
    }
    return results
