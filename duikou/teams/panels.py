"""What the teams app shows on the pages of parties, places, organisations and persons.

Counts (teams, mentorships, service figures) are aggregates anyone who may open the page
sees; names — of teams, mentors, mentees — are read through `visible_to`, so only within
scope. A panel with nothing to show is left out.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from duikou.core import panels
from duikou.places.models import within_q
from duikou.teams.models import Alliance, Mentorship, Outcome, ServiceFigure, Team, TeamMember
from duikou.teams.pages import figure_totals


def _counts(teams, mentorships, figures) -> dict[str, Any]:
    return {
        "team_count": teams.count(),
        "mentorship_count": mentorships.count(),
        "mentee_count": mentorships.values("mentee").distinct().count(),
        "totals": [t for t in figure_totals(figures) if t[1]],
    }


@panels.register("organisations.AidingParty", "teams/_party_teams.html", order=40)
def party_teams(request: HttpRequest, party: Any) -> dict[str, Any] | None:
    """The party's teams and mentorships: counts for all, the teams by name within scope."""
    teams = Team.objects.filter(aiding_party=party)
    mentorships = Mentorship.objects.filter(mentor__aiding_party=party)
    figures = ServiceFigure.objects.filter(aiding_party=party)
    context = _counts(teams, mentorships, figures)
    if not (context["team_count"] or context["mentorship_count"] or context["totals"]):
        return None
    context["teams"] = (
        Team.objects.visible_to(request.user)
        .filter(aiding_party=party)
        .select_related("institution")
        .annotate(n_members=Count("members", distinct=True))
        .order_by("code")
    )
    context["outcomes"] = (
        Outcome.objects.visible_to(request.user)
        .filter(aiding_party=party)
        .select_related("mentorship__mentee", "person", "team")
        .order_by("-as_of", "id")[:10]
    )
    return context


@panels.register("places.Place", "teams/_place_teams.html", order=40)
def place_teams(request: HttpRequest, place: Any) -> dict[str, Any] | None:
    """The teams supporting institutions at this place or below it."""
    here = within_q("institution__place", place)
    teams = Team.objects.filter(here)
    mentorships = Mentorship.objects.filter(within_q("mentee__institution__place", place))
    figures = ServiceFigure.objects.filter(within_q("place", place))
    context = _counts(teams, mentorships, figures)
    if not (context["team_count"] or context["mentorship_count"]):
        return None
    context["teams"] = (
        Team.objects.visible_to(request.user)
        .filter(here)
        .select_related("aiding_party", "institution")
        .order_by("institution__name", "code")
    )
    return context


@panels.register("organisations.Organisation", "teams/_institution_teams.html", order=40)
def institution_teams(request: HttpRequest, org: Any) -> dict[str, Any] | None:
    """A recipient institution: the teams that support it, the alliances it is in and the
    mentors there; an aiding-side institution: the teams it sends and its alliances."""
    user = request.user
    supported = (
        Team.objects.visible_to(user)
        .filter(institution=org)
        .select_related("aiding_party")
        .prefetch_related("supporting_institutions")
    )
    sent = (
        Team.objects.visible_to(user)
        .filter(supporting_institutions=org)
        .select_related("institution")
    )
    alliances = (
        Alliance.objects.visible_to(user)
        .filter(_alliance_q(org))
        .select_related("aiding_institution", "recipient_institution")
        .distinct()
    )
    mentorships = (
        Mentorship.objects.visible_to(user)
        .filter(mentee__institution=org)
        .select_related("mentor__aiding_party")
    )
    mentors: dict[int, dict[str, Any]] = {}
    for m in mentorships:
        entry = mentors.setdefault(m.mentor_id, {"person": m.mentor, "mentees": 0})
        entry["mentees"] += 1
    members = (
        TeamMember.objects.visible_to(user)
        .filter(team__institution=org)
        .select_related("person", "team")
    )
    if not (supported or sent or alliances or mentors or members):
        return None
    return {
        "supported": supported,
        "sent": sent,
        "alliances": alliances,
        "mentors": sorted(mentors.values(), key=lambda e: (-e["mentees"], e["person"].code)),
        "members": members,
        "totals": [
            t
            for t in figure_totals(
                ServiceFigure.objects.visible_to(user).filter(team__institution=org)
            )
            if t[1]
        ],
    }


def _alliance_q(org: Any) -> Q:
    return Q(aiding_institution=org) | Q(recipient_institution=org) | Q(other_institutions=org)


@panels.register("personnel.Person", "teams/_person_teams.html", order=40)
def person_teams(request: HttpRequest, person: Any) -> dict[str, Any] | None:
    """A person's teams, mentees and outcomes (within the caller's scope)."""
    user = request.user
    memberships = (
        TeamMember.objects.visible_to(user)
        .filter(person=person)
        .select_related("team__institution")
    )
    mentorships = (
        Mentorship.objects.visible_to(user)
        .filter(mentor=person)
        .select_related("mentee__institution")
    )
    outcomes = (
        Outcome.objects.visible_to(user)
        .filter(_outcome_q(person))
        .select_related("mentorship__mentee")
        .order_by("-as_of", "id")
    )
    figures = ServiceFigure.objects.visible_to(user).filter(person=person)
    totals = [t for t in figure_totals(figures) if t[1]]
    if not (memberships or mentorships or outcomes or totals):
        return None
    return {
        "memberships": memberships,
        "mentorships": mentorships,
        "outcomes": outcomes,
        "totals": totals,
    }


def _outcome_q(person: Any) -> Q:
    return Q(person=person) | Q(mentorship__mentor=person)
