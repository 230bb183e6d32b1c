"""Template helpers of the teams app."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch

register = template.Library()


def url_of(obj: Any) -> str:
    """The record's page, or "" when it has none (yet): a person's page belongs to the
    personnel app, which may not have registered it."""
    try:
        return obj.get_absolute_url() if obj is not None else ""
    except NoReverseMatch:
        return ""


@register.filter
def record_url(obj: Any) -> str:
    return url_of(obj)
