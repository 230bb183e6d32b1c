"""A pair's rules hold on the form, the API and the import alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from duikou.core.imports import import_file
from duikou.organisations.models import AidingParty
from duikou.places.models import Place
from duikou.projects.tests.test_import import csv_file
from duikou.twinning.choices import HouseholdKind, PairKind, Side
from duikou.twinning.columns import PAIRS
from duikou.twinning.models import Household, Pair

pytestmark = pytest.mark.django_db

JS_TOWN, JS_TOWN_2 = "320582100", "320582101"
YN_TOWN, YN_TOWN_2 = "654021100", "654021101"
JS_VILLAGE, YN_VILLAGE = "320582100004", "654021100001"
HEADER = ["kind", "aiding_party", "aiding_place", "recipient_place", "start"]


def place(code):
    return Place.everywhere.get(code=code)


def jiangsu():
    return AidingParty.objects.get(code="320000")


def make(aiding=JS_TOWN, recipient=YN_TOWN, kind=PairKind.TOWNSHIP, **over):
    pair = Pair(
        kind=kind,
        aiding_party=jiangsu(),
        aiding_place=place(aiding),
        recipient_place=place(recipient),
        start=dt.date(2017, 3, 1),
        **over,
    )
    pair.full_clean()
    pair.save()
    return pair


def post_form(client, aiding, recipient, kind=PairKind.TOWNSHIP):
    return client.post(
        "/twinning/new/",
        {
            "kind": kind,
            "aiding_party": jiangsu().pk,
            "aiding_place": place(aiding).pk,
            "recipient_place": place(recipient).pk,
            "start": "2017-03-01",
            "status": "active",
        },
    )


def post_api(api_client, aiding, recipient, kind=PairKind.TOWNSHIP):
    return api_client.post(
        "/api/v1/twinning-pairs/",
        {
            "kind": kind,
            "aiding_party": "320000",
            "aiding_place": aiding,
            "recipient_place": recipient,
            "start": "2017-03-01",
        },
        format="json",
    )


def preview(user, *rows):
    return import_file(PAIRS, "p.csv", csv_file(*rows, header=HEADER), user, commit=False)


def row(aiding, recipient, kind="乡镇"):
    return [kind, "江苏", aiding, recipient, "2017-03-01"]


def errors(response) -> str:
    return response.content.decode()


# -- sides ---------------------------------------------------------------------------------
def test_a_jiangsu_town_twinned_with_a_yining_town_is_recorded_on_each_path(
    towns, hq_a, client_for, api
):
    assert post_form(client_for(hq_a), JS_TOWN, YN_TOWN).status_code == 302
    assert post_api(api(hq_a), JS_TOWN_2, YN_TOWN).status_code == 201
    result = import_file(
        PAIRS, "p.csv", csv_file(row(JS_TOWN, YN_TOWN_2), header=HEADER), hq_a, commit=True
    )
    assert result.ok, result.errors
    assert Pair.objects.filter(recipient_county__code="654021").count() == 3


def test_a_pair_with_both_units_on_the_aiding_side_is_refused_on_form_api_and_import(
    towns, hq_a, client_for, api
):
    message = _(
        "Both units are on the aiding side: %(unit)s is not in the aided region. "
        "A pair twins an aiding-side unit with a recipient-side one."
    ) % {"unit": place(JS_TOWN_2)}
    response = post_form(client_for(hq_a), JS_TOWN, JS_TOWN_2)
    assert response.status_code == 200 and message in errors(response)
    response = post_api(api(hq_a), JS_TOWN, JS_TOWN_2)
    assert response.status_code == 400 and message in errors(response)
    result = preview(hq_a, row(JS_TOWN, JS_TOWN_2))
    assert not result.ok and message in result.errors[0].reason
    assert not Pair.objects.exists()


def test_a_pair_with_both_units_on_the_recipient_side_is_refused_on_form_api_and_import(
    towns, hq_a, client_for, api
):
    message = _(
        "Both units are on the recipient side: %(unit)s is in the aided region. "
        "A pair twins an aiding-side unit with a recipient-side one."
    ) % {"unit": place(YN_TOWN_2)}
    response = post_form(client_for(hq_a), YN_TOWN_2, YN_TOWN)
    assert response.status_code == 200 and message in errors(response)
    response = post_api(api(hq_a), YN_TOWN_2, YN_TOWN)
    assert response.status_code == 400 and message in errors(response)
    result = preview(hq_a, row(YN_TOWN_2, YN_TOWN))
    assert not result.ok and message in result.errors[0].reason


def test_the_same_two_units_twinned_twice_in_an_overlapping_period_are_refused_on_every_path(
    towns, hq_a, client_for, api
):
    make()
    message = _("These two units are already twinned in this kind in an overlapping period.")
    response = post_form(client_for(hq_a), JS_TOWN, YN_TOWN)
    assert response.status_code == 200 and message in errors(response)
    response = post_api(api(hq_a), JS_TOWN, YN_TOWN)
    assert response.status_code == 400 and message in errors(response)
    result = preview(hq_a, row(JS_TOWN, YN_TOWN))
    assert not result.ok and message in result.errors[0].reason
    assert Pair.objects.count() == 1


def test_two_rows_of_one_file_twinning_the_same_units_are_refused(towns, hq_a):
    result = preview(hq_a, row(JS_TOWN, YN_TOWN), row(JS_TOWN, YN_TOWN))
    assert not result.ok
    assert result.errors[0].reason == _(
        "This row twins the same two units as row %(row)s in an overlapping period."
    ) % {"row": 2}


def test_after_a_pair_ended_the_same_units_may_be_twinned_again(towns):
    make(end=dt.date(2019, 12, 31))
    pair = Pair(
        kind=PairKind.TOWNSHIP,
        aiding_party=jiangsu(),
        aiding_place=place(JS_TOWN),
        recipient_place=place(YN_TOWN),
        start=dt.date(2021, 1, 1),
    )
    pair.full_clean()


def test_a_recipient_town_may_have_several_aiding_towns(towns):
    """Many-to-one is what the seeds record (212 Jiangsu villages with 145)."""
    make(JS_TOWN, YN_TOWN)
    make(JS_TOWN_2, YN_TOWN)
    assert Pair.objects.filter(recipient_place__code=YN_TOWN).count() == 2


def test_a_village_in_a_township_pair_is_refused_with_the_level_it_has(towns):
    with pytest.raises(ValidationError) as refused:
        make(JS_TOWN, YN_VILLAGE)
    assert refused.value.message_dict["recipient_place"] == [
        _("A %(kind)s pair twins a %(level)s on the recipient side; %(unit)s is a %(actual)s.")
        % {
            "kind": _("Township"),
            "level": _("Township"),
            "unit": place(YN_VILLAGE),
            "actual": _("Village / community / company"),
        }
    ]


def test_a_recipient_household_has_one_partner_at_a_time(towns, hq_a, client_for):
    def household(code, side, where):
        return Household.objects.create(
            code=code,
            label=code,
            kind=HouseholdKind.HOUSEHOLD,
            side=side,
            place=place(where),
            aiding_party=jiangsu(),
        )

    poor = household("R1", Side.RECIPIENT, "654021")
    first, second = household("A1", Side.AIDING, "320582"), household("A2", Side.AIDING, "320582")
    Pair.objects.create(
        kind=PairKind.HOUSEHOLD,
        aiding_party=jiangsu(),
        aiding_household=first,
        recipient_household=poor,
        start=dt.date(2017, 3, 1),
    )
    response = client_for(hq_a).post(
        "/twinning/new/",
        {
            "kind": PairKind.HOUSEHOLD,
            "aiding_party": jiangsu().pk,
            "aiding_household": second.pk,
            "recipient_household": poor.pk,
            "start": "2018-01-01",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert _(
        "%(unit)s is already twinned in an overlapping period; a %(kind)s pair has one partner "
        "at a time. End the other pair first."
    ) % {"unit": poor, "kind": _("Household")} in errors(response)


def test_an_aiding_household_must_live_on_the_aiding_side(towns):
    household = Household(
        code="X", label="X", side=Side.AIDING, place=place("654021"), aiding_party=jiangsu()
    )
    with pytest.raises(ValidationError) as refused:
        household.full_clean()
    assert refused.value.message_dict["place"] == [
        _("%(place)s is not on the %(side)s.")
        % {"place": place("654021"), "side": _("Aiding side")}
    ]
