"""Loading the administrative tree from the data files shipped with the project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from duikou.lib.datafile import RowChecker, read_csv
from duikou.places.choices import Level
from duikou.places.models import Place

DATA_DIR = Path(__file__).resolve().parent / "data"
DIVISIONS_FILE = DATA_DIR / "xinjiang_divisions.csv"
XPCC_FILE = DATA_DIR / "xpcc_divisions.csv"

_LEVELS = {"region": Level.REGION, "prefecture": Level.PREFECTURE, "county": Level.COUNTY}
_KINDS = {"自治区", "地级市", "地区", "自治州", "市辖区", "县级市", "县", "自治县", "兵团师市"}
XPCC_DIVISION_KIND = "兵团师"
XPCC_REGIMENT_KIND = "兵团团场"


@dataclass
class PlaceSpec:
    code: str
    name: str
    level: str
    kind: str
    parent_code: str
    verification: str = ""
    note: str = ""
    alias: str = ""
    official_code: bool = True


def xpcc_division_code(division_name: str) -> str:
    """Project code for a Corps division with no city of its own, e.g. 第十二师 -> XPCC-12."""
    return f"XPCC-{chinese_ordinal(division_name)}"


def chinese_ordinal(name: str) -> int:
    """第十二师 -> 12 (only the 1–99 range Corps divisions and regiments need)."""
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    core = name.removeprefix("第").rstrip("师")
    if core == "十":
        return 10
    if core.startswith("十"):
        return 10 + digits[core[1]]
    if "十" in core:
        tens, _, ones = core.partition("十")
        return digits[tens] * 10 + (digits[ones] if ones else 0)
    return digits[core]


def read_divisions(path: Path = DIVISIONS_FILE) -> list[PlaceSpec]:
    rows = read_csv(path, ["code", "name", "level", "parent_code", "kind"])
    check = RowChecker(path)
    specs: list[PlaceSpec] = []
    seen: dict[str, int] = {}
    for row in rows:
        code = check.require(row, "code")
        if code and not (code.isdigit() and len(code) == 6):
            check.error(row, "code", f"{code!r} is not a 6-digit division code")
        if code in seen:
            check.error(row, "code", f"{code} already appears on line {seen[code]}")
        seen[code] = row.line
        name = check.require(row, "name")
        level = row.get("level")
        if level not in _LEVELS:
            check.error(row, "level", f"{level!r} is not one of {', '.join(_LEVELS)}")
        kind = row.get("kind")
        if kind not in _KINDS:
            check.error(row, "kind", f"{kind!r} is not a known kind of division")
        parent = row.get("parent_code")
        if level != "region" and not parent:
            check.error(row, "parent_code", "value is required below the region")
        specs.append(
            PlaceSpec(
                code=code,
                name=name,
                level=_LEVELS.get(level, ""),
                kind=kind,
                parent_code=parent,
                verification=row.get("verification"),
                note=row.get("note"),
            )
        )
    codes = {s.code for s in specs}
    for spec, row in zip(specs, rows, strict=True):
        if spec.parent_code and spec.parent_code not in codes:
            check.error(row, "parent_code", f"parent {spec.parent_code} is not in the file")
    check.raise_if_any()
    return specs


def read_xpcc(divisions: list[PlaceSpec], path: Path = XPCC_FILE) -> list[PlaceSpec]:
    """Corps divisions: alias onto their 师市合一 city, or a node of their own without one."""
    rows = read_csv(path, ["unit", "shi_shi_he_yi_city", "shi_shi_he_yi_city_code"])
    check = RowChecker(path)
    by_code = {s.code: s for s in divisions}
    region = next((s for s in divisions if s.level == Level.REGION), None)
    extra: list[PlaceSpec] = []
    for row in rows:
        unit = check.require(row, "unit")
        if not unit.startswith("第"):
            continue  # the Corps itself: an organisation, not a place of the tree
        try:
            chinese_ordinal(unit)
        except (KeyError, IndexError):
            check.error(row, "unit", f"{unit!r} is not a division name like 第三师")
            continue
        city_code = row.get("shi_shi_he_yi_city_code")
        if city_code:
            city = by_code.get(city_code)
            if city is None:
                check.error(row, "shi_shi_he_yi_city_code", f"{city_code} is not a known division")
            elif city.kind != "兵团师市":
                check.error(row, "shi_shi_he_yi_city_code", f"{city_code} is not a Corps city")
            else:
                city.alias = unit
        elif region is not None:
            extra.append(
                PlaceSpec(
                    code=xpcc_division_code(unit),
                    name=unit,
                    level=Level.PREFECTURE,
                    kind=XPCC_DIVISION_KIND,
                    parent_code=region.code,
                    verification=row.get("seat_verification"),
                    note=row.get("note"),
                    official_code=False,
                )
            )
    check.raise_if_any()
    return extra


def regiment_spec(division: str, regiment: str, note: str = "") -> PlaceSpec:
    """A Corps regiment named in a pairing (e.g. 第十二师 + 二二一团) as a place."""
    digits = "".join(str("〇一二三四五六七八九".index(ch)) for ch in regiment.rstrip("团"))
    return PlaceSpec(
        code=f"{xpcc_division_code(division)}-{digits}",
        name=f"{division}{regiment}",
        level=Level.COUNTY,
        kind=XPCC_REGIMENT_KIND,
        parent_code=xpcc_division_code(division),
        note=note,
        official_code=False,
    )


def upsert_places(specs: list[PlaceSpec]) -> dict[str, Place]:
    """Create or update places top-down (parents first); returns every place by code."""
    existing = {p.code: p for p in Place.objects.all()}
    depth = {s.code: 0 for s in specs}
    parents = {s.code: s.parent_code for s in specs}

    def level_of(code: str) -> int:
        seen = 0
        while parents.get(code) and seen < 20:
            code, seen = parents[code], seen + 1
        return seen

    for spec in specs:
        depth[spec.code] = level_of(spec.code)
    for spec in sorted(specs, key=lambda s: (depth[s.code], s.code)):
        place = existing.get(spec.code) or Place(code=spec.code)
        place.name = spec.name
        place.alias = spec.alias
        place.level = spec.level
        place.kind = spec.kind
        place.parent = existing.get(spec.parent_code) if spec.parent_code else None
        place.official_code = spec.official_code
        place.verification = spec.verification
        place.note = spec.note
        if place.pk is None or place.history_values() != getattr(place, "_history_snapshot", {}):
            place.save()
        existing[spec.code] = place
    return existing


def load_places() -> dict[str, Place]:
    """Validate both files completely, then write. Call inside a transaction."""
    divisions = read_divisions()
    extra = read_xpcc(divisions)
    return upsert_places(divisions + extra)
