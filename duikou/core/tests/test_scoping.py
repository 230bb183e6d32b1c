"""The role table of DESIGN.md, checked for read and change on real records."""

from __future__ import annotations

import pytest

from duikou.core.scoping import Scope, can_create, can_edit
from duikou.core.writes import OutOfScope, save_in_scope
from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import AidingParty, Organisation
from duikou.pairings.models import Pairing
from duikou.places.models import Place

pytestmark = pytest.mark.django_db


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


@pytest.fixture
def local_hospital():
    return Organisation.objects.create(
        code="HOSP-654021-1",
        name="伊宁县人民医院",
        kind=OrganisationKind.HOSPITAL,
        place=Place.objects.get(code="654021"),
    )


@pytest.fixture
def hospital_elsewhere():
    return Organisation.objects.create(
        code="HOSP-653221-1",
        name="和田县人民医院",
        kind=OrganisationKind.HOSPITAL,
        place=Place.objects.get(code="653221"),
    )


def test_scope_of_a_work_group_user_is_its_party_and_county(wg_a):
    scope = Scope.of(wg_a)
    assert scope.party_id == AidingParty.objects.get(name="江苏省").pk
    assert scope.place_path.endswith("654021/")


def test_anonymous_and_inactive_users_have_no_role(hq_a):
    hq_a.is_active = False
    assert Scope.of(None).is_anonymous
    assert Scope.of(hq_a).is_anonymous


def test_admin_and_coordinator_read_everything(admin_user, coordinator):
    total = Organisation.objects.count()
    assert Organisation.objects.visible_to(admin_user).count() == total
    assert Organisation.objects.visible_to(coordinator).count() == total


def test_coordinator_changes_pairings_and_organisations_but_not_places(coordinator):
    assert Pairing.objects.editable_by(coordinator).count() == Pairing.objects.count()
    assert Organisation.objects.editable_by(coordinator).count() == Organisation.objects.count()
    assert not Place.objects.editable_by(coordinator).exists()


def test_hq_changes_only_its_own_partys_organisations(hq_a):
    editable = Organisation.objects.editable_by(hq_a)
    assert editable.filter(code="WG-320000-654021").exists()
    assert not editable.filter(code="HQ-110000").exists()
    assert {o.aiding_party.name for o in editable} == {"江苏省"}


def test_hq_cannot_change_pairings_which_the_centre_decides(hq_a):
    assert not Pairing.objects.editable_by(hq_a).exists()
    assert not can_edit(hq_a, Pairing.objects.filter(aiding_party__name="江苏省").first())


def test_work_group_changes_its_partys_records_inside_its_county_only(wg_a):
    editable = set(Organisation.objects.editable_by(wg_a).values_list("code", flat=True))
    assert editable == {"WG-320000-654021"}
    assert not can_edit(wg_a, org("WG-320000-654002"))  # same party, other county
    assert not can_edit(wg_a, org("HQ-110000"))  # other party


def test_work_group_of_one_party_cannot_change_another_partys_organisation(wg_a, hq_b):
    beijing_group = org("WG-110000-653221")
    assert not can_edit(wg_a, beijing_group)
    assert not Organisation.objects.editable_by(wg_a).filter(pk=beijing_group.pk).exists()


def test_recipient_changes_local_organisations_inside_its_place_only(
    recipient, local_hospital, hospital_elsewhere
):
    assert can_edit(recipient, local_hospital)
    assert can_edit(recipient, org("GOV-654021"))
    assert not can_edit(recipient, hospital_elsewhere)
    assert not can_edit(recipient, org("WG-320000-654021"))  # aiding side, not the recipient's
    editable = Organisation.objects.editable_by(recipient)
    assert all(o.place.path.startswith(Scope.of(recipient).place_path) for o in editable)


def test_recipient_reads_records_located_in_its_area(recipient, hospital_elsewhere):
    # Organisations are shared reference for signed-in users, pairings too.
    assert Organisation.objects.visible_to(recipient).filter(pk=hospital_elsewhere.pk).exists()


def test_nobody_but_the_admin_changes_places_or_aiding_parties(
    coordinator, hq_a, wg_a, recipient, admin_user
):
    for user in (coordinator, hq_a, wg_a, recipient):
        assert not Place.objects.editable_by(user).exists()
        assert not AidingParty.objects.editable_by(user).exists()
    assert Place.objects.editable_by(admin_user).count() == Place.objects.count()


def test_anonymous_reads_public_reference_and_official_bodies_only(local_hospital):
    assert Place.objects.visible_to(None).count() == Place.objects.count()
    assert Pairing.objects.visible_to(None).count() == Pairing.objects.count()
    public = Organisation.objects.visible_to(None)
    assert public.filter(code="WG-320000-654021").exists()
    assert not public.filter(pk=local_hospital.pk).exists()
    assert not Organisation.objects.editable_by(None).exists()
    assert not can_create(None, Organisation)


def test_a_record_is_checked_against_the_change_scope_as_it_is_saved(wg_a, recipient):
    yining = Place.objects.get(code="654021")
    hotan = Place.objects.get(code="653221")
    jiangsu = AidingParty.objects.get(name="江苏省")
    inside = Organisation(code="X1", name="x", kind="other", aiding_party=jiangsu, place=yining)
    outside = Organisation(code="X2", name="x", kind="other", aiding_party=jiangsu, place=hotan)
    local = Organisation(code="X3", name="x", kind="school", place=yining)
    assert save_in_scope(wg_a, inside).pk
    with pytest.raises(OutOfScope):
        save_in_scope(wg_a, outside)
    assert not Organisation.objects.filter(code="X2").exists()  # rolled back
    assert save_in_scope(recipient, local).pk
    with pytest.raises(OutOfScope):
        save_in_scope(recipient, Organisation(code="X4", name="x", kind="school", place=hotan))
    assert not can_edit(recipient, inside)  # has an aiding party
    assert not can_edit(wg_a, Organisation(code="X5", name="x"))  # unsaved: nothing to change


def test_can_edit_asks_the_database_once(wg_a, django_assert_num_queries):
    group = org("WG-320000-654021")
    Scope.of(wg_a).place_ids  # noqa: B018 — resolved once per request
    with django_assert_num_queries(1):
        assert can_edit(wg_a, group)
