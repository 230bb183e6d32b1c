"""The spreadsheets of the teams app: teams, members, alliances, mentees, mentorships,
assessments, outcomes and a period's service figures — declared once for import and export.

Every reference may be given by code or name; persons, teams, mentees and mentorships only
among those the caller may see, so a name outside the scope reads as unknown. The model's own
rules run on each row (the engine's `full_clean`); the many-to-many values are checked here.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.utils.translation import gettext_lazy as _

from duikou.core.columns import BOOL, CHOICE, DATE, DECIMAL, INTEGER, REF, REFS, Column, Ref, Table
from duikou.core.imports import RowContext, import_file
from duikou.teams.choices import AssessmentResult, OutcomeKind, Sector, TeamModel
from duikou.teams.models import (
    Alliance,
    Assessment,
    Mentee,
    Mentorship,
    Outcome,
    ServiceFigure,
    Team,
    TeamMember,
)


def _visible(label: str):
    def choose(user: Any):
        from django.apps import apps

        return apps.get_model(label)._default_manager.visible_to(user)

    return choose


PARTY = Ref("organisations.AidingParty", match=("code", "name", "short_name"))
PLACE = Ref("places.Place", match=("code", "name", "alias"))
ORGANISATION = Ref("organisations.Organisation", match=("code", "name"))
PERSON = Ref("personnel.Person", match=("code", "name"), choosable=_visible("personnel.Person"))
TEAM = Ref("teams.Team", match=("code", "name"), choosable=_visible("teams.Team"))
MENTEE = Ref("teams.Mentee", match=("code", "name"), choosable=_visible("teams.Mentee"))
MENTORSHIP = Ref(
    "teams.Mentorship", match=("code",), name="", choosable=_visible("teams.Mentorship")
)

SCOPE = {"scope_column": "aiding_party"}


def _check_supporting(
    obj: Team, values: dict[str, str], ctx: RowContext, *, line: int, created: bool, m2m
) -> None:
    """The supporting institutions as they will be saved must be the team's party's."""
    institutions = m2m.get("supporting_institutions")
    if institutions is None and not created:
        institutions = list(obj.supporting_institutions.all())
    for problem in obj.supporting_errors(institutions or []):
        ctx.error(line, "supporting_institutions", problem)


TEAMS = Table(
    Team,
    [
        Column("code", _("Team code"), required=True, example="TJ-HTDQ-YK", width=16),
        Column("name", _("Team name"), required=True, example="天津医疗组团式援疆团队", width=30),
        Column("aiding_party", _("Aiding party"), REF, True, "天津市", ref=PARTY),
        Column(
            "institution",
            _("Supported institution code"),
            REF,
            True,
            "HOSP-653200-RMYY",
            ref=ORGANISATION,
        ),
        Column(
            "model", _("Team model"), CHOICE, True, "以院包科", choices=tuple(TeamModel.choices)
        ),
        Column("sector", _("Sector"), CHOICE, example="医疗", choices=tuple(Sector.choices)),
        Column(
            "supporting_institutions", _("Supporting institution codes"), REFS, ref=ORGANISATION
        ),
        Column("departments", _("Departments or subjects"), example="眼科", width=20),
        Column("start", _("Start"), DATE, True, "2016-08-01"),
        Column("end", _("End"), DATE),
        Column("note", _("Note"), width=30),
    ],
    key="code",
    title=_("Teams"),
    filename="teams",
    prepare=_check_supporting,
    extra=SCOPE,
)

MEMBERS = Table(
    TeamMember,
    [
        Column("team", _("Team code"), REF, True, "TJ-HTDQ-YK", ref=TEAM),
        Column("person", _("Person number"), REF, True, "120000-00001", ref=PERSON),
        Column("role", _("Role in the team"), example="领队"),
        Column("start", _("Start"), DATE, True, "2022-02-01"),
        Column("end", _("End"), DATE),
        Column("justification", _("Justification"), width=30),
    ],
    key=None,
    title=_("Team members"),
    filename="team-members",
    extra={"scope_column": "team"},
)

ALLIANCES = Table(
    Alliance,
    [
        Column("name", _("Alliance name"), required=True, example="津和眼科专科联盟", width=24),
        Column("aiding_party", _("Aiding party"), REF, True, "天津市", ref=PARTY),
        Column(
            "aiding_institution",
            _("Aiding-side institution code"),
            REF,
            True,
            "HOSP-120000-YKYY",
            ref=ORGANISATION,
        ),
        Column(
            "recipient_institution",
            _("Recipient-side institution code"),
            REF,
            True,
            "HOSP-653200-RMYY",
            ref=ORGANISATION,
        ),
        Column("other_institutions", _("Further member institution codes"), REFS, ref=ORGANISATION),
        Column("specialty", _("Specialty"), example="眼科"),
        Column("team", _("Team code"), REF, ref=TEAM),
        Column("founded", _("Founded"), DATE, True, "2017-05-01"),
        Column("note", _("Note"), width=30),
    ],
    key="name",
    title=_("Alliances"),
    filename="alliances",
    extra=SCOPE,
)

MENTEES = Table(
    Mentee,
    [
        Column("code", _("Mentee number"), required=True, example="MT-320000-00001", width=18),
        Column("name", _("Name"), required=True, example="许天宝"),
        Column("aiding_party", _("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column(
            "institution", _("Institution code"), REF, True, "HOSP-653000-RMYY", ref=ORGANISATION
        ),
        Column("post", _("Post held"), example="心血管二科主任"),
        Column("note", _("Note"), width=30),
    ],
    key="code",
    title=_("Mentees"),
    filename="mentees",
    extra=SCOPE,
)

MENTORSHIPS = Table(
    Mentorship,
    [
        Column(
            "code",
            _("Mentorship code"),
            note=_("empty: given from the numbers and the start"),
            width=28,
        ),
        Column("mentor", _("Mentor number"), REF, True, "320000-00001", ref=PERSON),
        Column("mentee", _("Mentee number"), REF, True, "MT-320000-00001", ref=MENTEE),
        Column("team", _("Team code"), REF, ref=TEAM),
        Column("start", _("Start"), DATE, True, "2019-03-01"),
        Column("end", _("End"), DATE),
        Column("goals", _("Goals"), width=40),
    ],
    key="code",
    title=_("Mentorships"),
    filename="mentorships",
    extra={"scope_column": "mentor"},
)

ASSESSMENTS = Table(
    Assessment,
    [
        Column("mentorship", _("Mentorship code"), REF, True, ref=MENTORSHIP, width=28),
        Column("date", _("Date"), DATE, True, "2020-12-20"),
        Column(
            "result", _("Result"), CHOICE, True, "优秀", choices=tuple(AssessmentResult.choices)
        ),
        Column("score", _("Score"), DECIMAL, example="92"),
        Column("note", _("Note"), width=30),
    ],
    key=None,
    title=_("Assessments"),
    filename="assessments",
    extra={"scope_column": "mentorship"},
)

_DERIVED = [
    Column("aiding_party", _("Aiding party"), REF, ref=PARTY, imports=False),
    Column("place", _("Place code"), REF, ref=PLACE, imports=False),
]

OUTCOMES = Table(
    Outcome,
    [
        Column("mentorship", _("Mentorship code"), REF, ref=MENTORSHIP, width=28),
        Column("person", _("Person number"), REF, ref=PERSON),
        Column("team", _("Team code"), REF, ref=TEAM),
        Column("kind", _("Kind"), CHOICE, True, "掌握手术", choices=tuple(OutcomeKind.choices)),
        Column("description", _("What"), required=True, example="心脏手术", width=24),
        Column("before", _("Before"), INTEGER, example="3"),
        Column("after", _("After"), INTEGER, True, "20"),
        Column("after_is_minimum", _("At least (yes/no)"), BOOL, example="是"),
        Column("unit", _("Unit"), example="种"),
        Column("as_of", _("As of"), DATE, True, "2021-06-30"),
        Column("note", _("Note"), width=30),
        *_DERIVED,
    ],
    key=None,
    title=_("Outcomes"),
    filename="outcomes",
    extra=SCOPE,
)

FIGURES = Table(
    ServiceFigure,
    [
        Column(
            "code",
            _("Figure code"),
            note=_("empty: given from the team or person and the period"),
            width=30,
        ),
        Column("team", _("Team code"), REF, ref=TEAM),
        Column("person", _("Person number"), REF, ref=PERSON),
        Column("period_start", _("Period start"), DATE, True, "2024-01-01"),
        Column("period_end", _("Period end"), DATE, True, "2024-06-30"),
        Column(
            "patients_seen", _("Patients seen (person-times)"), INTEGER, example="5200", total=True
        ),
        Column("operations", _("Operations"), INTEGER, example="630", total=True),
        Column("new_techniques", _("New techniques introduced"), INTEGER, example="4", total=True),
        Column("trained", _("Staff trained (person-times)"), INTEGER, example="120", total=True),
        Column("public_lessons", _("Public lessons"), INTEGER, example="10", total=True),
        Column("note", _("Note"), width=30),
        *_DERIVED,
    ],
    key="code",
    title=_("Service figures"),
    filename="service-figures",
    extra=SCOPE,
)

import_figures = partial(import_file, FIGURES)
