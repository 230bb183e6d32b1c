"""DRF authentication that tells the history mechanism who is acting.

`CurrentUserMiddleware` runs before DRF authenticates a request, so for a token request it sees
an anonymous user. These classes wrap DRF's own and, when they authenticate someone, set
`current_user` for the rest of the request (the middleware resets it when the request ends).
"""

from __future__ import annotations

from typing import Any

from rest_framework import authentication
from rest_framework.request import Request

from duikou.core.context import current_user


def _acting(result: tuple[Any, Any] | None) -> tuple[Any, Any] | None:
    if result is not None:
        current_user.set(result[0])
    return result


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF token authentication; the token's user is the acting user of the request."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        return _acting(super().authenticate(request))


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF session authentication (with its CSRF check); the session's user is the acting user."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        return _acting(super().authenticate(request))


# The OpenAPI schema names our session class as DRF's cookie scheme (drf-spectacular matches
# subclasses of the token class by itself, not of the session class); without it
# `duikou check --deploy` warns once per API view.
from drf_spectacular.authentication import SessionScheme  # noqa: E402


class SessionSchemeExtension(SessionScheme):
    target_class = "duikou.core.authentication.SessionAuthentication"
