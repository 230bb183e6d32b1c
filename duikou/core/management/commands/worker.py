"""`duikou worker`: run queued background tasks (django-tasks-db's worker, our defaults)."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = (
        "Run background tasks from the database queue. Run one or more on any machine that "
        "reaches the database; Ctrl-C (SIGTERM) stops a worker after its current task."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run every task that is waiting, then exit (the same as --batch).",
        )
        # No code reloading unless asked for (a reload interrupts a running task), and no
        # random start-up delay: one worker beside the demo server starts at once.
        parser.set_defaults(reload=False, startup_delay=False)

    def handle(self, *args: Any, **options: Any) -> None:
        if options.pop("once", False):
            options["batch"] = True
        super().handle(*args, **options)
