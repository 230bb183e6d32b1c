"""Navigation shared by every page: the modules that exist and the ones to come."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import registry
from duikou.core.roles import Role
from duikou.core.scoping import Scope, rule_for

# The pages that are not one model's registered list, and the modules still to come, as
# (order, url name or None, label, roles that see it or None = all). Each registered model adds
# its own entry (`registry.register(..., nav=(label, roles), nav_order=...)`).
STATIC_NAV = [
    (10, "dashboard:home", _("Overview"), None),
    (30, "places_index", _("Places"), None),
    (40, "parties_index", _("Aiding parties"), None),
    # Fund figures are for the parties and the overseers (PortfolioSummary's scope rule).
    (
        80,
        "compliance:table",
        _("The two 80 percent rule"),
        {Role.ADMIN, Role.COORDINATOR, Role.HQ, Role.WORK_GROUP},
    ),
    # Each module's figures page opens its section; its registered lists follow.
    (89, "personnel:figures", _("People figures"), None),
    (99, "twinning:coverage", _("Twinning coverage"), None),
    (109, "investment:funnel", _("Investment pipeline"), None),
    (129, "exchanges:figures", _("Exchange figures"), None),
    (131, "training:figures", _("Training figures"), None),
    (133, "donations:figures", _("Donation figures"), None),
    (140, None, _("Indicators"), None),
    (150, None, _("Briefings"), None),
    (160, "reader:reader", _("Report reader"), None),
    (165, "core:tasks", _("Tasks"), None),
    (170, "core:changes", _("Change log"), {Role.ADMIN, Role.COORDINATOR}),
]


# The menu's sections, as (first order, heading): an entry belongs to the last section that
# starts at or before its order, so a module's entries sit under its heading.
NAV_SECTIONS = [
    (0, None),
    (60, _("Projects and funds")),
    (89, _("Personnel")),
    (99, _("Twinning")),
    (109, _("Industry")),
    (120, _("Consumer aid")),
    (129, _("Exchanges and training")),
    (140, _("Indicators and briefings")),
    (160, _("Tools")),
]


def section_of(order: float) -> Any:
    """The heading of the menu section an entry of this order belongs to."""
    heading = None
    for start, label in NAV_SECTIONS:
        if order >= start:
            heading = label
    return heading


def nav_items() -> list[tuple[str | None, Any, set[str] | None]]:
    """(url name, label, roles) of the menu: the static pages and the registered models."""
    return [entry[1:] for entry in nav_entries()]


def nav_entries() -> list[tuple[float, str | None, Any, set[str] | None]]:
    """(order, url name, label, roles) of every menu entry, in menu order."""
    return sorted(STATIC_NAV + registry.nav_entries(), key=lambda entry: entry[0])


def navigation(request) -> dict:
    if not request.user.is_authenticated:
        return {"nav_items": [], "user_scope": Scope.of(None)}
    scope = Scope.of(request.user)
    # A registered list whose records this role may never read is left out of its menu (a
    # recipient has no fund plans): a role sees only what it can use.
    unreadable = {
        r.nav_url or r.url_name("list")
        for r in registry.all()
        if r.nav is not None and rule_for(r.model).read_q(scope) is None
    }
    items = []
    section = None
    for order, url_name, label, roles in nav_entries():
        if roles is not None and scope.role not in roles:
            continue
        if url_name in unreadable:
            continue
        url = None
        if url_name:
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                url = None  # module not installed yet
        heading = section_of(order)
        items.append(
            {
                "label": label,
                "url": url,
                "active": False,
                "section": heading if heading is not None and heading != section else None,
            }
        )
        section = heading
    # The section is the longest menu URL the path starts with (/organisations/parties/ is
    # 援助方, not 单位机构).
    matches = [
        i for i in items if i["url"] and i["url"] != "/" and request.path.startswith(i["url"])
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    return {"nav_items": items, "user_scope": scope}
