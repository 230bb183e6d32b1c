"""Coverage (全覆盖): the share of each county's towns and villages that are twinned.

A few grouped queries whatever the number of pairs: the towns and villages each county has
(places grouped by parent, one join for villages; remembered until the tree changes), and the
distinct towns and villages twinned on a date — from `CoverageSpan` (each twinned place's
merged periods, kept by `spans.py`), or from the pairs themselves for one party's coverage.
Measured in bench/bench_twinning.py (`twinning.coverage_by_county`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils import timezone

from duikou.places.choices import Level
from duikou.places.models import Place
from duikou.twinning.choices import PairKind
from duikou.twinning.models import CoverageSpan, Pair


@dataclass
class CountyCoverage:
    county: Place
    towns: int = 0
    towns_twinned: int = 0
    villages: int = 0
    villages_twinned: int = 0

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def town_share(self) -> float | None:
        return self._share(self.towns_twinned, self.towns)

    @property
    def village_share(self) -> float | None:
        return self._share(self.villages_twinned, self.villages)

    @property
    def full(self) -> bool:
        """全覆盖: every town and every village of the county (as loaded) is twinned."""
        return (
            bool(self.towns)
            and self.towns_twinned >= self.towns
            and (self.villages_twinned >= self.villages)
        )

    @property
    def share(self) -> float | None:
        """Towns and villages together, for the map."""
        return self._share(self.towns_twinned + self.villages_twinned, self.towns + self.villages)


def _by(rows, key: str) -> dict[int, int]:
    return {r[key]: r["n"] for r in rows}


def unit_totals(places) -> tuple[dict[int, int], dict[int, int]]:
    """Each county's towns and villages (by county id), remembered until places change: the
    tree changes when divisions are loaded or a unit is added, not between two page views."""
    stamp = Place.everywhere.aggregate(n=Count("id"), last=Max("updated_at"))
    which = hashlib.sha256(f"{stamp['n']}:{stamp['last']}:{places.query}".encode()).hexdigest()
    key = f"twinning.unit_totals:{which}"
    totals = cache.get(key)
    if totals is None:
        towns = _by(
            places.filter(level=Level.TOWNSHIP).values("parent_id").annotate(n=Count("id")),
            "parent_id",
        )
        villages = _by(
            places.filter(level=Level.VILLAGE).values("parent__parent_id").annotate(n=Count("id")),
            "parent__parent_id",
        )
        totals = (towns, villages)
        cache.set(key, totals, 3600)
    return totals


def coverage_by_county(
    user: Any = None, on: dt.date | None = None, party: Any = None, within: Place | None = None
) -> list[CountyCoverage]:
    """Every county of the aided region with loaded towns or twinned units, as of `on`."""
    on = on or timezone.localdate()
    pairs = Pair.objects.visible_to(user) if user is not None else Pair.objects.all()
    pairs = pairs.current(on)
    if party is not None:
        pairs = pairs.filter(aiding_party=party)
    places = Place.objects.all()
    if within is not None:
        places = places.within(within)
        pairs = pairs.filter(recipient_county__path__startswith=within.path)
    towns, villages = unit_totals(places)
    twinned: dict[str, dict[int, int]] = {PairKind.TOWNSHIP: {}, PairKind.VILLAGE: {}}
    if party is None:
        # Town and village pairs are public (see `Pair.scope_rule`): every caller's coverage
        # is the same, read from the merged periods (one row per twinned place and period).
        spans = CoverageSpan.objects.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)
        if within is not None:
            spans = spans.filter(county__path__startswith=within.path)
        rows = spans.values("county_id", "kind").annotate(n=Count("place_id", distinct=True))
        for row in rows:
            twinned[row["kind"]][row["county_id"]] = row["n"]
    else:
        rows = (
            pairs.filter(kind__in=list(twinned))
            .values("recipient_county_id", "kind")
            .annotate(n=Count("recipient_place_id", distinct=True))
        )
        for row in rows:
            twinned[row["kind"]][row["recipient_county_id"]] = row["n"]
    ids = (
        set(towns)
        | set(villages)
        | set(twinned[PairKind.TOWNSHIP])
        | set(twinned[PairKind.VILLAGE])
    )
    counties = places.filter(pk__in=ids, level=Level.COUNTY).select_related("parent")
    return [
        CountyCoverage(
            county=c,
            towns=towns.get(c.pk, 0),
            towns_twinned=twinned[PairKind.TOWNSHIP].get(c.pk, 0),
            villages=villages.get(c.pk, 0),
            villages_twinned=twinned[PairKind.VILLAGE].get(c.pk, 0),
        )
        for c in counties
    ]


@dataclass
class UnitCoverage:
    place: Place
    partners: list[str]


def county_units(county: Place, user: Any = None, on: dt.date | None = None, party=None):
    """The county's towns and villages, each with the aiding units twinned with it on `on`:
    (towns, villages), villages ordered under their towns."""
    on = on or timezone.localdate()
    pairs = Pair.objects.visible_to(user) if user is not None else Pair.objects.all()
    pairs = pairs.current(on).filter(
        recipient_county=county, kind__in=[PairKind.TOWNSHIP, PairKind.VILLAGE]
    )
    if party is not None:
        pairs = pairs.filter(aiding_party=party)
    partners: dict[int, list[str]] = {}
    for place_id, name in pairs.values_list("recipient_place_id", "aiding_place__name"):
        partners.setdefault(place_id, []).append(name or "")
    below = Place.objects.within(county).filter(level__in=[Level.TOWNSHIP, Level.VILLAGE])
    units = [UnitCoverage(p, sorted(partners.get(p.pk, []))) for p in below.order_by("path")]
    return (
        [u for u in units if u.place.level == Level.TOWNSHIP],
        [u for u in units if u.place.level == Level.VILLAGE],
    )
