"""The personnel spreadsheets: batches, persons and the roster (花名册), declared once for the
import, the template and the exports.

A roster row is a person and one term of theirs. The person columns (`person.*`) are no field
of the posting: the prepare hook finds the person by the party and its person number (人员编号)
or makes a new one, which the write hook saves before the postings. Re-importing a term that is
already recorded is refused as an overlapping term, never written twice.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.columns import CHOICE, DATE, INTEGER, REF, Column, Ref, Table
from duikou.core.history import record_bulk_creation
from duikou.core.imports import RowContext, import_file, rows_written
from duikou.core.memo import remembered
from duikou.personnel.choices import Field, Kind, Level, PlanStatus, PostingStatus, Sex
from duikou.personnel.models import Batch, Need, Person, Posting, RecruitmentPlan

PARTY = Ref("organisations.AidingParty", match=("code", "name", "short_name"))
PLACE = Ref("places.Place", match=("code", "name", "alias"))
ORGANISATION = Ref("organisations.Organisation", match=("code", "name"))
KINDS = tuple(Kind.choices)
FIELDS = tuple(Field.choices)

BATCHES = Table(
    Batch,
    [
        Column("aiding_party", gettext_lazy("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column("number", gettext_lazy("Batch number"), INTEGER, True, "10"),
        Column("name", gettext_lazy("Name"), example="第十批援疆干部人才", width=24),
        Column("start", gettext_lazy("Start"), DATE, True, "2020-02-01"),
        Column("end", gettext_lazy("End"), DATE, True, "2023-01-31"),
        Column("note", gettext_lazy("Note"), width=30),
    ],
    key=None,
    title=gettext_lazy("Batches"),
    filename="batches",
    extra={"scope_column": "aiding_party"},
)

PERSONS = Table(
    Person,
    [
        Column("aiding_party", gettext_lazy("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column("code", gettext_lazy("Person number"), example="JS-00001"),
        Column("name", gettext_lazy("Name"), required=True, example="张伟"),
        Column("sex", gettext_lazy("Sex"), CHOICE, choices=tuple(Sex.choices), example="男"),
        Column("birth_year", gettext_lazy("Birth year"), INTEGER, example="1985"),
        Column("home_unit", gettext_lazy("Home unit code"), REF, ref=ORGANISATION),
        Column("place", gettext_lazy("Posting place code"), REF, example="654021", ref=PLACE),
        Column("phone", gettext_lazy("Phone")),
        Column("email", gettext_lazy("Email")),
        Column("note", gettext_lazy("Note"), width=30),
    ],
    key=None,
    title=gettext_lazy("Persons"),
    filename="persons",
    extra={"scope_column": "aiding_party"},
)


# -- the roster: a person and one term per row ----------------------------------------------
def _people(party_id: int, user: Any) -> dict[str, Any]:
    """The party's person numbers: {code: person} for those the caller may change, {code: None}
    for the others (a number the caller may not use)."""
    codes = dict.fromkeys(
        Person.objects.filter(aiding_party_id=party_id).values_list("code", flat=True)
    )
    codes.update(
        {p.code: p for p in Person.objects.editable_by(user).filter(aiding_party_id=party_id)}
    )
    return codes


def _terms(party_id: int) -> dict[int, list[Posting]]:
    """The stored terms of the party's persons, by person (one query per party and file)."""
    terms: dict[int, list[Posting]] = {}
    for posting in Posting.objects.filter(aiding_party_id=party_id).select_related("place"):
        terms.setdefault(posting.person_id, []).append(posting)
    return terms


def _batches(party_id: int) -> dict[int, Batch]:
    return {b.number: b for b in Batch.objects.filter(aiding_party_id=party_id)}


PERSON_FIELDS = ("name", "sex", "birth_year", "home_unit", "phone")


