"""Filters every list shares: money bounds typed as people write them (100万, 1,000,000),
yes/no choices whose empty choice reads "all"."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from duikou.core.forms import MoneyField


class YesNoAll(forms.Select):
    """A yes/no/any select for a BooleanFilter whose empty choice reads "all", not "unknown"
    (django-filter's default NullBooleanSelect offers 未知, which reads as a filter value)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("All")), ("true", _("yes")), ("false", _("no"))])


class MoneyFilter(django_filters.NumberFilter):
    """An amount bound in yuan (the stored unit, so `?min_aid=1000000` keeps its meaning in
    the API) that also reads 100万 / 100万元 / 1,000,000 from the list's filter form."""

    field_class = MoneyField
