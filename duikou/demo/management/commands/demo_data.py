from django.core.management.base import BaseCommand
from django.db import transaction

from duikou.core.context import acting_as
from duikou.demo.generators import DEMO_PASSWORD, DEMO_USERS, SCALES, generate


class Command(BaseCommand):
    help = "Create deterministic demo data (reference data must be loaded first)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, default="demo")

    def handle(self, *args, scale: str, **options):
        with transaction.atomic(), acting_as(None):
            generate(scale, log=lambda m: self.stdout.write(m))
        self.stdout.write(self.style.SUCCESS(f"Demo data ({scale}) ready. Demo sign-ins:"))
        for username, role, _org, display in DEMO_USERS:
            self.stdout.write(f"  {username:<20} {DEMO_PASSWORD}   {role.label} · {display}")
