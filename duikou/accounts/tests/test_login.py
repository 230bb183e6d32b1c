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


def test_unlocking_accounts_in_the_admin_is_recorded_in_history(client_for, admin_user, hq_a):
    from django.utils import timezone

    from duikou.core.history import history_for

    User.objects.filter(pk=hq_a.pk).update(
        failed_logins=2, locked_until=timezone.now() + timezone.timedelta(hours=1)
    )
    client_for(admin_user).post(
        "/admin/accounts/user/",
        {"action": "unlock", "_selected_action": [hq_a.pk]},
        HTTP_X_REQUEST_ID="unlock-1",
    )
    record = history_for(hq_a).get()
    assert record.user == admin_user and record.request_id == "unlock-1"
    assert record.changes["failed_logins"] == [2, 0]
    assert record.changes["locked_until"][1] is None


def _fast_password(user, password: str) -> None:
    # A cheap hash so many sign-in attempts stay fast; a wrong password is checked with it.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        user.set_password(password)
        user.save()


def _in_threads(count: int, work) -> None:
    import threading

    from django.db import connection

    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            work()
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
@override_settings(LOGIN_FAILURE_LIMIT=5)
def test_parallel_wrong_passwords_lock_the_account(base_data):
    from django.contrib.auth import authenticate

    user = User.objects.get(username="hq_jiangsu")
    _fast_password(user, "right-password")

    def two_wrong_passwords() -> None:
        for _ in range(2):  # a locked account is refused (None), not raised
            assert authenticate(None, username="hq_jiangsu", password="wrong") is None

    _in_threads(20, two_wrong_passwords)
    assert User.objects.get(pk=user.pk).is_locked()


@pytest.mark.django_db(transaction=True)
@override_settings(LOGIN_FAILURE_LIMIT=50)
def test_parallel_failed_sign_ins_are_each_counted(base_data):
    user = User.objects.get(username="hq_jiangsu")
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)

    def fail_twice() -> None:
        for _ in range(2):
            User.objects.get(pk=user.pk).register_failed_login()

    _in_threads(20, fail_twice)
    stored = User.objects.get(pk=user.pk)
    assert stored.failed_logins == 40 and not stored.is_locked()


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_the_failure_that_reaches_the_limit_locks_and_restarts_the_count(hq_a):
    for _ in range(2):
        hq_a.register_failed_login()
    assert hq_a.failed_logins == 2 and not hq_a.is_locked()
    hq_a.register_failed_login()
    assert hq_a.is_locked() and hq_a.failed_logins == 0
    assert User.objects.get(pk=hq_a.pk).is_locked()


def test_changing_the_password_revokes_the_users_api_tokens(client, hq_a, hq_b):
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=hq_a)
    kept = Token.objects.create(user=hq_b)
    user = User.objects.get(pk=hq_a.pk)
    user.first_name = "改名"
    user.save()
    assert Token.objects.filter(user=hq_a).exists()  # other edits keep the token
    user.set_password("Xinjiang-2026!")
    user.save()
    assert not Token.objects.filter(user=hq_a).exists()
    assert Token.objects.filter(pk=kept.pk).exists()


def test_the_password_change_page_revokes_the_users_api_tokens(client, hq_a):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=hq_a)
    client.force_login(hq_a)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Xinjiang-2026!",
            "new_password2": "Xinjiang-2026!",
        },
    )
    assert response.status_code == 302
    assert not Token.objects.filter(pk=token.pk).exists()
    api = client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.status_code == 401


def test_a_password_set_in_the_admin_revokes_the_users_api_tokens(client_for, admin_user, hq_a):
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=hq_a)
    response = client_for(admin_user).post(
        f"/admin/accounts/user/{hq_a.pk}/password/",
        {"password1": "Xinjiang-2026!", "password2": "Xinjiang-2026!", "usable_password": "true"},
    )
    assert response.status_code == 302
    assert not Token.objects.filter(user=hq_a).exists()
