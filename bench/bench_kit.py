"""The platform kit at size: a 20,000-row project import as tasks, a 100,000-project export.

Creates (or reuses) the PostgreSQL database `duikou_bench_kit` on 127.0.0.1:5432 as user
postgres, migrates it and loads reference data and the personas once, then:

- `kit.import_projects_20k`: a 20,000-row project CSV checked and written the way the import
  page does it — the preview task, then the commit task, both through `tasks.start` with the
  immediate backend (the task layer, progress, history and scope checks included; a worker
  process adds only its polling interval) — as 江苏's 前方指挥部. Each run uses new codes.
  Reference: `bulk_create` of the same 20,000 projects, built from plain values.
- `kit.export_projects_100k`: `export_response` (xlsx) of 100,000 projects (made once with
  bulk_create, reused). Reference: openpyxl write-only of the same rows as plain values, read
  with one `values_list` query.

Figures are medians of BENCH_KIT_RUNS runs (default 3).
"""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal

DB_NAME = os.environ.get("BENCH_KIT_DB_NAME", "duikou_bench_kit")
DB_URL = os.environ.get("BENCH_KIT_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
RUNS = int(os.environ.get("BENCH_KIT_RUNS", "3"))
IMPORT_ROWS = 20_000
EXPORT_ROWS = 100_000
EXPORT_PREFIX = "KX-"


def _ensure_database() -> None:
    import psycopg

    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = DB_URL
    os.environ["DUIKOU_TASK_BACKEND"] = "immediate"
    os.environ.setdefault("DUIKOU_VAR_DIR", tempfile.mkdtemp(prefix="duikou-bench-kit-"))
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duikou.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _prepare() -> None:
    from django.core.management import call_command

    from duikou.accounts.models import User
    from duikou.core.context import acting_as
    from duikou.demo.generators import DemoContext, make_oversight_office, make_users
    from duikou.pairings.services import load_reference
    from duikou.places.models import Place
    from duikou.projects.services import ensure_standard_categories

    call_command("migrate", verbosity=0, interactive=False)
    if not Place.objects.exists():
        load_reference()
    ensure_standard_categories()
    if not User.objects.filter(username="hq_jiangsu").exists():
        with acting_as(None):
            ctx = DemoContext(scale="tiny", log=lambda m: None)
            make_oversight_office(ctx)
            make_users(ctx)


def _median(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _csv(prefix: str) -> bytes:
    head = "code,name,aiding_party,place,category,plan_year,budget_aid,start_date,finish_date\n"
    line = "{p}{i:06d},伊宁县项目{i},江苏省,654021,教育,2025,1200000,2025-03-01,2025-10-01\n"
    return (head + "".join(line.format(p=prefix, i=i) for i in range(IMPORT_ROWS))).encode()


def _plain_projects(prefix: str, count: int) -> list:
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place
    from duikou.projects.models import Category, Project

    party = AidingParty.objects.get(code="320000")
    place = Place.objects.get(code="654021")
    category = Category.objects.get(name="教育")
    return [
        Project(
            code=f"{prefix}{i:06d}",
            name=f"伊宁县项目{i}",
            aiding_party=party,
            place=place,
            category=category,
            is_livelihood=True,
            plan_year=2025,
            budget_aid=Decimal("1200000"),
        )
        for i in range(count)
    ]


def _import_as_tasks(user, prefix: str) -> None:
    from django.conf import settings

    from duikou.core import tasks
    from duikou.core.columns import table_named
    from duikou.core.dataviews import UPLOAD_DIR, commit_import, preview_import
    from duikou.core.models import TaskRun

    token = f"{uuid.uuid4().hex}.csv"
    folder = settings.MEDIA_ROOT / UPLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / token).write_bytes(_csv(prefix))
    label = table_named("projects.Project").label
    args = (label, token, "bench.csv", "projects:import", "projects:list")
    preview = tasks.start(
        "import.preview", preview_import, *args, user=user, title="bench", atomic=False
    )
    assert preview.state == TaskRun.State.DONE, preview.message
    run = tasks.start(
        "import.commit", commit_import, *args, preview.pk, user=user, title="bench", atomic=False
    )
    assert run.state == TaskRun.State.DONE, run.message


def _export_rows(queryset) -> None:
    import openpyxl

    fields = [
        "code",
        "name",
        "aiding_party__code",
        "aiding_party__name",
        "place__code",
        "place__name",
        "category__name",
        "is_livelihood",
        "plan_year",
        "budget_aid",
        "budget_local",
        "budget_social",
        "budget_enterprise",
        "start_date",
        "finish_date",
        "implementing_organisation__code",
        "implementing_organisation__name",
        "description",
        "is_published",
        "is_cross_pairing",
        "status",
    ]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Projects")
    sheet.append(fields)
    for row in queryset.values_list(*fields).iterator(chunk_size=2000):
        sheet.append(list(row))
    book.save(io.BytesIO())


def run() -> dict[str, dict]:
    _ensure_database()
    _setup_django()
    _prepare()

    from duikou.accounts.models import User
    from duikou.core.exports import export_response
    from duikou.projects.columns import PROJECTS
    from duikou.projects.models import Project

    user = User.objects.get(username="hq_jiangsu")
    stamp = uuid.uuid4().hex[:6].upper()
    counter = iter(range(1000))

    def imported() -> None:
        _import_as_tasks(user, f"KI{stamp}{next(counter)}-")

    def plain() -> None:
        Project.objects.bulk_create(
            _plain_projects(f"KB{stamp}{next(counter)}-", IMPORT_ROWS), batch_size=1000
        )

    results: dict[str, dict] = {}
    value, ref = _median(imported, RUNS), _median(plain, RUNS)
    results["kit.import_projects_20k"] = {
        "value": value,
        "unit": "s",
        "reference": ref,
        "ratio": value / ref,
    }

    exported = Project.objects.filter(code__startswith=EXPORT_PREFIX)
    if exported.count() != EXPORT_ROWS:
        exported.delete()
        Project.objects.bulk_create(_plain_projects(EXPORT_PREFIX, EXPORT_ROWS), batch_size=2000)

    def export() -> None:
        response = export_response(PROJECTS, exported.with_relations().order_by("code"), "xlsx")
        assert len(response.content) > 0

    value = _median(export, RUNS)
    ref = _median(lambda: _export_rows(exported.order_by("code")), RUNS)
    results["kit.export_projects_100k"] = {
        "value": value,
        "unit": "s",
        "reference": ref,
        "ratio": value / ref,
    }
    return results


if __name__ == "__main__":
    for key, figure in run().items():
        print(key, figure)
