from django.core.management.base import BaseCommand, CommandError

from duikou.lib.datafile import DataFileError
from duikou.pairings.services import load_reference


class Command(BaseCommand):
    help = "Load places, aiding parties, pairings and standard organisations (idempotent)."

    def handle(self, *args, **options):
        try:
            counts = load_reference()
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
