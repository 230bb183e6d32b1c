"""Navigation shared by every page: the modules that exist and the ones to come."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.roles import Role
from duikou.core.scoping import Scope

# (url name or None for a module still to come, label, roles that see it or None = all)
NAV_ITEMS = [
    ("dashboard:home", _("Overview"), None),
    ("pairings:overview", _("Pairings"), None),
    ("places:list", _("Places"), None),
    ("organisations:parties", _("Aiding parties"), None),
    ("organisations:list", _("Organisations"), None),
    ("projects:list", _("Projects"), None),
    ("funds:plans", _("Funds"), None),
    ("compliance:table", _("The two 80 percent rule"), None),
    (None, _("Personnel"), None),
    (None, _("Twinning"), None),
    (None, _("Investment"), None),
    (None, _("Consumer aid"), None),
    (None, _("Exchanges"), None),
    (None, _("Indicators"), None),
    (None, _("Briefings"), None),
    ("reports:reader", _("Report reader"), None),
    ("core:tasks", _("Tasks"), None),
    ("core:changes", _("Change log"), {Role.ADMIN, Role.COORDINATOR}),
]


def navigation(request) -> dict:
    if not request.user.is_authenticated:
        return {"nav_items": [], "user_scope": Scope.of(None)}
    scope = Scope.of(request.user)
    items = []
    for url_name, label, roles in NAV_ITEMS:
        if roles is not None and scope.role not in roles:
            continue
        url = None
        if url_name:
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                url = None  # module not installed yet
        items.append({"label": label, "url": url, "active": False})
    # The section is the longest menu URL the path starts with (/organisations/parties/ is
    # 援助方, not 单位机构).
    matches = [
        i for i in items if i["url"] and i["url"] != "/" and request.path.startswith(i["url"])
    ]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    return {"nav_items": items, "user_scope": scope}


def page_extras(request) -> dict:
    """Templates other apps add to pages of earlier apps (see DUIKOU_PARTY_PAGE_EXTRAS), so an
    aiding party's page can show later modules' figures without importing them."""
    from django.conf import settings

    return {"party_page_extras": getattr(settings, "DUIKOU_PARTY_PAGE_EXTRAS", [])}
