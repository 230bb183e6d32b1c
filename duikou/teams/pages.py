"""The pages, menu entries, exports, imports and API routes of the teams app (core/registry.py).

Teams, alliances, mentorships and service figures have menu entries (95–98); members,
mentees, assessments and outcomes are reached from them and from the panels (panels.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.teams import columns, forms
from duikou.teams.choices import SERVICE_FIGURES, OutcomeKind, TeamModel
from duikou.teams.filters import (
    AllianceFilterSet,
    AssessmentFilterSet,
    MenteeFilterSet,
    MentorshipFilterSet,
    OutcomeFilterSet,
    ServiceFigureFilterSet,
    TeamFilterSet,
    TeamMemberFilterSet,
)
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
from duikou.teams.templatetags.teams import url_of

PAGE_NAMES = (
    "list", "detail", "create", "edit", "delete", "history", "export", "import", "import_template"
)


def _names(stem: str) -> dict[str, str]:
    """URL names of one model's pages in the shared `teams` namespace (member_list …)."""
    return {page: f"{stem}_{page}" for page in PAGE_NAMES}


_numbers = itertools.count(1)
SAMPLE_DAY = dt.date(2024, 3, 1)
DETAIL = "teams/detail.html"


# -- samples for the test kit: party A's records at an institution in 伊宁县 -----------------
def _institution(place):
    from duikou.organisations.choices import OrganisationKind
    from duikou.organisations.models import Organisation

    n = next(_numbers)
    return Organisation.objects.create(
        code=f"KIT-TEAM-ORG-{n}",
        name=f"样例受援医院{n}",
        kind=OrganisationKind.HOSPITAL,
        place=place,
    )


def _person(party, place):
    from duikou.personnel.choices import Field, Kind
    from duikou.personnel.models import Person, Posting

    person = Person.objects.create(aiding_party=party, name=f"样例援疆医生{next(_numbers)}")
    Posting.objects.create(
        person=person,
        kind=Kind.PROFESSIONAL,
        field=Field.DOCTOR,
        place=place,
        start=dt.date(2023, 1, 1),
        end=dt.date(2025, 12, 31),
    )
    return person


def sample_team(party, place) -> Team:
    n = next(_numbers)
    return Team.objects.create(
        code=f"KIT-TEAM-{n}",
        name=f"样例组团{n}",
        aiding_party=party,
        institution=_institution(place),
        model=TeamModel.HOSPITAL_DEPARTMENT,
        departments="眼科",
        start=dt.date(2023, 1, 1),
    )


def sample_member(party, place) -> TeamMember:
    return TeamMember.objects.create(
        team=sample_team(party, place),
        person=_person(party, place),
        role="队员",
        start=dt.date(2023, 2, 1),
    )


def sample_alliance(party, place) -> Alliance:
    from duikou.organisations.choices import OrganisationKind
    from duikou.organisations.models import Organisation

    n = next(_numbers)
    own = Organisation.objects.create(
        code=f"KIT-TEAM-AID-{n}",
        name=f"样例派出医院{n}",
        kind=OrganisationKind.HOSPITAL,
        aiding_party=party,
    )
    return Alliance.objects.create(
        name=f"样例专科联盟{n}",
        aiding_party=party,
        aiding_institution=own,
        recipient_institution=_institution(place),
        specialty="眼科",
        founded=dt.date(2023, 5, 1),
    )


def sample_mentee(party, place) -> Mentee:
    return Mentee.objects.create(
        code=f"KIT-MT-{next(_numbers)}",
        name="样例徒弟",
        aiding_party=party,
        institution=_institution(place),
        post="医师",
    )


def sample_mentorship(party, place) -> Mentorship:
    return Mentorship.objects.create(
        mentor=_person(party, place),
        mentee=sample_mentee(party, place),
        start=SAMPLE_DAY,
        goals="独立开展白内障手术",
    )


def sample_assessment(party, place) -> Assessment:
    return Assessment.objects.create(
        mentorship=sample_mentorship(party, place), date=dt.date(2024, 12, 20), result="good"
    )


