"""The API's one mapping of domain refusals (settings REST_FRAMEWORK EXCEPTION_HANDLER).

`Refused` → 409 (or the status it names) with {"code", "detail"}; a delete blocked by a
protecting foreign key → 409 with code "protected" and the kinds of record that refer to it;
any other Django `ValidationError` → 400 in DRF's field-error shape. Never a 500.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from duikou.core.errors import Refused, refusal_for_delete, related_kinds


def _refusal_response(refused: Refused, **extra: Any) -> Response:
    detail = " ".join(str(m) for m in refused.messages)
    body = {"code": refused.refusal_code, "detail": detail, **refused.extra, **extra}
    return Response(body, status=refused.status)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus the domain refusals it does not know."""
    if isinstance(exc, ProtectedError | RestrictedError):
        return _refusal_response(refusal_for_delete(exc), related=related_kinds(exc))
    if isinstance(exc, Refused):
        return _refusal_response(exc)
    if isinstance(exc, DjangoValidationError):
        return Response(as_serializer_error(exc), status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
