"""The API's share of the generic layer: scoped querysets and object-level write checks."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from duikou.core.deletion import delete_or_refuse
from duikou.core.writes import save_in_scope


def _if_match_version(request) -> int | None:
    """The version an `If-Match` header names ("3" or the entity tag "\"3\""), if any."""
    header = request.headers.get("If-Match", "") if request is not None else ""
    text = header.strip().removeprefix("W/").strip('"')
    return int(text) if text.isdigit() else None


class TrackedSerializer(serializers.ModelSerializer):
    """Exposes `version`; an update must say which version it starts from (the `version`
    field or an `If-Match` header), and one that names an older version than stored is
    refused, so no edit silently overwrites another."""

    version = serializers.IntegerField(required=False)

    def validate(self, attrs):
        """Run the model's own `clean()` on the record as it would be saved, so the API
        refuses exactly what the forms refuse (DRF does not call it by itself)."""
        attrs = super().validate(attrs)
        if self.instance is not None and attrs.get("version") is None:
            header = _if_match_version(self.context.get("request"))
            if header is None:
                raise ValidationError(
                    {
                        "version": _(
                            "Send the version of the record you started from (the version "
                            "field or an If-Match header), so that a newer change is not "
                            "overwritten."
                        )
                    }
                )
            attrs["version"] = header
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


class MoveSerializer(serializers.Serializer):
    """What a workflow move may carry through the API (core/workflow.py); which of these a move
    needs depends on the move, and a missing one is refused with the reason."""

    date = serializers.DateField(required=False)
    document_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    opinion = serializers.CharField(required=False, allow_blank=True)


class ScopedQuerysetMixin:
    """Any viewset: the declared `queryset` (with its select_related and ordering), narrowed
    to what the caller may see."""

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)


class ScopedModelViewSet(ScopedQuerysetMixin, viewsets.ModelViewSet):
    """A model viewset whose every read and write goes through the model's scope rule."""

    def perform_create(self, serializer):
        # Saved, then required to lie in the caller's change scope (rolled back otherwise).
        save_in_scope(self.request.user, None, serializer.save)

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.instance = (
                type(serializer.instance)
                ._default_manager.select_for_update()
                .get(pk=serializer.instance.pk)
            )
            save_in_scope(self.request.user, serializer.instance, serializer.save)

    def perform_destroy(self, instance):
        """Delete through the same path as the pages: the model's refusal or a protecting
        reference becomes a 409 with its reason, never a 500."""
        refusal = delete_or_refuse(instance)
        if refusal is not None:
            raise refusal  # 409 with its code, through core/api_errors.py
