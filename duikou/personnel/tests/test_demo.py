"""The tiny demo people: small, deterministic, and every term within the rules."""

from __future__ import annotations

import pytest

from duikou.demo.generators import DemoContext
from duikou.personnel.demo import make_people
from duikou.personnel.models import Batch, Person, Posting

pytestmark = pytest.mark.django_db


def _generate() -> list[tuple[str, str, str]]:
    make_people(DemoContext(scale="tiny", log=lambda m: None))
    return list(
        Posting.objects.order_by("person__code", "start").values_list(
            "person__code", "person__name", "place__code"
        )
    )


def test_the_tiny_demo_makes_few_people_over_three_batches_the_same_every_time():
    first = _generate()
    assert 0 < Person.objects.count() < 60
    assert set(Batch.objects.values_list("number", flat=True)) == {9, 10, 11}
    assert Posting.objects.filter(previous__isnull=False).exists()  # a repeat term
    for posting in Posting.objects.select_related("person", "place", "batch"):
        posting.full_clean()  # overlap, pairing, batch party: all hold
    Posting.objects.all().delete()
    Person.objects.all().delete()
    assert _generate() == first
