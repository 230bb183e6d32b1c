"""Rules a later app adds to an earlier app's records, without the earlier app importing it.

A project may not have its aid budget cut below what the funds app has allocated to it, and
may not change party or year while it has allocations. Those are funds' rules about projects;
they live in `duikou/funds/checks.py` and are registered here for "projects.Project", and
`TrackedModel.clean()` runs them, so forms, the API and the import all apply them:

    @rules.register("projects.Project")
    def budget_covers_money(project): ...   # raises ValidationError({"budget_aid": ...})
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.module_loading import autodiscover_modules

Check = Callable[[Any], None]
_registry: dict[str, list[Check]] = {}


def register(model: str) -> Callable[[Check], Check]:
    """Decorator: run `fn(record)` whenever a record of `model` ("app.Model") is cleaned."""

    def decorate(fn: Check) -> Check:
        checks = _registry.setdefault(model.lower(), [])
        checks[:] = [c for c in checks if c.__qualname__ != fn.__qualname__]
        checks.append(fn)
        return fn

    return decorate


def check(obj: Any) -> None:
    """Run every registered rule on `obj`; their errors are raised together."""
    errors: dict[str, list[Any]] = {}
    for fn in _registry.get(obj._meta.label_lower, []):
        try:
            fn(obj)
        except ValidationError as invalid:
            for name, messages in invalid.update_error_dict({}).items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def autodiscover() -> None:
    """Import every installed app's `checks` module (from core's AppConfig.ready)."""
    autodiscover_modules("checks")
