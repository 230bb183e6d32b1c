"""Service figures read as indicator values, by party and place, for the periods inside."""

from __future__ import annotations

import datetime as dt

import pytest

from duikou.organisations.models import AidingParty
from duikou.places.models import Place
from duikou.teams.models import ServiceFigure
from duikou.teams.pages import sample_team
from duikou.teams.services import figure_values

pytestmark = pytest.mark.django_db


def test_the_figures_of_a_year_are_read_by_party_and_place_without_entering_them_again():
    party, place = AidingParty.objects.get(code="320000"), Place.objects.get(code="654021")
    team = sample_team(party, place)
    for start, end, patients in (
        (dt.date(2024, 1, 1), dt.date(2024, 6, 30), 5200),
        (dt.date(2024, 7, 1), dt.date(2024, 12, 31), 4800),
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30), 999),  # another year
    ):
        ServiceFigure.objects.create(
            team=team, period_start=start, period_end=end, patients_seen=patients, operations=100
        )
    values = figure_values(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert values == [
        {
            "aiding_party_id": party.pk,
            "place_id": place.pk,
            "figure": "patients_seen",
            "unit": "人次",
            "value": 10000,
        },
        {
            "aiding_party_id": party.pk,
            "place_id": place.pk,
            "figure": "operations",
            "unit": "台次",
            "value": 200,
        },
    ]
