"""Stored files live as long as their record: when a row with a FileField is deleted (also by
a cascade, as a project's attachments are), its files are removed once the transaction
commits; a rolled-back delete keeps them."""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete

log = logging.getLogger("duikou.files")


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def delete_files(sender: type[models.Model], instance: models.Model, using: str, **kwargs: Any):
    """post_delete: remove the record's stored files after the deleting transaction commits."""
    for field in _file_fields(sender):
        stored = getattr(instance, field.attname)
        if not stored or not stored.name:
            continue
        storage, name = stored.storage, stored.name

        def remove(storage=storage, name=name) -> None:
            try:
                storage.delete(name)
            except OSError:  # the file is gone already, or the disk refuses: keep the delete
                log.warning("could not delete stored file %s", name, exc_info=True)

        transaction.on_commit(remove, using=using)


def connect_signals() -> None:
    """Connect `delete_files` to each model that has a FileField (only those, so that every
    other model's deletes stay fast bulk deletes)."""
    for model in apps.get_models():
        if _file_fields(model):
            post_delete.connect(delete_files, sender=model, dispatch_uid=f"files-{model._meta}")
