"""The many-to-many rule of teams, on every path: a form and the import check the values
before saving (Team.supporting_errors); this refuses them at the database edge too, so an API
call or a script cannot link a team to another party's institutions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from duikou.organisations.models import Organisation
from duikou.teams.models import Team


@receiver(m2m_changed, sender=Team.supporting_institutions.through)
def supporting_institutions_of_the_party(sender, instance, action, pk_set, **kwargs):
    if action != "pre_add" or not pk_set or not isinstance(instance, Team):
        return
    problems = instance.supporting_errors(Organisation.objects.filter(pk__in=pk_set))
    if problems:
        raise ValidationError({"supporting_institutions": problems})
