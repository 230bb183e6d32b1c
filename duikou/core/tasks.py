"""Long work as background tasks, with progress the user can follow.

Any module starts a piece of work with `start(kind, fn, *args, user=..., title=...)`: a
`TaskRun` records it and django-tasks queues it (the database backend by default: a
`duikou worker` process on any machine that reaches the database runs it, and a queued task
survives a server restart). Inside the task, `fn` reports how far it got::

    from duikou.core.tasks import TaskFailed, progress

    def import_rows(upload_id: int) -> None:
        rows = ...
        for i, row in enumerate(rows, 1):
            ...
            progress.update(i, len(rows), stage=_("Checking rows"))
        if errors:
            raise TaskFailed(_("The file has errors; nothing was imported."), errors=errors)
        progress.result(url=..., message=_("%(count)s rows imported") % {...})

The task runs as the user who started it (`acting_as`), so every change it makes is attributed
in the history, and by default in one transaction: a task that fails leaves nothing
half-written. Its progress is written through a connection of its own, so the page sees it
while the task's transaction is still open (on SQLite, the demo database, updates made while
the task holds the write lock are skipped; the bar catches up at the next one).

`fn` must be a module-level function taking JSON-safe arguments (ids, strings): a worker in
another process imports it by its dotted path.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.utils import load_backend
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from duikou.core.context import acting_as, current_task_id
from duikou.core.models import TaskRun, record_key

log = logging.getLogger("duikou.tasks")

# Progress is written at most this often (seconds), and always when the stage changes or the
# work is complete, so a per-row `update` costs nothing measurable.
PROGRESS_EVERY = 0.5
MAX_ERRORS = 1000


class TaskFailed(Exception):
    """The task cannot finish: `message` says why, `errors` lists the details (row by row)."""

    def __init__(self, message: str, errors: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = str(message)
        self.errors = [str(e) for e in errors]


class Progress:
    """How far one running task got; written to its `TaskRun` for the page to poll."""

    def __init__(self, run: TaskRun, shared_connection: bool) -> None:
        self.run_id = run.pk
        self.done = 0
        self.total: int | None = None
        self.stage = ""
        self.url = run.result_url
        self.message = ""
        self._shared = shared_connection
        self._side: Any = None
        self._written_at = 0.0

    def update(self, done: int, total: int | None = None, stage: str | None = None) -> None:
        """`done` of `total` units (rows, pages) finished, in `stage` (kept if not given)."""
        stage_changed = stage is not None and str(stage) != self.stage
        self.done = max(0, int(done))
        if total is not None:
            self.total = max(0, int(total))
        if stage is not None:
            self.stage = str(stage)[:200]
        now = time.monotonic()
        complete = self.total is not None and self.done >= self.total
        if stage_changed or complete or now - self._written_at >= PROGRESS_EVERY:
            self._written_at = now
            self._write()

    def result(self, url: str | None = None, message: str | None = None) -> None:
        """Where the outcome can be seen, and one sentence about it (shown when it ends)."""
        if url is not None:
            self.url = str(url)[:500]
        if message is not None:
            self.message = str(message)

    def _write(self) -> None:
        values = {"done": self.done, "total": self.total, "stage": self.stage}
        if self._shared:
            # The task runs inside its caller's transaction (the immediate backend in a test or
            # an atomic block): nobody else can see it before it ends anyway.
            TaskRun.objects.filter(pk=self.run_id).update(**values)
            return
        table = connection.ops.quote_name(TaskRun._meta.db_table)
        try:
            side = self._side_connection()
            with side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET done = %s, total = %s, stage = %s WHERE id = %s",
                    [self.done, self.total, self.stage, self.run_id],
                )
        except DatabaseError as exc:  # SQLite busy while the task writes: try again later
            log.debug("progress of task run %s not written: %s", self.run_id, exc)

    def _side_connection(self) -> Any:
        if self._side is None:
            params = dict(connection.settings_dict)
            if connection.vendor == "sqlite":
                # Do not wait for the task's own write lock; skip this update instead.
                params["OPTIONS"] = {**params.get("OPTIONS", {}), "timeout": 0.05}
            self._side = load_backend(params["ENGINE"]).DatabaseWrapper(params, connection.alias)
        return self._side

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None


class _CurrentProgress:
    """`progress` for the task running in this context; does nothing outside a task."""

    def _current(self) -> Progress | None:
        return _running.get()

    @property
    def run_id(self) -> int | None:
        current = self._current()
        return current.run_id if current else None

    def update(self, done: int, total: int | None = None, stage: str | None = None) -> None:
        if current := self._current():
            current.update(done, total, stage)

    def result(self, url: str | None = None, message: str | None = None) -> None:
        if current := self._current():
            current.result(url, message)


_running: ContextVar[Progress | None] = ContextVar("duikou_task_progress", default=None)
progress = _CurrentProgress()


_OUTCOMES: dict[str, Callable[[Any, TaskRun], str]] = {}


def outcome(*kinds: str) -> Callable[[Callable[[Any, TaskRun], str]], Callable[..., str]]:
    """Register `fn(request, run) -> html`, the account of a finished run of these kinds that
    its task page shows below the progress bar (an import's preview table, say)."""

    def register(fn: Callable[[Any, TaskRun], str]) -> Callable[[Any, TaskRun], str]:
        for kind in kinds:
            _OUTCOMES[kind] = fn
        return fn

    return register


def has_outcome(run: TaskRun) -> bool:
    return run.kind in _OUTCOMES


def render_outcome(request: Any, run: TaskRun) -> str:
    """The registered account of `run` once it is finished; empty otherwise."""
    fn = _OUTCOMES.get(run.kind)
    return fn(request, run) if fn is not None and run.is_finished else ""


def function_path(fn: Callable[..., Any]) -> str:
    """The dotted path a worker imports `fn` by; refuses what it could not import."""
    qualname = getattr(fn, "__qualname__", "")
    module = getattr(fn, "__module__", None)
    if not module or not qualname or "<" in qualname or "." in qualname:
        raise ValueError(f"A task must be a module-level function, not {fn!r}.")
    return f"{module}.{qualname}"


def start(
    kind: str,
    fn: Callable[..., Any],
    *args: Any,
    user: Any = None,
    title: str,
    subject: Any = None,
    result_url: str = "",
    atomic: bool = True,
) -> TaskRun:
    """Queue `fn(*args)` as a task of `kind` for `user`; returns its `TaskRun`.

    `subject` is the record the task works on (its page can link to the run); `result_url`
    where its outcome is seen (the task may change it with `progress.result(url=...)`).
    `atomic=False` is for a task that commits its own steps (so that they are seen as it
    goes) and leaves nothing half-written by construction.
    """

    from duikou.core.scoping import Scope

    path = function_path(fn)
    try:
        arguments = json.loads(json.dumps(list(args)))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"Task arguments must be JSON-safe: {exc}") from exc
    owner = user if getattr(user, "is_authenticated", False) else None
    run = TaskRun.objects.create(
        kind=kind,
        title=str(title)[:200],
        function=path,
        arguments=arguments,
        atomic=atomic,
        owner=owner,
        owner_organisation_id=Scope.of(owner).organisation_id,
        **(record_key(subject) if subject is not None else {"content_type": None, "object_id": ""}),
        result_url=str(result_url)[:500],
    )
    result = execute.enqueue(run.pk)
    TaskRun.objects.filter(pk=run.pk).update(task_result_id=str(result.id))
    run.refresh_from_db()
    return run


