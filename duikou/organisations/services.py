"""Loading aiding parties and deriving each party's standard organisations."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from django.conf import settings

from duikou.lib.datafile import RowChecker, read_csv
from duikou.organisations.choices import OrganisationKind, PartyKind
from duikou.organisations.models import AidingParty, Organisation
from duikou.places.choices import Level
from duikou.places.models import Place

DATA_DIR = Path(__file__).resolve().parent / "data"
PARTIES_FILE = DATA_DIR / "aiding_parties.csv"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def load_aiding_parties(path: Path = PARTIES_FILE) -> dict[str, AidingParty]:
    rows = read_csv(path, ["code", "name", "short_name", "kind", "sort_order", "colour"])
    check = RowChecker(path)
    kinds = set(PartyKind.values)
    seen: set[str] = set()
    for row in rows:
        code = check.require(row, "code")
        if code in seen:
            check.error(row, "code", f"{code} appears twice")
        seen.add(code)
        check.require(row, "name")
        check.require(row, "short_name")
        if row.get("kind") not in kinds:
            check.error(row, "kind", f"{row.get('kind')!r} is not one of {', '.join(kinds)}")
        check.check(row, "sort_order", int, "{value!r} is not a whole number")
        if not _COLOUR.match(row.get("colour")):
            check.error(row, "colour", f"{row.get('colour')!r} is not a colour like #c23531")
    check.raise_if_any()
    parties = {p.name: p for p in AidingParty.objects.all()}
    for row in rows:
        party = parties.get(row["name"]) or AidingParty(name=row["name"])
        party.code = row["code"]
        party.short_name = row["short_name"]
        party.kind = row["kind"]
        party.sort_order = int(row["sort_order"])
        party.colour = row["colour"]
        if party.pk is None or party.history_values() != party._history_snapshot:
            party.save()
        parties[party.name] = party
    return parties


def _upsert_org(code: str, **values) -> Organisation:
    org = Organisation.objects.filter(code=code).first() or Organisation(code=code)
    for key, value in values.items():
        setattr(org, key, value)
    if org.pk is None or org.history_values() != org._history_snapshot:
        org.save()
    return org


def ensure_standard_organisations(pairings: list) -> None:
    """One 前方指挥部 per party, one 工作组 per paired place, one government per place.

    Deterministic and idempotent: organisations are keyed by derived codes (HQ-<party>,
    WG-<party>-<place>, GOV-<place>), so re-running updates names instead of duplicating.
    """
    region = settings.DUIKOU_REGION_SHORT_NAME
    by_party: dict[AidingParty, list[Place]] = {}
    for pairing in pairings:
        by_party.setdefault(pairing.aiding_party, []).append(pairing.place)
    for place in Place.objects.filter(level__in=[Level.PREFECTURE, Level.COUNTY]):
        _upsert_org(
            f"GOV-{place.code}",
            name=f"{place.name}人民政府" if place.official_code else f"{place.name}（师部）",
            kind=OrganisationKind.RECIPIENT_GOVERNMENT,
            place=place,
            aiding_party=None,
        )
    for party, places in by_party.items():
        prefectures = Counter(
            p.parent for p in places if p.parent and p.parent.level == "prefecture"
        )
        home = prefectures.most_common(1)[0][0] if prefectures else places[0].parent
        hq_name = (
            f"{party.name}对口支援{region}{home.name}前方指挥部"
            if home
            else f"{party.name}{settings.DUIKOU_PROGRAMME_SHORT_NAME}前方指挥部"
        )
        hq = _upsert_org(
            f"HQ-{party.code}",
            name=hq_name,
            kind=OrganisationKind.HQ,
            aiding_party=party,
            place=home,
        )
        for place in places:
            _upsert_org(
                f"WG-{party.code}-{place.code}",
                name=(
                    f"{party.short_name}{settings.DUIKOU_PROGRAMME_SHORT_NAME}"
                    f"{place.alias or place.name}工作组"
                ),
                kind=OrganisationKind.WORK_GROUP,
                aiding_party=party,
                place=place,
                parent=hq,
            )
