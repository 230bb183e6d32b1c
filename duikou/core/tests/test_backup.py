"""Backup and restore: a round trip keeps every table's rows; a bad target or backup is refused.

Runs on the engine of the test run (SQLite, and PostgreSQL in the CI's second pass): the
backup is of the test database, restored into a new database beside it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from duikou.core import backup as bk


@pytest.fixture
def restore_target(tmp_path):
    """The URL of a new, empty database of the test run's engine (dropped afterwards)."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"{params['NAME']}_restore"
    kwargs = bk._pg_kwargs({**params, "NAME": "postgres"})
    with psycopg.connect(**kwargs, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    yield f"postgres://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"
    with psycopg.connect(**kwargs, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _summary(url: str | None) -> dict:
    """Every table's row count and row checksum, read afresh from the database at `url`."""
    params = bk.database_settings(url)
    conn = bk._connect(params)
    try:
        return bk.table_summary(conn.cursor(), bk.engine(params))
    finally:
        conn.close()


@pytest.fixture
def demo_database(base_data, settings, tmp_path):
    """The tiny demo committed in the test database, and one uploaded file (in a MEDIA_ROOT
    of this test's own: the run's shared one holds other tests' files)."""
    call_command("demo_data", scale="tiny", verbosity=0)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    media = Path(settings.MEDIA_ROOT) / "attachments"
    media.mkdir(parents=True, exist_ok=True)
    (media / "报告.txt").write_text("验收报告", encoding="utf-8")


def test_a_backup_restored_into_an_empty_database_has_every_row_of_every_table(
    demo_database, restore_target, tmp_path, settings
):
    source = _summary(None)
    assert source["projects_project"]["rows"] > 0 and source["accounts_user"]["rows"] > 0

    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["tables"] == source
    assert manifest["migrations"]["projects"]
    assert list(manifest["files"]) == ["attachments/报告.txt"]

    settings.MEDIA_ROOT = str(tmp_path / "new-media")
    call_command("restore", str(tmp_path / "backup"), database_url=restore_target, verbosity=0)

    restored = _summary(restore_target)
    assert set(restored) == set(source)
    for table, figures in source.items():
        assert restored[table] == figures, table
    assert (tmp_path / "new-media" / "attachments" / "报告.txt").read_text() == "验收报告"


def test_a_restore_into_a_database_that_has_tables_is_refused_and_changes_nothing(
    demo_database, tmp_path, settings
):
    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    before = _summary(None)
    settings.MEDIA_ROOT = str(tmp_path / "new-media")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(tmp_path / "backup"), verbosity=0)
    assert _summary(None) == before
    assert not (tmp_path / "new-media").exists()


def test_a_backup_whose_file_does_not_match_its_checksum_is_refused_and_changes_nothing(
    demo_database, restore_target, tmp_path, settings
):
    call_command("backup", str(tmp_path / "backup"), verbosity=0)
    (tmp_path / "backup" / "media" / "attachments" / "报告.txt").write_text("改过", "utf-8")
    settings.MEDIA_ROOT = str(tmp_path / "new-media")
    with pytest.raises(CommandError, match="does not match its manifest.*报告.txt"):
        call_command("restore", str(tmp_path / "backup"), database_url=restore_target)
    assert _summary(restore_target) == {}
    assert not (tmp_path / "new-media").exists()


def test_a_backup_goes_into_a_new_directory_only(demo_database, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "keep.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "old"), verbosity=0)
    assert [p.name for p in (tmp_path / "old").iterdir()] == ["keep.txt"]


def test_the_sqlite_row_checksum_changes_when_one_value_changes(tmp_path):
    path = tmp_path / "t.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(1, "伊宁县"), (2, "察布查尔县")])
    first = bk.table_summary(conn.cursor(), "sqlite")
    conn.execute("UPDATE t SET name = '霍城县' WHERE id = 2")
    second = bk.table_summary(conn.cursor(), "sqlite")
    conn.close()
    assert first["t"]["rows"] == second["t"]["rows"] == 2
    assert first["t"]["checksum"] != second["t"]["checksum"]
