"""One filter set per model of the teams app, shared by its list page, export and API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duikou.organisations.filters import PartyFilter
from duikou.places.filters import PlaceFilter
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


def year_filter(field_name: str) -> django_filters.NumberFilter:
    """The year of a date field; a year no date can have (-1, 99999) is a bad request, not a
    server error."""
    return django_filters.NumberFilter(
        field_name=f"{field_name}__year", label=_("Year"), min_value=1900, max_value=2100
    )


class _Search(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ("name",)

    def search(self, queryset, name, value):
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value})
        return queryset.filter(q)


class TeamFilterSet(_Search):
    search_fields = ("code", "name", "departments", "institution__name")
    party = PartyFilter()
    place = PlaceFilter(field_name="institution__place")
    model = django_filters.ChoiceFilter(choices=TeamModel.choices, label=_("Team model"))
    sector = django_filters.ChoiceFilter(choices=Sector.choices, label=_("Sector"))

    class Meta:
        model = Team
        fields = ["q", "party", "place", "model", "sector"]


class TeamMemberFilterSet(_Search):
    search_fields = ("person__name", "team__name", "role")
    party = PartyFilter(field_name="team__aiding_party")
    place = PlaceFilter(field_name="team__institution__place")
    team = django_filters.CharFilter(field_name="team__code", label=_("Team code"))

    class Meta:
        model = TeamMember
        fields = ["q", "party", "place", "team"]


class AllianceFilterSet(_Search):
    search_fields = ("name", "specialty", "recipient_institution__name")
    party = PartyFilter()
    place = PlaceFilter(field_name="recipient_institution__place")

    class Meta:
        model = Alliance
        fields = ["q", "party", "place"]


class MenteeFilterSet(_Search):
    search_fields = ("code", "name", "post", "institution__name")
    party = PartyFilter()
    place = PlaceFilter(field_name="institution__place")

    class Meta:
        model = Mentee
        fields = ["q", "party", "place"]


class MentorshipFilterSet(_Search):
    search_fields = ("code", "mentor__name", "mentee__name", "goals")
    party = PartyFilter(field_name="mentor__aiding_party")
    place = PlaceFilter(field_name="mentee__institution__place")
    year = year_filter("start")
    team = django_filters.CharFilter(field_name="team__code", label=_("Team code"))

    class Meta:
        model = Mentorship
        fields = ["q", "party", "place", "year", "team"]


class AssessmentFilterSet(_Search):
    search_fields = ("mentorship__code", "mentorship__mentee__name", "note")
    party = PartyFilter(field_name="mentorship__mentor__aiding_party")
    place = PlaceFilter(field_name="mentorship__mentee__institution__place")
    year = year_filter("date")
    result = django_filters.ChoiceFilter(choices=AssessmentResult.choices, label=_("Result"))

    class Meta:
        model = Assessment
        fields = ["q", "party", "place", "year", "result"]


class OutcomeFilterSet(_Search):
    search_fields = ("description", "note")
    party = PartyFilter()
    place = PlaceFilter()
    year = year_filter("as_of")
    kind = django_filters.ChoiceFilter(choices=OutcomeKind.choices, label=_("Kind"))

    class Meta:
        model = Outcome
        fields = ["q", "party", "place", "year", "kind"]


class ServiceFigureFilterSet(_Search):
    search_fields = ("code", "team__name", "person__name", "note")
    party = PartyFilter()
    place = PlaceFilter()
    year = year_filter("period_start")
    team = django_filters.CharFilter(field_name="team__code", label=_("Team code"))

    class Meta:
        model = ServiceFigure
        fields = ["q", "party", "place", "year", "team"]
