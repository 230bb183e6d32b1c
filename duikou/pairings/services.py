"""Loading the official pairing table, and the one command that loads all reference data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction

from duikou.core.context import acting_as
from duikou.lib.datafile import RowChecker, read_csv
from duikou.organisations.models import AidingParty
from duikou.organisations.services import ensure_standard_organisations, load_aiding_parties
from duikou.pairings.models import Pairing
from duikou.places.models import Place
from duikou.places.services import load_places, regiment_spec, upsert_places

DATA_DIR = Path(__file__).resolve().parent / "data"
PAIRINGS_FILE = DATA_DIR / "pairings.csv"
REGIMENT_TYPE = "兵团团场"
COLUMNS = [
    "aiding_party",
    "aided_prefecture",
    "aided_unit",
    "aided_unit_code",
    "unit_type",
    "since",
]


def load_pairings(parties: dict[str, AidingParty], path: Path = PAIRINGS_FILE) -> list[Pairing]:
    rows = read_csv(path, COLUMNS)
    check = RowChecker(path)
    places = {p.code: p for p in Place.objects.all()}
    planned = []
    regiments = []
    for row in rows:
        party = parties.get(row.get("aiding_party"))
        if party is None:
            check.error(row, "aiding_party", f"{row.get('aiding_party')!r} is not an aiding party")
        since = check.check(row, "since", int, "{value!r} is not a year")
        if since is not None and not 1950 <= since <= 2100:
            check.error(row, "since", f"{since} is not a plausible year")
        unit = check.require(row, "aided_unit")
        code = row.get("aided_unit_code")
        if row.get("unit_type") == REGIMENT_TYPE:
            division, sep, regiment = unit.partition("师")
            if not sep or not regiment.endswith("团"):
                check.error(row, "aided_unit", f"{unit!r} is not a regiment like 第十二师二二一团")
                continue
            try:
                spec = regiment_spec(division + "师", regiment, row.get("note"))
            except ValueError:
                check.error(row, "aided_unit", f"{unit!r} has a regiment number we cannot read")
                continue
            if spec.parent_code not in places:
                check.error(row, "aided_unit", f"division of {unit!r} is not a known place")
                continue
            regiments.append(spec)
            code = spec.code
        elif not code:
            check.error(row, "aided_unit_code", "value is required")
            continue
        elif code not in places:
            check.error(row, "aided_unit_code", f"{code} is not a known division code")
            continue
        else:
            place = places[code]
            if unit not in (place.name, place.alias):
                check.error(row, "aided_unit", f"{unit!r} does not match {code} ({place})")
        planned.append((row, party, code, since))
    check.raise_if_any()
    places = upsert_places(regiments) if regiments else places
    pairings = []
    for row, party, code, since in planned:
        pairing, _ = Pairing.objects.get_or_create(
            aiding_party=party,
            place=places[code],
            valid_from=dt.date(since, 1, 1),
            defaults={
                "verification": row.get("verification"),
                "source_url": row.get("source_url"),
                "source_url_2": row.get("source_url_2"),
                "note": row.get("note"),
            },
        )
        pairings.append(pairing)
    return pairings


def load_reference() -> dict[str, int]:
    """Load places, aiding parties, pairings and standard organisations in one transaction.

    Every file is validated before its rows are written, and any error rolls the whole load
    back, so the database is either fully updated or unchanged.
    """
    with transaction.atomic(), acting_as(None):
        load_places()
        parties = load_aiding_parties()
        pairings = load_pairings(parties)
        ensure_standard_organisations(pairings)
    from duikou.organisations.models import Organisation

    return {
        "places": Place.objects.count(),
        "aiding_parties": AidingParty.objects.count(),
        "pairings": Pairing.objects.count(),
        "organisations": Organisation.objects.count(),
    }
