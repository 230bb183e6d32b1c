"""What the organisations app shows on the pages of places and aiding parties."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from duikou.core import panels
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import Organisation


@panels.register("places.Place", "organisations/_place_organisations.html", order=20)
def place_organisations(request: HttpRequest, place: Any) -> dict[str, Any]:
    organisations = (
        Organisation.objects.visible_to(request.user)
        .filter(place=place, is_active=True)
        .select_related("aiding_party")
        .order_by("kind", "name")
    )
    return {
        "work_groups": [o for o in organisations if o.kind == OrganisationKind.WORK_GROUP],
        "organisations": [o for o in organisations if o.kind != OrganisationKind.WORK_GROUP],
    }
