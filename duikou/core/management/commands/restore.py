"""`duikou restore DIR`: a backup into an empty database, checked (duikou.core.backup)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from duikou.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore the backup in DIR into an empty database and an empty MEDIA_ROOT. Every "
        "checksum of the backup is verified first and every table's count and checksum after; "
        "a non-empty target or a changed backup is refused with nothing changed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--database-url", default="", help="Restore into this database, not DATABASE_URL."
        )

    def handle(self, *args, directory: Path, database_url: str, **options) -> None:
        try:
            restore(directory, database_url or None, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
