"""Filters every list shares: money bounds typed as people write them (100万, 1,000,000)."""

from __future__ import annotations

import django_filters

from duikou.core.forms import MoneyField


class MoneyFilter(django_filters.NumberFilter):
    """An amount bound in yuan (the stored unit, so `?min_aid=1000000` keeps its meaning in
    the API) that also reads 100万 / 100万元 / 1,000,000 from the list's filter form."""

    field_class = MoneyField
