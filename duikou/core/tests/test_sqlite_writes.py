"""SQLite (the demo database) serialises parallel writers instead of failing them."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings only")
def test_parallel_read_then_write_transactions_wait_instead_of_failing_as_locked(
    tmp_path, django_db_blocker
):
    with django_db_blocker.unblock():  # a scratch database of its own, not the test database
        _race(tmp_path)


def _race(tmp_path) -> None:
    settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "parallel.sqlite3")}
    setup = DatabaseWrapper(settings_dict)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n integer)")
    setup.close()
    both_read = threading.Barrier(2, timeout=0.3)
    failures: list[Exception] = []

    def writer() -> None:
        db = DatabaseWrapper(settings_dict)
        try:
            # What transaction.atomic() does on SQLite: BEGIN (in the configured mode).
            db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with db.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM counter")
                # Without BEGIN IMMEDIATE both now hold a read snapshot; with it the other
                # writer waits for our lock, and there is nothing to line up.
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_read.wait()
                cursor.execute("INSERT INTO counter VALUES (1)")
            db.commit()
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            failures.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    check = DatabaseWrapper(settings_dict)
    with check.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM counter")
        assert cursor.fetchone()[0] == 2
    check.close()