def sample_outcome(party, place) -> Outcome:
    return Outcome.objects.create(
        mentorship=sample_mentorship(party, place),
        kind=OutcomeKind.SURGERIES,
        description="心脏手术",
        before=3,
        after=20,
        after_is_minimum=True,
        unit="种",
        as_of=dt.date(2024, 12, 31),
    )


def sample_figure(party, place) -> ServiceFigure:
    return ServiceFigure.objects.create(
        team=sample_team(party, place),
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 6, 30),
        patients_seen=5200,
        operations=630,
    )


# -- detail pages -----------------------------------------------------------------------------
def _link(obj: Any) -> tuple[str, str]:
    return (str(obj), url_of(obj)) if obj is not None else ("—", "")


def _section(title, headers, rows) -> dict[str, Any]:
    return {"title": title, "headers": headers, "rows": rows}


def figure_totals(qs) -> list[tuple[str, int, str]]:
    sums = qs.aggregate(**{name: Sum(name) for name, _label, _unit in SERVICE_FIGURES})
    return [(label, sums[name] or 0, unit) for name, label, unit in SERVICE_FIGURES]


def team_context(request: HttpRequest, team: Team) -> dict[str, Any]:
    user = request.user
    members = TeamMember.objects.visible_to(user).filter(team=team).select_related("person")
    mentorships = (
        Mentorship.objects.visible_to(user).filter(team=team).select_related("mentor", "mentee")
    )
    figures = ServiceFigure.objects.visible_to(user).filter(team=team)
    outcomes = Outcome.objects.visible_to(user).filter(team=team)
    return {
        "rows": [
            (_("Team code"), team.code, ""),
            (_("Aiding party"), *_link(team.aiding_party)),
            (_("Supported institution"), *_link(team.institution)),
            (_("Team model"), team.get_model_display(), ""),
            (_("Sector"), team.get_sector_display(), ""),
            (_("Departments or subjects"), team.departments or "—", ""),
            (_("Period"), f"{team.start} – {team.end or ''}", ""),
            (
                _("Supporting institutions"),
                "、".join(o.name for o in team.supporting_institutions.all()) or "—",
                "",
            ),
            (_("Note"), team.note or "—", ""),
        ],
        "totals": figure_totals(figures),
        "sections": [
            _section(
                _("Members"),
                [_("Person"), _("Role in the team"), _("Start"), _("End")],
                [
                    [_link(m.person), (m.role, ""), (m.start, ""), (m.end or "", "")]
                    for m in members
                ],
            ),
            _section(
                _("Mentorships"),
                [_("Mentor"), _("Mentee"), _("Start")],
                [
                    [_link(m.mentor), _link(m.mentee), (m.start, m.get_absolute_url())]
                    for m in mentorships
                ],
            ),
            _section(
                _("Alliances"),
                [_("Alliance"), _("Founded")],
                [
                    [_link(a), (a.founded, "")]
                    for a in Alliance.objects.visible_to(user).filter(team=team)
                ],
            ),
            _section(
                _("Outcomes"),
                [_("What"), _("Figure"), _("As of")],
                [[(o.description, url_of(o)), (o.figure, ""), (o.as_of, "")] for o in outcomes],
            ),
            _section(
                _("Service figures"),
                [_("Period"), *[label for _n, label, _u in SERVICE_FIGURES]],
                [
                    [
                        (f"{f.period_start} – {f.period_end}", f.get_absolute_url()),
                        *[(getattr(f, n), "") for n, _l, _u in SERVICE_FIGURES],
                    ]
                    for f in figures
                ],
            ),
        ],
    }


def _fields(obj: Any, names: list[str]) -> list[tuple[Any, Any, str]]:
    rows = []
    for name in names:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            value = "、".join(str(o) for o in getattr(obj, name).all()) or "—"
            rows.append((field.verbose_name, value, ""))
        elif field.is_relation:
            rows.append((field.verbose_name, *_link(getattr(obj, name))))
        elif field.choices:
            rows.append((field.verbose_name, getattr(obj, f"get_{name}_display")(), ""))
        else:
            value = getattr(obj, name)
            if isinstance(value, bool):  # 是/否, not True/False
                value = _("Yes") if value else _("No")
            rows.append((field.verbose_name, "—" if value in (None, "") else value, ""))
    return rows


