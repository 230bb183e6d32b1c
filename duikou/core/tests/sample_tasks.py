"""Task bodies for the task layer's tests (module-level, so a worker process can import them)."""

from __future__ import annotations

from django.contrib.auth.models import Group

from duikou.core.context import current_user
from duikou.core.models import TaskRun
from duikou.core.tasks import TaskFailed, progress


def count_to(n: int) -> None:
    """Count `n` rows, reporting each one."""
    for i in range(1, n + 1):
        progress.update(i, n, stage="counting")
    progress.result(url="/counted/", message=f"counted {n}")


def count_and_watch(n: int) -> None:
    """Count, and note what the task's own record showed after every update."""
    seen = []
    for i in range(1, n + 1):
        progress.update(i, n, stage=f"row {i}")
        seen.append(TaskRun.objects.get(pk=progress.run_id).done)
    progress.result(message=",".join(map(str, seen)))


def write_then_refuse(name: str) -> None:
    """Write a record, then find the input bad: nothing may stay written."""
    Group.objects.create(name=name)
    progress.update(1, 2, stage="checking")
    raise TaskFailed("The file has errors; nothing was imported.", errors=["Row 3, column B: no"])


def write_then_crash(name: str) -> None:
    Group.objects.create(name=name)
    raise RuntimeError("secret internals")


def who_acts() -> None:
    user = current_user.get()
    progress.result(message=user.username if user else "system")
