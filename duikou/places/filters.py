"""The place filter every filter set shares: `place` = the subtree of a code, name or alias."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from duikou.core.pickers import PickerFilterInput
from duikou.places.models import within_named_q


class PlaceFilter(django_filters.CharFilter):
    """Records at the place a text names (code 654021, name 伊宁县 or alias) or below it.

    `field_name` is the lookup from the record to its place ("place", "project__place", "pk"
    for places themselves).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Place (code or name, with what lies below)"))
        kwargs.setdefault("widget", PickerFilterInput("place"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(within_named_q(self.field_name, value))
