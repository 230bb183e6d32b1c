"""Sign-in, sign-out, password change and the failed-login lockout."""

from __future__ import annotations

import pytest
from django.test import override_settings

from conftest import PASSWORD
from duikou.accounts.models import User

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_login_page_is_in_simplified_chinese(client):
    text = client.get("/accounts/login/").content.decode()
    assert "登录对口援疆管理平台" in text and "用户名" in text and "密码" in text


def test_chinese_is_shown_even_to_a_browser_that_asks_for_english(client):
    text = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "登录对口援疆管理平台" in text


def test_english_is_available_through_the_language_switcher(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    text = client.get("/accounts/login/").content.decode()
    assert "Sign in to duikou" in text


def test_signing_in_opens_the_pairing_overview(client, hq_a):
    response = client.post("/accounts/login/", {"username": "hq_jiangsu", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/pairings/"


def test_signing_out_ends_the_session(client, hq_a):
    client.force_login(hq_a)
    client.post("/accounts/logout/")
    assert client.get("/organisations/").status_code == 302


def test_password_change_requires_the_old_password(client, hq_a):
    client.force_login(hq_a)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "wrong",
            "new_password1": "Xinjiang-2026!",
            "new_password2": "Xinjiang-2026!",
        },
    )
    assert response.status_code == 200
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Xinjiang-2026!",
            "new_password2": "Xinjiang-2026!",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(pk=hq_a.pk).check_password("Xinjiang-2026!")


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_LOCKOUT_MINUTES=15)
def test_account_is_locked_after_repeated_failures_even_for_the_right_password(client, hq_a):
    for _ in range(3):
        client.post("/accounts/login/", {"username": "hq_jiangsu", "password": "nope"})
    assert User.objects.get(pk=hq_a.pk).is_locked()
    response = client.post("/accounts/login/", {"username": "hq_jiangsu", "password": PASSWORD})
    assert response.status_code == 200
    assert "账户已锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_a_successful_sign_in_resets_the_failure_count(client, hq_a):
    client.post("/accounts/login/", {"username": "hq_jiangsu", "password": "nope"})
    client.post("/accounts/login/", {"username": "hq_jiangsu", "password": PASSWORD})
    assert User.objects.get(pk=hq_a.pk).failed_logins == 0


def test_a_role_needs_an_organisation_of_the_fitting_kind(hq_a, wg_a):
    from django.core.exceptions import ValidationError

    hq_a.organisation = wg_a.organisation
    with pytest.raises(ValidationError):
        hq_a.full_clean()


def test_the_administrator_manages_users_and_unlocks_accounts(client_for, admin_user, hq_a):
    from django.utils import timezone

    User.objects.filter(pk=hq_a.pk).update(
        locked_until=timezone.now() + timezone.timedelta(hours=1)
    )
    client = client_for(admin_user)
    assert client.get("/admin/accounts/user/").status_code == 200
    client.post(
        "/admin/accounts/user/",
        {"action": "unlock", "_selected_action": [hq_a.pk]},
    )
    assert not User.objects.get(pk=hq_a.pk).is_locked()


def test_other_roles_cannot_reach_user_management(client_for, coordinator):
    assert client_for(coordinator).get("/admin/accounts/user/").status_code == 302