def _prepare_roster(
    obj: Posting,
    values: dict[str, str],
    ctx: RowContext,
    *,
    line: int,
    created: bool,
    m2m: dict[str, list[Any]],
) -> None:
    """Find the person by party and number or make them; name the batch by its number; link a
    repeat term to the person's previous one."""
    cells = ctx.cells
    party = obj.aiding_party if obj.aiding_party_id else None
    code = (cells.get("person.code") or "").strip()
    if party is None or not code:
        return
    people = remembered(
        ("roster_people", party.pk, ctx.user.pk), lambda: _people(party.pk, ctx.user)
    )
    terms = remembered(("roster_terms", party.pk), lambda: _terms(party.pk))
    person = people.get(code)
    if code in people and person is None:
        ctx.error(line, "person.code", _("You may not change person %(code)s.") % {"code": code})
        return
    if person is None:
        person = Person(aiding_party=party, code=code)
        people[code] = person
    elif person.pk is not None and cells.get("person.name") and cells["person.name"] != person.name:
        ctx.error(
            line,
            "person.name",
            _("Person %(code)s is %(name)s in the records, not %(given)s.")
            % {"code": code, "name": person.name, "given": cells["person.name"]},
        )
        return
    for name in PERSON_FIELDS:
        value = cells.get(f"person.{name}")
        if value not in (None, "") and person.pk is None:
            setattr(person, name, value)
    obj.person = person
    if person.pk is not None:
        stored = terms.get(person.pk, [])
        # The model's overlap rule reads these instead of querying once per row.
        remembered(("person_terms", person.pk), lambda: stored)
        if obj.start and obj.previous_id is None:
            earlier = [t for t in stored if t.end < obj.start]
            if earlier:
                obj.previous = max(earlier, key=lambda t: t.end)
    number = cells.get("batch.number")
    if number is not None:
        batch = remembered(("roster_batches", party.pk), lambda: _batches(party.pk)).get(number)
        if batch is None:
            ctx.error(
                line,
                "batch.number",
                _("%(party)s has no batch %(number)s.") % {"party": party, "number": number},
            )
        else:
            obj.batch = batch
    if person.pk is None:
        try:
            person.full_clean(exclude=["aiding_party", "home_unit"], validate_unique=False)
        except Exception as invalid:  # noqa: BLE001 - a ValidationError, reported by cell
            for name, messages in getattr(invalid, "message_dict", {}).items():
                for message in messages:
                    ctx.error(line, f"person.{name}", message)


def _check_roster(planned: list[Any], ctx: RowContext) -> None:
    """Two rows of the file may not put one person on post twice at once."""
    by_person: dict[int, list[Any]] = {}
    for row in planned:
        by_person.setdefault(id(row.obj.person), []).append(row)
    for rows in by_person.values():
        rows.sort(key=lambda r: r.obj.start)
        for earlier, later in zip(rows, rows[1:], strict=False):
            if later.obj.start <= earlier.obj.last_day:
                ctx.error(
                    later.row,
                    "start",
                    _(
                        "%(person)s is already on post from %(start)s to %(end)s in row "
                        "%(row)s; terms may not overlap."
                    )
                    % {
                        "person": later.obj.person,
                        "start": earlier.obj.start,
                        "end": earlier.obj.last_day,
                        "row": earlier.row,
                    },
                )


def _write_roster(created: list[Any], updated: list[Any]) -> None:
    """New persons first, then their terms; history for both, as the engine writes it."""
    new_people: dict[int, Person] = {}
    for row in created:
        if row.obj.person.pk is None:
            new_people.setdefault(id(row.obj.person), row.obj.person)
    people = list(new_people.values())
    Person.objects.bulk_create(people, batch_size=1000)
    record_bulk_creation(people, source="import")
    postings = [row.obj for row in created]
    for posting in postings:
        posting.person = posting.person  # takes the saved person's id
    Posting.objects.bulk_create(postings, batch_size=1000)
    record_bulk_creation(postings, source="import")
    Person.keep_places(sorted({p.person_id for p in postings}))
    rows_written.send(sender=Posting, created=postings, updated=[])


