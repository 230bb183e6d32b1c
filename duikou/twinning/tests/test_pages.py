"""Coverage, panels and the agreement: what the pages show of the pairs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duikou.organisations.models import AidingParty
from duikou.places.models import Place
from duikou.twinning.choices import PairKind, PairStatus
from duikou.twinning.coverage import coverage_by_county
from duikou.twinning.models import Pair

pytestmark = pytest.mark.django_db


def twin(aiding, recipient, kind=PairKind.TOWNSHIP, **over):
    pair = Pair(
        kind=kind,
        aiding_party=AidingParty.objects.get(code="320000"),
        aiding_place=Place.everywhere.get(code=aiding),
        recipient_place=Place.everywhere.get(code=recipient),
        start=dt.date(2017, 3, 1),
        **over,
    )
    pair.full_clean()
    pair.save()
    return pair


def test_coverage_counts_each_countys_twinned_towns_and_villages_once(towns):
    twin("320582100", "654021100")
    twin("320582101", "654021100")  # a second partner: the town counts once
    twin("320582104", "654021101")
    twin("320582100004", "654021100001", kind=PairKind.VILLAGE)
    twin("320582103", "654021102", status=PairStatus.ENDED, end=dt.date(2018, 1, 1))
    [row] = [r for r in coverage_by_county() if r.county.code == "654021"]
    assert (row.towns_twinned, row.towns, row.villages_twinned, row.villages) == (2, 19, 1, 162)
    assert row.town_share == 10.5 and not row.full


def test_the_coverage_page_shows_the_county_choropleth_data_and_the_countys_units(towns, client):
    twin("320582100", "654021100")
    html = client.get("/twinning/coverage/?county=654021").content.decode()
    assert 'data-testid="towns-654021">1/19<' in html
    assert 'data-testid="coverage-map"' in html and '"name": "654021"' in html
    assert '✓ <a href="/places/654021100/">吉里于孜镇</a>' in html


def test_a_coverage_date_before_a_pair_started_does_not_count_it(towns, client):
    twin("320582100", "654021100")
    html = client.get("/twinning/coverage/?on=2016-12-31").content.decode()
    assert 'data-testid="towns-654021">0/19<' in html


def test_the_party_page_counts_its_pairs_by_kind(towns, client):
    twin("320582100", "654021100")
    twin("320582100004", "654021100001", kind=PairKind.VILLAGE)
    twin("320582100008", "654021100002", kind=PairKind.VILLAGE)
    html = client.get(reverse("organisations:party", args=["320000"])).content.decode()
    assert 'data-testid="kind-township">1<' in html
    assert 'data-testid="kind-village">2<' in html


def test_a_town_page_names_its_partners(towns, client):
    twin("320582100", "654021100")
    html = client.get("/places/654021100/").content.decode()
    assert 'data-testid="place-twinning"' in html and "江苏" in html


def test_the_agreement_uploaded_with_the_form_is_served_only_to_those_who_see_the_pair(
    towns, hq_a, client_for, client
):
    signed_in = client_for(hq_a)
    response = signed_in.post(
        "/twinning/new/",
        {
            "kind": PairKind.TOWNSHIP,
            "aiding_party": AidingParty.objects.get(code="320000").pk,
            "aiding_place": Place.everywhere.get(code="320582100").pk,
            "recipient_place": Place.everywhere.get(code="654021100").pk,
            "start": "2017-03-01",
            "status": "active",
            "agreement": SimpleUploadedFile("xieyi.pdf", b"%PDF-1.4 agreement"),
        },
    )
    assert response.status_code == 302
    pair = Pair.objects.get()
    url = reverse("twinning:agreement", args=[pair.pk])
    assert b"".join(signed_in.get(url).streaming_content) == b"%PDF-1.4 agreement"
    signed_in.logout()
    assert client.get(url).status_code == 302  # visitors sign in first


def test_coverage_follows_a_pair_ended_on_the_page_and_one_deleted(towns, hq_a, client_for):
    pair = twin("320582100", "654021100")
    [row] = [r for r in coverage_by_county() if r.county.code == "654021"]
    assert row.towns_twinned == 1
    pair.status, pair.end = PairStatus.ENDED, dt.date(2020, 1, 1)
    pair.save()
    [row] = [r for r in coverage_by_county() if r.county.code == "654021"]
    assert row.towns_twinned == 0
    [row] = [r for r in coverage_by_county(on=dt.date(2019, 1, 1)) if r.county.code == "654021"]
    assert row.towns_twinned == 0  # an ended pair no longer counts, whatever the date
    other = twin("320582101", "654021100")
    other.delete()
    assert not [r for r in coverage_by_county() if r.towns_twinned]


def test_an_imported_pair_counts_in_the_coverage_at_once(towns, hq_a):
    from duikou.core.imports import import_file
    from duikou.projects.tests.test_import import csv_file
    from duikou.twinning.columns import PAIRS

    content = csv_file(
        ["乡镇", "江苏", "320582100", "654021100", "2017-03-01"],
        header=["kind", "aiding_party", "aiding_place", "recipient_place", "start"],
    )
    assert import_file(PAIRS, "p.csv", content, hq_a, commit=True).ok
    [row] = [r for r in coverage_by_county() if r.county.code == "654021"]
    assert row.towns_twinned == 1


def test_a_second_aiding_town_is_allowed_and_the_pair_page_names_the_first(towns, client):
    first = twin("320582100", "654021100")
    second = twin("320582101", "654021100")
    html = client.get(second.get_absolute_url()).content.decode()
    assert 'data-testid="also-twinned"' in html and first.aiding_place.name in html


def test_the_coverage_table_has_a_totals_row_and_can_list_only_twinned_counties(towns, client):
    twin("320582100", "654021100")
    html = client.get("/twinning/coverage/").content.decode()
    assert 'data-testid="towns-total">1/' in html and "全部县市区合计" in html
    only = client.get("/twinning/coverage/?twinned=1").content.decode()
    assert only.count("<tr data-county=") == 1 and 'data-testid="towns-654021">1/19<' in only
    assert 'data-testid="towns-total">1/' in only  # the totals stay those of every county