def simple_context(names: list[str]):
    def context(request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"rows": _fields(obj, names)}

    return context


def mentorship_context(request: HttpRequest, m: Mentorship) -> dict[str, Any]:
    user = request.user
    assessments = Assessment.objects.visible_to(user).filter(mentorship=m)
    outcomes = Outcome.objects.visible_to(user).filter(mentorship=m)
    return {
        "rows": _fields(m, ["code", "mentor", "mentee", "team", "start", "end", "goals"])
        + [(_("Mentee's institution"), *_link(m.mentee.institution))],
        "sections": [
            _section(
                _("Assessments"),
                [_("Date"), _("Result"), _("Score"), _("Note")],
                [
                    [
                        (a.date, a.get_absolute_url()),
                        (a.get_result_display(), ""),
                        (a.score if a.score is not None else "", ""),
                        (a.note, ""),
                    ]
                    for a in assessments
                ],
            ),
            _section(
                _("Outcomes"),
                [_("What"), _("Figure"), _("As of")],
                [[(o.description, url_of(o)), (o.figure, ""), (o.as_of, "")] for o in outcomes],
            ),
        ],
    }


def mentee_context(request: HttpRequest, mentee: Mentee) -> dict[str, Any]:
    mentorships = (
        Mentorship.objects.visible_to(request.user).filter(mentee=mentee).select_related("mentor")
    )
    return {
        "rows": _fields(mentee, ["code", "name", "aiding_party", "institution", "post", "note"]),
        "sections": [
            _section(
                _("Mentorships"),
                [_("Mentor"), _("Start"), _("End")],
                [
                    [_link(m.mentor), (m.start, m.get_absolute_url()), (m.end or "", "")]
                    for m in mentorships
                ],
            )
        ],
    }


def figure_context(request: HttpRequest, f: ServiceFigure) -> dict[str, Any]:
    return {
        "rows": _fields(
            f,
            [
                "code",
                "team",
                "person",
                "period_start",
                "period_end",
                *[n for n, _l, _u in SERVICE_FIGURES],
                "note",
                "aiding_party",
                "place",
            ],
        )
    }


COMMON: dict[str, Any] = {"imports": True, "detail_template": DETAIL}

teams = register(
    Team,
    prefix="teams",
    filterset=TeamFilterSet,
    columns=[
        "name",
        "code",
        "aiding_party",
        "institution",
        "model",
        "sector",
        "departments",
        "start",
        "end",
    ],
    hidden_columns=["code", "sector", "end"],
    columns_table=columns.TEAMS,
    form=forms.TeamForm,
    api_prefix="teams",
    api_basename="team",
    nav=(_("Teams"), None),
    nav_order=95,
    select_related=["aiding_party", "institution"],
    prefetch_related=["supporting_institutions"],
    ordering=["aiding_party__sort_order", "code"],
    detail_context=team_context,
    sample=sample_team,
    **COMMON,
)

team_members = register(
    TeamMember,
    prefix="teams",
    path="members/",
    list_path="members/",
    names=_names("member"),
    filterset=TeamMemberFilterSet,
    columns=["__str__", "person", "team", "role", "start", "end"],
    columns_table=columns.MEMBERS,
    form=forms.TeamMemberForm,
    api_prefix="team-members",
    api_basename="team-member",
    select_related=["team__aiding_party", "person"],
    ordering=["team__code", "start", "id"],
    detail_context=simple_context(["team", "person", "role", "start", "end", "justification"]),
    sample=sample_member,
    **COMMON,
)

