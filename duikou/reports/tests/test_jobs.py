"""The job runner: inline when asked for, a background thread pool otherwise."""

from __future__ import annotations

import threading

import pytest

from duikou.reports import jobs


def test_inline_runs_in_the_caller(settings):
    settings.REPORTS_RUN_INLINE = True
    seen = []
    future = jobs.submit(lambda a, b: seen.append(threading.current_thread()) or a + b, 2, 3)
    assert future.done()
    assert future.result() == 5
    assert seen == [threading.current_thread()]


def test_inline_failure_is_reported_through_the_future(settings):
    settings.REPORTS_RUN_INLINE = True

    def boom():
        raise ValueError("no")

    future = jobs.submit(boom)
    with pytest.raises(ValueError):
        future.result()


def test_background_runs_in_a_pool_thread(settings):
    settings.REPORTS_RUN_INLINE = False
    try:
        future = jobs.submit(lambda: threading.current_thread().name)
        assert future.result(timeout=10).startswith("duikou-job")
        failing = jobs.submit(lambda: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            failing.result(timeout=10)
    finally:
        jobs.shutdown()


def test_background_pool_has_at_most_two_workers(settings):
    settings.REPORTS_RUN_INLINE = False
    settings.REPORTS_JOB_WORKERS = 2
    barrier_names = set()
    lock = threading.Lock()
    release = threading.Event()

    def job():
        with lock:
            barrier_names.add(threading.current_thread().name)
        release.wait(5)

    try:
        futures = [jobs.submit(job) for _ in range(5)]
        release.set()
        for f in futures:
            f.result(timeout=10)
        assert 1 <= len(barrier_names) <= 2
    finally:
        jobs.shutdown()
