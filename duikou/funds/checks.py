"""The funds app's rules about projects (registered with core/rules.py, run by
`Project.clean()`, so the form, the API and the import apply them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from duikou.core import rules
from duikou.funds.choices import TransactionKind
from duikou.lib.money import wan
from duikou.projects.models import ZERO, Project


@rules.register("projects.Project")
def budget_covers_money(project: Project) -> None:
    """The aid budget is never cut below what is already allocated to or paid out for
    the project."""
    if project._state.adding or project.budget_aid is None:
        return
    if project.budget_aid == project.loaded_value("budget_aid"):
        return
    allocated = project.allocations.aggregate(total=models.Sum("amount"))["total"] or ZERO
    disbursed = (
        project.transactions.filter(kind=TransactionKind.DISBURSEMENT).aggregate(
            total=models.Sum("amount")
        )["total"]
        or ZERO
    )
    if project.budget_aid < max(allocated, disbursed):
        raise ValidationError(
            {
                "budget_aid": _(
                    "The aid funds cannot be less than what the project already has: "
                    "%(allocated)s (10k yuan) allocated, %(disbursed)s disbursed."
                )
                % {"allocated": wan(allocated), "disbursed": wan(disbursed)}
            }
        )


@rules.register("projects.Project")
def allocations_still_match(project: Project) -> None:
    """Allocations come from the plan of the project's party and year: a project with
    allocations keeps both."""
    if project._state.adding:
        return
    moved = [
        name
        for name in ("aiding_party", "plan_year")
        if getattr(project, project._meta.get_field(name).attname)
        != project.loaded_value(project._meta.get_field(name).attname)
    ]
    if moved and project.allocations.exists():
        message = _(
            "The project has allocations from its party's plan of its year; it keeps its "
            "aiding party and plan year while they exist."
        )
        raise ValidationError({name: message for name in moved})
