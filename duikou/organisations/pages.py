"""The organisation pages, menu entry and API route, declared once (see core/registry.py)."""

from __future__ import annotations

import itertools

from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.organisations.api import OrganisationViewSet
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.filters import OrganisationFilterSet
from duikou.organisations.forms import OrganisationForm
from duikou.organisations.models import Organisation

_numbers = itertools.count(1)


def sample_organisation(party, place) -> Organisation:
    """An institution of `party` at `place` (not one of the programme's public bodies)."""
    n = next(_numbers)
    return Organisation.objects.create(
        code=f"KIT-ORG-{n}",
        name=f"样例医院{n}",
        kind=OrganisationKind.HOSPITAL,
        aiding_party=party,
        place=place,
    )


organisations = register(
    Organisation,
    prefix="organisations",
    filterset=OrganisationFilterSet,
    columns=["name", "code", "kind", "aiding_party", "place", "is_active"],
    hidden_columns=["code", "is_active"],
    form=OrganisationForm,
    viewset=OrganisationViewSet,
    api_prefix="organisations",
    nav=(_("Organisations"), None),
    nav_order=50,
    detail_template="organisations/organisation_detail.html",
    select_related=["aiding_party", "place"],
    sample=sample_organisation,
    sample_public=False,
    sample_recipient_editable=False,
)
