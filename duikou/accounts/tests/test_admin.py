"""User management: a user's role and organisation are set by administrators only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from duikou.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_staff_member_who_is_not_an_administrator_cannot_change_a_users_role(
    client_for, hq_a, wg_a
):
    hq_a.is_staff = True
    hq_a.save()
    hq_a.user_permissions.add(*Permission.objects.filter(codename__in=["change_user", "view_user"]))
    page = client_for(User.objects.get(pk=hq_a.pk)).get(f"/admin/accounts/user/{wg_a.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert "role" not in form.fields and "organisation" not in form.fields


def test_an_administrator_sets_roles_and_organisations(client_for, admin_user, wg_a):
    page = client_for(admin_user).get(f"/admin/accounts/user/{wg_a.pk}/change/")
    form = page.context["adminform"].form
    assert "role" in form.fields and "organisation" in form.fields
