"""`duikou clean_imports`: delete import previews nobody confirmed (older than a day)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from duikou.core.dataviews import PREVIEW_LIFETIME, clean_import_previews


class Command(BaseCommand):
    help = "Delete stored import previews older than --hours (default 24) from media/imports."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--hours",
            type=float,
            default=PREVIEW_LIFETIME.total_seconds() / 3600,
            help="Age in hours above which a preview is deleted.",
        )

    def handle(self, *args, hours: float, **options) -> None:
        removed = clean_import_previews(dt.timedelta(hours=hours))
        self.stdout.write(f"Deleted {removed} import preview(s).")
