"""The person and batch pickers, and what a posting's form may choose."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from duikou.core import pickers
from duikou.core.pickers import Choice, PickerKind
from duikou.personnel.models import Batch, Person

pickers.register(
    PickerKind(
        name="person",
        model=Person,
        search=("code", "name"),
        order=("aiding_party__sort_order", "code"),
        related=("aiding_party",),
        hint=lambda p: f"{p.aiding_party.short_name} · {p.code}",
        invalid=_("You may not choose this person here."),
    )
)

pickers.register(
    PickerKind(
        name="batch",
        model=Batch,
        search=("name",),
        code="pk",
        order=("aiding_party__sort_order", "-number"),
        related=("aiding_party",),
        hint=lambda b: f"{b.start:%Y}–{b.end:%Y}",
        invalid=_("You may not choose this batch here."),
    )
)


@pickers.purpose("person", "record")
def record_person(user: Any) -> Choice:
    """A person the caller may give a term to: one it may change."""
    return Choice(Person.objects.editable_by(user))


@pickers.purpose("batch", "record")
def record_batch(user: Any) -> Choice:
    """A batch of a party the caller may change records of."""
    return Choice(Batch.objects.editable_by(user))
