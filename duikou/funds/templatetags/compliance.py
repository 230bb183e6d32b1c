"""Template filters of the two-80 pages and the party block."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def percent(share: Any) -> str:
    """A share (0.8) as a percentage with one decimal ("80.0%"); blank for no share."""
    if share is None or share == "":
        return "—"
    return f"{share * 100:.1f}%"
