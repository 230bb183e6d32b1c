"""The API's share of the generic layer: scoped querysets and object-level write checks."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError

from duikou.core.deletion import delete_or_refuse
from duikou.core.scoping import Scope, rule_for


class DeleteRefused(APIException):
    """409: the record exists and may be changed by the caller, but may not be deleted."""

    status_code = 409
    default_code = "delete_refused"


class TrackedSerializer(serializers.ModelSerializer):
    """Exposes `version`; a write that sends an older version than stored is refused."""

    version = serializers.IntegerField(required=False)

    def validate(self, attrs):
        """Run the model's own `clean()` on the record as it would be saved, so the API
        refuses exactly what the forms refuse (DRF does not call it by itself)."""
        attrs = super().validate(attrs)
        model = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        many = {f.name for f in model._meta.many_to_many}
        for name, value in attrs.items():
            if name not in many and name != "version":
                setattr(candidate, name, value)
        try:
            candidate.clean()
        except DjangoValidationError as exc:
            raise ValidationError(serializers.as_serializer_error(exc)) from None
        return attrs

    def update(self, instance, validated_data):
        expected = validated_data.pop("version", None)
        if expected is not None and expected != instance.version:
            raise ValidationError(
                {
                    "version": _(
                        "Stale version %(expected)s: the record is now at version %(current)s."
                    )
                    % {"expected": expected, "current": instance.version}
                }
            )
        return super().update(instance, validated_data)

    def create(self, validated_data):
        validated_data.pop("version", None)
        return super().create(validated_data)


class ScopedQuerysetMixin:
    """Any viewset: the declared `queryset` (with its select_related and ordering), narrowed
    to what the caller may see."""

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)


class ScopedModelViewSet(ScopedQuerysetMixin, viewsets.ModelViewSet):
    """A model viewset whose every read and write goes through the model's scope rule."""

    def _check_scope(self, instance) -> None:
        if not rule_for(type(instance)).allows_edit(Scope.of(self.request.user), instance):
            raise PermissionDenied(_("You may not save a record outside your own scope."))

    def perform_create(self, serializer):
        with transaction.atomic():
            instance = serializer.save()
            self._check_scope(instance)

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.instance = (
                type(serializer.instance)
                ._default_manager.select_for_update()
                .get(pk=serializer.instance.pk)
            )
            instance = serializer.save()
            self._check_scope(instance)

    def perform_destroy(self, instance):
        """Delete through the same path as the pages: the model's refusal or a protecting
        reference becomes a 409 with its reason, never a 500."""
        refusal = delete_or_refuse(instance)
        if refusal:
            raise DeleteRefused(refusal)