alliances = register(
    Alliance,
    prefix="teams",
    path="alliances/",
    list_path="alliances/",
    names=_names("alliance"),
    filterset=AllianceFilterSet,
    columns=[
        "name",
        "aiding_party",
        "aiding_institution",
        "recipient_institution",
        "specialty",
        "founded",
    ],
    columns_table=columns.ALLIANCES,
    form=forms.AllianceForm,
    api_prefix="alliances",
    api_basename="alliance",
    nav=(_("Alliances"), None),
    nav_order=96,
    select_related=["aiding_party", "aiding_institution", "recipient_institution", "team"],
    prefetch_related=["other_institutions"],
    ordering=["aiding_party__sort_order", "name"],
    detail_context=simple_context(
        [
            "name",
            "aiding_party",
            "aiding_institution",
            "recipient_institution",
            "other_institutions",
            "specialty",
            "team",
            "founded",
            "note",
        ]
    ),
    sample=sample_alliance,
    **COMMON,
)

mentees = register(
    Mentee,
    prefix="teams",
    path="mentees/",
    list_path="mentees/",
    names=_names("mentee"),
    filterset=MenteeFilterSet,
    columns=["name", "code", "institution", "post", "aiding_party"],
    columns_table=columns.MENTEES,
    form=forms.MenteeForm,
    api_prefix="mentees",
    api_basename="mentee",
    select_related=["aiding_party", "institution"],
    ordering=["code"],
    detail_context=mentee_context,
    sample=sample_mentee,
    **COMMON,
)

mentorships = register(
    Mentorship,
    prefix="teams",
    path="mentorships/",
    list_path="mentorships/",
    names=_names("mentorship"),
    filterset=MentorshipFilterSet,
    columns=["code", "mentor", "mentee", "team", "start", "end"],
    columns_table=columns.MENTORSHIPS,
    form=forms.MentorshipForm,
    api_prefix="mentorships",
    api_basename="mentorship",
    nav=(_("Mentorships"), None),
    nav_order=97,
    select_related=["mentor", "mentee", "team"],
    ordering=["-start", "id"],
    detail_context=mentorship_context,
    sample=sample_mentorship,
    **COMMON,
)

assessments = register(
    Assessment,
    prefix="teams",
    path="assessments/",
    list_path="assessments/",
    names=_names("assessment"),
    filterset=AssessmentFilterSet,
    columns=["__str__", "date", "result", "score"],
    columns_table=columns.ASSESSMENTS,
    form=forms.AssessmentForm,
    api_prefix="assessments",
    api_basename="assessment",
    select_related=["mentorship__mentor", "mentorship__mentee"],
    ordering=["-date", "id"],
    detail_context=simple_context(["mentorship", "date", "result", "score", "note"]),
    sample=sample_assessment,
    **COMMON,
)

outcomes = register(
    Outcome,
    prefix="teams",
    path="outcomes/",
    list_path="outcomes/",
    names=_names("outcome"),
    filterset=OutcomeFilterSet,
    columns=["description", "kind", "before", "after", "unit", "as_of", "aiding_party", "place"],
    columns_table=columns.OUTCOMES,
    form=forms.OutcomeForm,
    api_prefix="outcomes",
    api_basename="outcome",
    select_related=[
        "aiding_party",
        "place",
        "mentorship__mentor",
        "mentorship__mentee",
        "person",
        "team",
    ],
    ordering=["-as_of", "id"],
    detail_context=simple_context(
        [
            "mentorship",
            "person",
            "team",
            "kind",
            "description",
            "before",
            "after",
            "after_is_minimum",
            "unit",
            "as_of",
            "note",
            "aiding_party",
            "place",
        ]
    ),
    sample=sample_outcome,
    **COMMON,
)

service_figures = register(
    ServiceFigure,
    prefix="teams",
    path="figures/",
    list_path="figures/",
    names=_names("figure"),
    filterset=ServiceFigureFilterSet,
    columns=[
        "code",
        "team",
        "person",
        "period_start",
        "period_end",
        *[n for n, _l, _u in SERVICE_FIGURES],
    ],
    columns_table=columns.FIGURES,
    form=forms.ServiceFigureForm,
    api_prefix="service-figures",
    api_basename="service-figure",
    nav=(_("Service figures"), None),
    nav_order=98,
    select_related=["team", "person", "aiding_party", "place"],
    ordering=["-period_start", "id"],
    detail_context=figure_context,
    sample=sample_figure,
    **COMMON,
)
