"""Project attachments: only sensible files, and only for those who may see the project."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from duikou.projects.models import Attachment
from duikou.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, project, name: str, content: bytes = b"%PDF-1.4 test", kind="document"):
    return client.post(
        f"/projects/{project.pk}/add/attachment/",
        {"kind": kind, "title": "验收报告", "file": SimpleUploadedFile(name, content)},
    )


def test_the_party_attaches_a_document_and_downloads_it(client_for, hq_a):
    project = make_project()
    client = client_for(hq_a)
    upload(client, project, "验收报告.pdf")
    attachment = Attachment.objects.get(project=project)
    response = client.get(f"/projects/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "attachment" in response["Content-Disposition"]


def test_an_unpublished_projects_attachment_is_404_for_another_party_and_the_public(
    client_for, hq_a, hq_b, client
):
    project = make_project(is_published=False)
    upload(client_for(hq_a), project, "a.pdf")
    attachment = Attachment.objects.get(project=project)
    client.logout()
    assert client.get(f"/projects/attachments/{attachment.pk}/").status_code == 404
    assert client_for(hq_b).get(f"/projects/attachments/{attachment.pk}/").status_code == 404


def test_a_program_file_is_refused_as_an_attachment(client_for, hq_a):
    project = make_project()
    response = upload(client_for(hq_a), project, "setup.exe", b"MZ")
    assert not Attachment.objects.filter(project=project).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("setup.exe" in m for m in messages)


def test_a_photo_must_be_an_image_file(client_for, hq_a):
    project = make_project()
    upload(client_for(hq_a), project, "scan.pdf", kind="photo")
    assert not Attachment.objects.filter(project=project).exists()
    upload(client_for(hq_a), project, "site.jpg", b"\xff\xd8\xff", kind="photo")
    assert Attachment.objects.filter(project=project, kind="photo").exists()


@override_settings(PROJECT_ATTACHMENT_MAX_MB=1)
def test_an_oversized_attachment_is_refused_with_its_size(client_for, hq_a):
    project = make_project()
    response = upload(client_for(hq_a), project, "big.pdf", b"x" * (1024 * 1024 + 1))
    assert not Attachment.objects.filter(project=project).exists()
    assert any("1.0 MB" in str(m) for m in response.wsgi_request._messages)


def _stored(name: str = "a.pdf") -> Attachment:
    from django.core.files.base import ContentFile

    project = make_project()
    attachment = Attachment(project=project, title="验收报告")
    attachment.file.save(name, ContentFile(b"%PDF-1.4 test"))
    return attachment


def test_an_attachments_file_is_deleted_with_its_record(django_capture_on_commit_callbacks):
    attachment = _stored()
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()

    assert not os.path.exists(path)


def test_a_projects_attachment_files_go_when_the_project_is_deleted(
    django_capture_on_commit_callbacks,
):
    attachment = _stored()
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        attachment.project.delete()
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not os.path.exists(path)


def test_a_rolled_back_delete_keeps_the_file():
    from django.db import transaction

    attachment = _stored()
    path = attachment.file.path
    with pytest.raises(RuntimeError), transaction.atomic():
        attachment.delete()
        raise RuntimeError("roll back")
    assert os.path.exists(path)
