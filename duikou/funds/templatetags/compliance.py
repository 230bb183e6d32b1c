"""The two-80 block shown on an aiding party's page."""

from __future__ import annotations

from typing import Any

from django import template

from duikou.funds.compliance import compliance, sees_figures

register = template.Library()


@register.inclusion_tag("funds/_party_compliance_block.html", takes_context=True)
def party_compliance(context: dict[str, Any], party: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not sees_figures(user):
        return {"visible": False}
    results = compliance(user, party_id=party.pk)
    return {"visible": bool(results), "results": results, "party": party}


@register.filter
def percent(share: Any) -> str:
    """A share (0.8) as a percentage with one decimal ("80.0%"); blank for no share."""
    if share is None or share == "":
        return "—"
    return f"{share * 100:.1f}%"
