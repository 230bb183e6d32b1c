"""Deterministic demo data. Each domain module adds one generator to GENERATORS.

A generator takes the shared `DemoContext` (a seeded random generator, the scale and what
earlier generators made) and creates its records. Same scale, same seed → same data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules

from duikou.accounts.models import User
from duikou.core.roles import Role
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.models import Place

DEMO_PASSWORD = "duikou-demo-2026"
SCALES = ("tiny", "demo", "national")


@dataclass
class DemoContext:
    scale: str
    seed: int = 20260101
    rng: random.Random = field(init=False)
    made: dict[str, Any] = field(default_factory=dict)
    log: Callable[[str], None] = print

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)


# (username, role, organisation code, display name) — the personas of README and the tests.
DEMO_USERS = [
    ("admin", Role.ADMIN, None, "平台管理员"),
    ("coordinator", Role.COORDINATOR, "OV-650000", "援疆办 协调员"),
    ("hq_jiangsu", Role.HQ, "HQ-320000", "江苏前方指挥部 联络员"),
    ("wg_jiangsu_yining", Role.WORK_GROUP, "WG-320000-654021", "江苏援疆伊宁县工作组 联络员"),
    ("hq_beijing", Role.HQ, "HQ-110000", "北京前方指挥部 联络员"),
    ("recipient_yining", Role.RECIPIENT, "GOV-654021", "伊宁县人民政府 联络员"),
]


def make_oversight_office(ctx: DemoContext) -> None:
    # The oversight office sits at the root of the loaded reference data (the region).
    region = Place.objects.get(parent__isnull=True)
    Organisation.objects.update_or_create(
        code=f"OV-{region.code}",
        defaults={
            "name": "自治区对口援疆工作协调办公室",
            "kind": OrganisationKind.OVERSIGHT,
            "place": region,
        },
    )


def make_users(ctx: DemoContext) -> None:
    for username, role, org_code, display in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.role = role
        user.first_name = display
        user.organisation = Organisation.objects.get(code=org_code) if org_code else None
        user.is_superuser = user.is_staff = role == Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.failed_logins, user.locked_until = 0, None
        user.full_clean()
        user.save()
    ctx.made["users"] = len(DEMO_USERS)
    ctx.made["parties"] = list(AidingParty.objects.all())


GENERATORS: list[Callable[[DemoContext], None]] = [make_oversight_office, make_users]


def register(generator: Callable[[DemoContext], None]) -> Callable[[DemoContext], None]:
    """Decorator for an app's `demo` module: add a generator, run after those before it."""
    if generator not in GENERATORS:
        GENERATORS.append(generator)
    return generator


def generate(scale: str, log: Callable[[str], None] = print) -> DemoContext:
    # Each app may have a `demo` module that registers its generators on import.
    autodiscover_modules("demo")
    ctx = DemoContext(scale=scale, log=log)
    for generator in GENERATORS:
        generator(ctx)
    return ctx
