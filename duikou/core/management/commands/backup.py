"""`duikou backup DIR`: database and uploaded files, with a manifest (duikou.core.backup)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from duikou.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup (PostgreSQL: pg_dump custom format; SQLite: online backup) "
        "of the database and MEDIA_ROOT into the new directory DIR, with a manifest of row "
        "counts and checksums."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--database-url", default="", help="Back up this database instead of DATABASE_URL."
        )

    def handle(self, *args, directory: Path, database_url: str, **options) -> None:
        try:
            backup(directory, database_url or None, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
