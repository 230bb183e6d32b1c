"""Documents belong to their organisation: others get 404; admin and coordinator see all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duikou.reader.models import ReportDocument

pytestmark = pytest.mark.django_db

VIEWS = ["reader:document", "reader:status", "reader:table", "reader:export"]


@pytest.fixture
def doc_of_a(client_for, hq_a):
    client_for(hq_a).post(reverse("reader:reader"), {"text": "江苏：共有3个项目。"})
    return ReportDocument.objects.get()


@pytest.mark.parametrize("persona", ["hq_b", "wg_a", "recipient"])
@pytest.mark.parametrize("view", VIEWS)
def test_other_organisations_get_404(request, client_for, doc_of_a, persona, view):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse(view, args=[doc_of_a.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["hq_a", "admin_user", "coordinator"])
@pytest.mark.parametrize("view", VIEWS)
def test_owner_organisation_admin_and_coordinator_see_it(
    request, client_for, doc_of_a, persona, view
):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse(view, args=[doc_of_a.pk])).status_code == 200


def test_anonymous_is_sent_to_sign_in(client, doc_of_a):
    client.logout()
    response = client.get(reverse("reader:document", args=[doc_of_a.pk]))
    assert response.status_code == 302


def test_reader_lists_only_visible_documents(client_for, doc_of_a, hq_b):
    page = client_for(hq_b).get(reverse("reader:reader")).content.decode()
    assert doc_of_a.get_absolute_url() not in page


def test_visible_to_and_editable_by(doc_of_a, hq_a, hq_b, wg_a, coordinator, admin_user):
    qs = ReportDocument.objects
    assert list(qs.visible_to(hq_a)) == [doc_of_a]
    assert not qs.visible_to(hq_b).exists()
    assert not qs.visible_to(wg_a).exists()
    assert list(qs.visible_to(coordinator)) == [doc_of_a]
    assert list(qs.visible_to(admin_user)) == [doc_of_a]
    assert list(qs.editable_by(hq_a)) == [doc_of_a]
    assert not qs.editable_by(coordinator).exists()
    assert list(qs.editable_by(admin_user)) == [doc_of_a]


def test_a_colleague_in_the_same_organisation_sees_it(doc_of_a, hq_a):
    from duikou.accounts.models import User

    colleague = User.objects.create_user(
        "hq_jiangsu_2", role=hq_a.role, organisation=hq_a.organisation
    )
    assert list(ReportDocument.objects.visible_to(colleague)) == [doc_of_a]


def test_a_user_without_organisation_cannot_upload(client_for):
    from duikou.accounts.models import User

    loner = User.objects.create_user("loner", role="hq")
    client = client_for(loner)
    page = client.get(reverse("reader:reader")).content.decode()
    assert 'data-testid="reader-form"' not in page
    client.post(reverse("reader:reader"), {"text": "共有3个项目。"})
    assert not ReportDocument.objects.exists()