ROSTER = Table(
    Posting,
    [
        Column("aiding_party", gettext_lazy("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column("person.code", gettext_lazy("Person number"), required=True, example="JS-00001"),
        Column("person.name", gettext_lazy("Name"), required=True, example="张伟"),
        Column("person.sex", gettext_lazy("Sex"), CHOICE, choices=tuple(Sex.choices)),
        Column("person.birth_year", gettext_lazy("Birth year"), INTEGER, example="1985"),
        Column("person.home_unit", gettext_lazy("Home unit code"), REF, ref=ORGANISATION),
        Column("person.phone", gettext_lazy("Phone")),
        Column("batch.number", gettext_lazy("Batch number"), INTEGER, example="10"),
        Column("kind", gettext_lazy("Kind"), CHOICE, True, "专业技术人才", choices=KINDS),
        Column("field", gettext_lazy("Field"), CHOICE, example="教师", choices=FIELDS),
        Column("place", gettext_lazy("Posting place code"), REF, True, "654021", ref=PLACE),
        Column("unit", gettext_lazy("Receiving unit code"), REF, ref=ORGANISATION),
        Column("post", gettext_lazy("Post"), example="伊宁县第三中学副校长", width=24),
        Column("start", gettext_lazy("Term start"), DATE, True, "2023-02-01"),
        Column("end", gettext_lazy("Term end"), DATE, True, "2026-01-31"),
        Column(
            "status",
            gettext_lazy("Status"),
            CHOICE,
            example="在岗",
            choices=tuple(PostingStatus.choices),
        ),
        Column("returned_on", gettext_lazy("Returned on"), DATE),
        Column("cross_pairing_reason", gettext_lazy("Cross-pairing reason"), width=24),
    ],
    key=None,
    title=gettext_lazy("Roster"),
    filename="roster",
    prepare=_prepare_roster,
    check_rows=_check_roster,
    write=_write_roster,
    extra={"scope_column": "aiding_party"},
)

NEEDS = Table(
    Need,
    [
        Column(
            "title", gettext_lazy("Title"), required=True, example="伊宁县人民医院急需心内科医生"
        ),
        Column("aiding_party", gettext_lazy("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column("place", gettext_lazy("Place code"), REF, True, "654021", ref=PLACE),
        Column("unit", gettext_lazy("Receiving unit code"), REF, ref=ORGANISATION),
        Column("field", gettext_lazy("Field"), CHOICE, True, "医生", choices=FIELDS),
        Column("level", gettext_lazy("Level"), CHOICE, choices=tuple(Level.choices)),
        Column("kind", gettext_lazy("Kind"), CHOICE, choices=KINDS),
        Column("number", gettext_lazy("Number needed"), INTEGER, True, "3", total=True),
        Column("start", gettext_lazy("From"), DATE, True, "2025-03-01"),
        Column("end", gettext_lazy("Until"), DATE, True, "2025-12-31"),
        Column("description", gettext_lazy("Description"), width=30),
    ],
    key=None,
    title=gettext_lazy("Needs"),
    filename="needs",
    extra={"scope_column": "place"},
)

PLANS = Table(
    RecruitmentPlan,
    [
        Column("title", gettext_lazy("Title"), required=True, example="柔性引进紧缺人才"),
        Column("aiding_party", gettext_lazy("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column("place", gettext_lazy("Place code"), REF, True, "654000", ref=PLACE),
        Column("kind", gettext_lazy("Kind"), CHOICE, choices=KINDS),
        Column("field", gettext_lazy("Field"), CHOICE, choices=FIELDS),
        Column("year", gettext_lazy("Year"), INTEGER, True, "2025"),
        Column("planned", gettext_lazy("Planned"), INTEGER, True, "615", total=True),
        Column("intent", gettext_lazy("Intent reached"), INTEGER, example="468", total=True),
        Column("arrived", gettext_lazy("Arrived"), INTEGER, example="252", total=True),
        Column(
            "status",
            gettext_lazy("Status"),
            CHOICE,
            choices=tuple(PlanStatus.choices),
            imports=False,
        ),
        Column("note", gettext_lazy("Note"), width=30),
    ],
    key=None,
    title=gettext_lazy("Recruitment plans"),
    filename="recruitment_plans",
    extra={"scope_column": "aiding_party"},
)

import_roster = partial(import_file, ROSTER)
