"""What the funds app shows on the pages of aiding parties (and, later, projects)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from duikou.core import panels
from duikou.funds.compliance import compliance, sees_figures


@panels.register(
    "organisations.AidingParty", "funds/_party_compliance_block.html", order=5, slot="top"
)
def party_compliance(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    """The party's two-80 figures, for those who may see its fund figures."""
    if not sees_figures(request.user):
        return None
    results = compliance(request.user, party_id=party.pk)
    return {"results": results, "party": party} if results else None
