"""The shared test kit: the persona × action matrix of every registered page and endpoint.

The expected outcome is declared once per model, by its `ScopeRule` and the registration's
sample (an object of party A in 伊宁县, made by `Registration.sample(party, place)`), and is
computed here from the rule's flags and the role table of core/scoping.py — not by calling
`visible_to` / `editable_by`, which are what the pages under test must obey. A module that
registers gets its matrix and its query-count guards without writing a test
(core/tests/test_matrix.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from duikou.core.registry import Registration, registry
from duikou.core.roles import Role
from duikou.core.scoping import rule_for

# What a persona is, relative to the sample object (party A, in 伊宁县).
PARTY_A, PARTY_B = "320000", "110000"
SAMPLE_PLACE = "654021"


@dataclass(frozen=True)
class Persona:
    name: str  # the conftest.py fixture, or "anonymous"
    role: str | None
    same_party: bool = False
    same_place: bool = False


PERSONAS = [
    Persona("hq_a", Role.HQ, same_party=True),
    Persona("wg_a", Role.WORK_GROUP, same_party=True, same_place=True),
    Persona("hq_b", Role.HQ),
    Persona("recipient", Role.RECIPIENT, same_place=True),
    Persona("coordinator", Role.COORDINATOR),
    Persona("anonymous", None),
]

# Outcomes, as they appear in test ids.
OK, HIDDEN, FORBIDDEN, LOGIN = "ok", "hidden", "forbidden", "login"
PAGE_STATUS = {OK: 200, HIDDEN: 404, FORBIDDEN: 403, LOGIN: 302}
PAGE_ACTIONS = ("list", "detail", "create", "edit", "delete", "history", "export")
API_ACTIONS = ("list", "detail", "create", "edit", "delete")


@dataclass(frozen=True)
class Expectation:
    """What the scope rule says a persona may do with the sample of one model."""

    registration: Registration
    persona: Persona

    @property
    def rule(self):
        return rule_for(self.registration.model)

    @property
    def party_match(self) -> bool:
        return self.rule.party is not None and self.persona.same_party

    @property
    def place_match(self) -> bool:
        return self.rule.place is not None and self.persona.same_place

    @property
    def sample_public(self) -> bool:
        declared = self.registration.sample_public
        return self.rule.public is True if declared is None else declared

    def sees(self) -> bool:
        role, rule = self.persona.role, self.rule
        if role in (Role.ADMIN, Role.COORDINATOR) or self.sample_public:
            return True
        if role is None:
            return False
        if rule.shared:
            return True
        if role == Role.HQ:
            return self.party_match
        if role == Role.WORK_GROUP:
            return self.party_match or self.place_match
        if role == Role.RECIPIENT:
            return self.place_match
        return False

    def changes(self) -> bool:
        role, rule = self.persona.role, self.rule
        if role == Role.ADMIN:
            return True
        if role is None or rule.admin_only:
            return False
        if role == Role.COORDINATOR:
            return rule.coordinator_edit
        if role == Role.HQ:
            return rule.party_edit and self.party_match
        if role == Role.WORK_GROUP:
            return rule.party_edit and self.party_match and self.place_match
        if role == Role.RECIPIENT and rule.recipient_edit is not False:
            declared = self.registration.sample_recipient_editable
            matches = rule.recipient_edit is True if declared is None else declared
            return self.place_match and matches
        return False

    def creates(self) -> bool:
        """Whether the persona may create records of this model somewhere in its scope."""
        role, rule = self.persona.role, self.rule
        if role == Role.ADMIN:
            return True
        if role is None or rule.admin_only:
            return False
        if role == Role.COORDINATOR:
            return rule.coordinator_edit
        if role == Role.HQ:
            return rule.party_edit and rule.party is not None
        if role == Role.WORK_GROUP:
            return rule.party_edit and rule.party is not None and rule.place is not None
        if role == Role.RECIPIENT:
            return rule.recipient_edit is not False and rule.place is not None
        return False

    # -- pages ---------------------------------------------------------------------------
    def page(self, action: str) -> str:
        reg = self.registration
        public_read = reg.public and action in ("list", "detail", "export")
        if self.persona.role is None and not public_read:
            return LOGIN
        if action in ("list", "export"):
            return OK
        if action == "create":
            return OK if self.creates() else FORBIDDEN
        if not self.sees():
            return HIDDEN
        if action in ("detail", "history"):
            return OK
        return OK if self.changes() else FORBIDDEN  # edit, delete

    # -- API -----------------------------------------------------------------------------
    def api(self, action: str) -> str:
        if action == "list":
            return OK
        if action == "detail":
            return OK if self.sees() else HIDDEN
        if self.persona.role is None:
            return LOGIN
        # Writes first need the right to create this model at all (ScopedPermission).
        if not self.creates():
            return FORBIDDEN
        if action == "create":
            return OK if self.changes() else FORBIDDEN
        if not self.sees():
            return HIDDEN
        return OK if self.changes() else FORBIDDEN


def page_cases() -> list[tuple[Registration, str, Persona, str]]:
    """(registration, action, persona, outcome) for every registered page."""
    cases = []
    for reg in registry.all():
        if reg.sample is None:
            continue
        for action in PAGE_ACTIONS:
            page = "list" if action == "export" else action
            if not reg.has(page) or (action == "export" and not reg.exportable):
                continue
            for persona in PERSONAS:
                cases.append((reg, action, persona, Expectation(reg, persona).page(action)))
    return cases


def api_cases() -> list[tuple[Registration, str, Persona, str]]:
    """(registration, action, persona, outcome) for every registered API endpoint."""
    cases = []
    for reg in registry.all():
        if reg.sample is None or reg.viewset is None:
            continue
        for action in API_ACTIONS:
            for persona in PERSONAS:
                cases.append((reg, action, persona, Expectation(reg, persona).api(action)))
    return cases


def case_id(case: tuple[Registration, str, Persona, str]) -> str:
    reg, action, persona, outcome = case
    return f"{reg.key}-{action}-{persona.name}-{outcome}"


def listed(registrations: list[Registration], page: str = "list") -> list[Registration]:
    return [r for r in registrations if r.sample is not None and r.has(page)]


# -- pages as a new user meets them ------------------------------------------------------------
# Words a Chinese page may show in Latin letters: file formats, product names, units, the
# language switch, the demo's user names and codes.
LATIN_ALLOWED = {
    "xlsx",
    "csv",
    "excel",
    "api",
    "pdf",
    "word",
    "echarts",
    "geocn",
    "fast",
    "http",
    "https",
    "english",
    "www",
    "url",
    "json",
    "openapi",
    "token",
    "iati",
    "gdp",
    "gb",
    "mb",
    "kb",
    "id",
}


def visible_text(html: str) -> list[str]:
    """The text a person reads on a page: text nodes and the placeholder, title and aria-label
    attributes, without scripts, styles, the language switch and URLs."""
    import html as html_lib
    import re

    html = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", html)
    html = re.sub(r'(?is)<select[^>]*name="language".*?</select>', " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    attributes = re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', html)
    texts = re.sub(r"(?s)<[^>]+>", "\n", html).split("\n") + attributes
    return [html_lib.unescape(t).strip() for t in texts if t.strip()]


def untranslated(html: str, names: Any = ()) -> list[str]:
    """The pieces of a page rendered in Chinese that are still English (a msgid with no
    translation, a raw value such as "verified: …", django's "(descending)")."""
    import re

    found = []
    for text in visible_text(html):
        for name in names:  # the signed-in user's login name
            text = text.replace(name, " ")
        # Names and codes people type: user names (hq_jiangsu), emails, URLs, file names.
        cleaned = re.sub(r"\S*[_@/\\.:]\S*|\b[A-Z]{2,}-\S*", " ", text)
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’]+", cleaned) if len(w) >= 3]
        if any(w.lower() not in LATIN_ALLOWED for w in words):
            found.append(text)
    return found


def main_pages(client: Any, user: Any) -> list[str]:
    """The pages a user opens first: every menu entry it is shown, every registered list, the
    first record it may see on each list (detail and history) and the forms it may use."""
    import re

    from django.db.models import Model

    from duikou.core.registry import registry
    from duikou.core.scoping import can_create, can_edit

    home = client.get("/").content.decode()
    aside = re.search(r"(?s)<aside.*?</aside>", home)
    urls = re.findall(r'href="(/[^"]*)"', aside.group(0)) if aside else []
    probe = type("Probe", (), {"user": user, "GET": {}})()
    for reg in registry.all():
        links = reg.links()
        if "list" in links:
            urls.append(links["list"])
        if reg.has("create") and can_create(user, reg.model):
            urls.append(links["create"])
        first: Model | None = reg.queryset(probe).first()
        if first is not None:
            record = reg.links(first)
            urls += [record[p] for p in ("detail", "history") if p in record]
            if "edit" in record and can_edit(user, first):
                urls.append(record["edit"])
    return list(dict.fromkeys(urls))