def refresh_state(run: TaskRun) -> TaskRun:
    """Mark a run failed if the queue says its task ended without our record of it (a worker
    stopped hard mid-task, or the task function could not even be loaded)."""
    from django_tasks import TaskResultStatus, task_backends
    from django_tasks.exceptions import TaskResultDoesNotExist

    if run.is_finished or not run.task_result_id:
        return run
    backend = task_backends[execute.backend]
    if not backend.supports_get_result:
        return run
    try:
        status = backend.get_result(run.task_result_id).status
    except TaskResultDoesNotExist:
        return run
    if status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL):
        TaskRun.objects.filter(pk=run.pk, state__in=[run.State.QUEUED, run.State.RUNNING]).update(
            state=TaskRun.State.FAILED,
            message=_("The task was interrupted before it finished. Start it again."),
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
    return run


@task()
def execute(run_id: int) -> str:
    """The django-tasks task behind every run: call its function, record how it ended.
    Every log line written meanwhile carries the run's id (`task_id`)."""
    task_token = current_task_id.set(run_id)
    try:
        return _execute(run_id)
    finally:
        current_task_id.reset(task_token)


def _execute(run_id: int) -> str:
    run = TaskRun.objects.select_related("owner").get(pk=run_id)
    if run.state != TaskRun.State.QUEUED:
        log.warning("task run %s is %s already; not run again", run.pk, run.state)
        return run.state
    state, message, errors, failure = TaskRun.State.DONE, "", [], None
    tracker = Progress(run, shared_connection=connection.in_atomic_block)
    started = timezone.now()
    TaskRun.objects.filter(pk=run.pk).update(state=TaskRun.State.RUNNING, started_at=started)
    token = _running.set(tracker)
    try:
        with (
            translation.override(settings.LANGUAGE_CODE),
            acting_as(run.owner, request_id=f"task-{run.pk}"),
        ):
            log.info("task run %s (%s) started", run.pk, run.kind)
            try:
                fn = import_string(run.function)
                with transaction.atomic() if run.atomic else contextlib.nullcontext():
                    fn(*run.arguments)
                message = tracker.message or _("Finished.")
            except TaskFailed as exc:
                state, message, errors = TaskRun.State.FAILED, exc.message, exc.errors
            except Exception as exc:
                log.exception("task run %s (%s) failed", run.pk, run.function)
                state, failure = TaskRun.State.FAILED, exc
                message = _("The task failed because of an internal error.")
    finally:
        _running.reset(token)
        tracker.close()
    if state == TaskRun.State.DONE and tracker.total is not None:
        tracker.done = tracker.total
    TaskRun.objects.filter(pk=run.pk).update(
        state=state,
        done=tracker.done,
        total=tracker.total,
        stage=tracker.stage,
        message=message,
        errors=errors[:MAX_ERRORS],
        result_url=tracker.url,
        finished_at=timezone.now(),
    )
    log.info("task run %s (%s) ended: %s", run.pk, run.kind, state)
    if failure is not None:
        raise failure  # the queue records the traceback as well
    return state
