"""Small builders for the personnel tests: party A is 江苏 (paired with 伊宁县)."""

from __future__ import annotations

import datetime as dt
import itertools

from duikou.organisations.models import AidingParty
from duikou.personnel.choices import Field, Kind
from duikou.personnel.models import Person, Posting
from duikou.places.models import Place

_n = itertools.count(1)
YINING = "654021"  # paired with 江苏
HOTAN = "653201"  # 和田市, paired with 北京, not 江苏


def party(code: str = "320000") -> AidingParty:
    return AidingParty.objects.get(code=code)


def place(code: str = YINING) -> Place:
    return Place.objects.get(code=code)


def person(party_code: str = "320000", **fields) -> Person:
    n = next(_n)
    fields.setdefault("name", f"测试人员{n}")
    return Person.objects.create(aiding_party=party(party_code), code=f"T-{n}", **fields)


def posting(who: Person | None = None, place_code: str = YINING, **fields) -> Posting:
    who = who or person()
    fields.setdefault("kind", Kind.PROFESSIONAL)
    fields.setdefault("field", Field.TEACHER)
    fields.setdefault("start", dt.date(2023, 2, 1))
    fields.setdefault("end", dt.date(2026, 1, 31))
    p = Posting(person=who, place=place(place_code), **fields)
    p.full_clean()
    p.save()
    return p


def csv_file(header: list[str], *rows: list[str]) -> bytes:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


ROSTER_HEADER = [
    "aiding_party",
    "person.code",
    "person.name",
    "kind",
    "field",
    "place",
    "start",
    "end",
    "cross_pairing_reason",
]


def roster_row(code: str, name: str = "张伟", **over: str) -> list[str]:
    values = {
        "aiding_party": "江苏省",
        "person.code": code,
        "person.name": name,
        "kind": "professional",
        "field": "teacher",
        "place": YINING,
        "start": "2024-02-01",
        "end": "2027-01-31",
        "cross_pairing_reason": "",
    }
    values.update(over)
    return [values[k] for k in ROSTER_HEADER]
