"""Consumer aid's rule about organisations (registered with core/rules.py, run by
`Organisation.clean()`, so the form, the API and the import apply it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from duikou.core import rules


@rules.register("organisations.Organisation")
def supplier_stays_local(organisation) -> None:
    """An organisation that supplies consumer-aid products stays one of the recipient area:
    it keeps a place and gets no aiding party (its sales would otherwise count as the aiding
    side's own goods)."""
    if organisation._state.adding or not organisation.pk:
        return
    if not organisation.aiding_party_id and organisation.place_id:
        return
    if organisation.consumer_products.exists() or organisation.consumer_sales.exists():
        field = "aiding_party" if organisation.aiding_party_id else "place"
        raise ValidationError(
            {
                field: _(
                    "This organisation supplies consumer-aid products: it stays an organisation "
                    "of the recipient area, with a place and no aiding party."
                )
            }
        )
