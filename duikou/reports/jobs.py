"""Background work for the report reader: a real queue when configured, inline otherwise.

`submit(job_fn, *args)` is the one seam. By default it hands the job to a small process-wide
thread pool (concurrent.futures, `REPORTS_JOB_WORKERS`, default 2), so reading a 300-page PDF
never holds up a request; each job closes its database connections when it ends. With
`REPORTS_RUN_INLINE = True` (tests, or an installation that wants no threads) the job runs at
once in the caller. A deployment with a task queue swaps the body of `submit` for an enqueue;
job functions take only JSON-safe arguments (ids) so they can cross a process boundary.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections

log = logging.getLogger("duikou.reports.jobs")

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=getattr(settings, "REPORTS_JOB_WORKERS", 2),
                thread_name_prefix="duikou-job",
            )
        return _pool


def _run(job_fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    close_old_connections()
    try:
        return job_fn(*args)
    except Exception:
        log.exception("background job %s failed", getattr(job_fn, "__name__", job_fn))
        raise
    finally:
        connections.close_all()


def submit(job_fn: Callable[..., Any], *args: Any) -> Future:
    """Run `job_fn(*args)` in the background (or inline); the Future carries its outcome."""
    if getattr(settings, "REPORTS_RUN_INLINE", False):
        future: Future = Future()
        try:
            future.set_result(job_fn(*args))
        except Exception as exc:  # reported through the future, as in the background
            log.exception("inline job %s failed", getattr(job_fn, "__name__", job_fn))
            future.set_exception(exc)
        return future
    return _executor().submit(_run, job_fn, args)


def shutdown(wait: bool = True) -> None:
    """Stop the pool (tests and orderly exits); a later submit starts a new one."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=wait)
