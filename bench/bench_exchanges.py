"""Exchange events at national scale: 人次 per credited party and year over 1,000,000 events.

Creates (or reuses) the PostgreSQL database `duikou_bench_exchanges` on 127.0.0.1:5432 as user
postgres: migrated, reference data and personas once, then 1,000,000 events (BENCH_EVENTS)
written with one INSERT … SELECT over generate_series, a tenth of them co-organised by a second
party, and the summary rebuilt once (`exchanges.summary.rebuild`). A loaded database of the
right size is reused.

Figures (median of BENCH_RUNS):
- `exchanges.person_times_by_party_year`: `services.person_times_by_party_year(coordinator)`
  — each event once per party it credits — against the same figure in plain SQL over the
  event and co-organiser tables (a UNION of lead and co-organiser credits, joined to the
  events, grouped by party and year). The platform reads the summary the events keep current.
- `exchanges.refresh_party_year`: what an event's save costs the summary — rebuilding one
  party-year's cells — against the plain SELECT of that party-year's sums.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from bench.bench_projects import _median_ms

DB_NAME = os.environ.get("BENCH_EXCHANGES_DB_NAME", "duikou_bench_exchanges")
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
KINDS = [
    "study_tour",
    "summer_camp",
    "performance",
    "free_clinic",
    "teaching",
    "letters",
    "sports",
    "visit",
    "kinship",
    "exhibition",
]


def _ensure_database() -> None:
    import psycopg

    with psycopg.connect(DB_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
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


def _load(events: int) -> None:
    from django.db import connection, transaction

    from duikou.exchanges import summary

    kinds = "ARRAY[" + ", ".join(f"'{k}'" for k in KINDS) + "]"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE exchanges_event, exchanges_partyyear CASCADE")
        cursor.execute(
            f"""
            WITH parties AS (SELECT array_agg(id ORDER BY id) AS ids
                             FROM organisations_aidingparty),
                 places AS (SELECT array_agg(id ORDER BY id) AS ids FROM places_place
                            WHERE level = 'county')
            INSERT INTO exchanges_event (created_at, updated_at, version, code, title, kind,
                aiding_party_id, organiser, start_date, end_date, year, place_id, venue,
                sessions, person_times, persons, beneficiaries, description, source)
            SELECT now(), now(), 1, 'B-' || g, '交流活动' || g, ({kinds})[1 + g %% 10],
                parties.ids[1 + g %% cardinality(parties.ids)], '', s.d, s.d,
                extract(year FROM s.d)::int, places.ids[1 + (g * 7) %% cardinality(places.ids)],
                '', g %% 10, s.persons * (1 + g %% 3), s.persons, g %% 500, '', ''
            FROM generate_series(1, %s) g
            CROSS JOIN LATERAL (SELECT date '2012-01-01' + (g %% 5000) AS d,
                                       5 + g %% 200 AS persons) s,
                 parties, places
            """,
            [events],
        )
        cursor.execute(
            """
            WITH parties AS (SELECT array_agg(id ORDER BY id) AS ids FROM organisations_aidingparty)
            INSERT INTO exchanges_event_partners (event_id, aidingparty_id)
            SELECT e.id, parties.ids[1 + (e.id * 13) % cardinality(parties.ids)]
            FROM exchanges_event e, parties
            WHERE e.id % 10 = 0
              AND parties.ids[1 + (e.id * 13) % cardinality(parties.ids)] <> e.aiding_party_id
            """
        )
    summary.rebuild()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE exchanges_event")
        cursor.execute("VACUUM ANALYZE exchanges_event_partners")
        cursor.execute("VACUUM ANALYZE exchanges_partyyear")


def _prepare(events: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from duikou.core.context import acting_as
    from duikou.demo.generators import DemoContext, make_oversight_office, make_users
    from duikou.exchanges.models import PartyYear
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
        cursor.execute("SELECT count(*) FROM exchanges_event")
        have = cursor.fetchone()[0]
    if have != events or not PartyYear.objects.exists():
        print(f"   loading {events} events …", flush=True)
        _load(events)
    else:
        print(f"   reusing {DB_NAME}: {have} events")


def run() -> dict[str, dict]:
    events = int(os.environ.get("BENCH_EVENTS", "1000000"))
    _ensure_database()
    _setup_django()
    _prepare(events)

    from django.db import connection

    from duikou.accounts.models import User
    from duikou.exchanges import services, summary
    from duikou.organisations.models import AidingParty

    coordinator = User.objects.get(username="coordinator")
    figures = services.person_times_by_party_year(coordinator)

    def sql(statement: str, params: list) -> Callable[[], list]:
        def query() -> list:
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall()

        return query

    plain = sql(
        """SELECT c.party_id, e.year, SUM(e.person_times)
           FROM (SELECT id AS event_id, aiding_party_id AS party_id FROM exchanges_event
                 UNION
                 SELECT event_id, aidingparty_id FROM exchanges_event_partners) c
           JOIN exchanges_event e ON e.id = c.event_id
           GROUP BY c.party_id, e.year""",
        [],
    )
    expected = {(p, y): int(t) for p, y, t in plain()}
    assert figures == expected, "the summary disagrees with the events"

    value = _median_ms(lambda: services.person_times_by_party_year(coordinator), RUNS)
    reference = _median_ms(plain, RUNS)

    party = AidingParty.objects.get(code="320000")
    year = 2020
    refresh = _median_ms(lambda: summary.rebuild(party.pk, year), RUNS)
    one = sql(
        """SELECT e.kind, COUNT(*), SUM(e.person_times), SUM(e.persons)
           FROM exchanges_event e
           WHERE e.year = %s AND (e.aiding_party_id = %s OR e.id IN (
               SELECT event_id FROM exchanges_event_partners WHERE aidingparty_id = %s))
           GROUP BY e.kind""",
        [year, party.pk, party.pk],
    )
    refresh_reference = _median_ms(one, RUNS)
    return {
        "exchanges.person_times_by_party_year": {
            "value": value,
            "unit": "ms",
            "reference": reference,
            "ratio": value / reference,
        },
        "exchanges.refresh_party_year": {
            "value": refresh,
            "unit": "ms",
            "reference": refresh_reference,
            "ratio": refresh / refresh_reference,
        },
    }
