"""The one place that decides what a user may read and change.

Every scoped model declares a `scope_rule` (a `ScopeRule`) naming the lookups that lead from a
record to its aiding party and to its place. From that and the caller's role this module builds
the filters used by pages, the API, exports and reports alike:

    Project.objects.visible_to(user)     # what the user may read
    Project.objects.editable_by(user)    # what the user may change

Writes are checked on the record as it will be saved: `duikou.core.writes.save_in_scope`
saves inside a transaction and requires `editable_by(user)` to still contain the record.

| role        | read                                  | change                               |
|-------------|---------------------------------------|--------------------------------------|
| admin       | everything                            | everything                           |
| coordinator | everything                            | models with coordinator_edit         |
| hq          | own party's, shared, public           | own party's records                  |
| work group  | own party's, own place's, shared, pub.| own party's records inside its place |
| recipient   | inside its place, shared, public      | recipient_edit records in its place  |
| anonymous   | public records only                   | nothing                              |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q

from duikou.core.roles import Role


@dataclass(frozen=True)
class Scope:
    """What the platform knows about a caller for scoping: role, aiding party, place subtree."""

    role: str | None = None
    party_id: int | None = None
    place_path: str | None = None
    organisation_id: int | None = None
    # The place model, taken from the user's organisation so that core imports no domain app.
    place_model: Any = field(default=None, compare=False, repr=False)

    @property
    def is_anonymous(self) -> bool:
        return self.role is None

    @cached_property
    def place_ids(self) -> list[int]:
        """The caller's place and everything below it, resolved once per scope."""
        if not self.place_path:
            return []
        return self.place_model.subtree_ids(self.place_path)

    def covers(self, place: Any) -> bool:
        """Whether `place` lies in the caller's place subtree."""
        if not self.place_path or place is None:
            return False
        return place.path.startswith(self.place_path)

    @property
    def reads_everything(self) -> bool:
        return self.role in (Role.ADMIN, Role.COORDINATOR)

    @classmethod
    def of(cls, user: Any) -> Scope:
        """The scope of a user (cached on the user object for the request)."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return ANONYMOUS
        cached = getattr(user, "_duikou_scope", None)
        if cached is not None:
            return cached
        role = Role.ADMIN if user.is_superuser else (user.role or None)
        org = user.organisation if user.organisation_id else None
        place = org.place if org and org.place_id else None
        scope = cls(
            role=role,
            party_id=org.aiding_party_id if org else None,
            place_path=place.path if place else None,
            organisation_id=org.pk if org else None,
            place_model=type(place) if place else None,
        )
        user._duikou_scope = scope
        return scope


ANONYMOUS = Scope()


def _prefix(lookup: str, field_name: str) -> str:
    return f"{lookup}__{field_name}" if lookup else field_name


@dataclass(frozen=True)
class ScopeRule:
    """How records of one model relate to parties and places, and who else may touch them.

    party:  lookup from the record to its AidingParty (e.g. "aiding_party"), or None.
    place:  lookup from the record to its Place (e.g. "place"), or None.
    public: a Q for the records anonymous visitors may read (True = all, False = none).
    shared: every signed-in user may read every record (reference data such as places).
    coordinator_edit: coordinators may change these records (e.g. pairings).
    recipient_edit: a Q (or True) for the records a recipient may change inside its place.
    admin_only: only platform administrators change these records.
    party_edit: front headquarters and work groups may change their own party's records
        (False for records the centre decides, such as pairings).
    distinct: the place lookup crosses a many-to-many relation.
    credited_party: lookup to a second AidingParty credited with the record, whose
        headquarters and work groups may read it but not change it (全域协作: an investment
        lead brokered by one party in a place paired with another is credited to both).
    credited_parties: the same through a many-to-many field of the model itself (an
        exchange event's co-organising parties). Read through a subquery, so a record credited
        to several parties is still one row and sums over a scoped queryset stay right.
    """

    party: str | None = None
    place: str | None = None
    public: Q | bool = False
    shared: bool = False
    coordinator_edit: bool = False
    recipient_edit: Q | bool = False
    admin_only: bool = False
    party_edit: bool = True
    distinct: bool = False
    credited_party: str | None = None
    credited_parties: str | None = None

    # -- filters -------------------------------------------------------------------------
    def _public_q(self) -> Q | None:
        if self.public is True:
            return Q()
        if self.public is False:
            return None
        return self.public

    def _party_q(self, scope: Scope) -> Q | None:
        if self.party is None or scope.party_id is None:
            return None
        return Q(**{_prefix(self.party, "id"): scope.party_id})

    def _credited_q(self, scope: Scope, model: Any = None) -> Q | None:
        if scope.party_id is None:
            return None
        parts: list[Q | None] = []
        if self.credited_party is not None:
            parts.append(Q(**{_prefix(self.credited_party, "id"): scope.party_id}))
        if self.credited_parties is not None and model is not None:
            credited = model._default_manager.filter(
                **{f"{self.credited_parties}__id": scope.party_id}
            )
            parts.append(Q(pk__in=credited.values("pk")))
        return _any(parts)

    def _place_q(self, scope: Scope) -> Q | None:
        if self.place is None or not scope.place_path:
            return None
        return Q(**{f"{self.place}__in": scope.place_ids})

    def read_q(self, scope: Scope, model: Any = None) -> Q | None:
        """What `scope` may read; `model` (the scoped model) is needed for credited_parties,
        whose credit is left out without it (narrower, never wider)."""
        # Everything public is read by everyone (an empty Q would vanish in an OR below).
        if (
            scope.reads_everything
            or self.public is True
            or (self.shared and not scope.is_anonymous)
        ):
            return Q()
        parts: list[Q | None] = [self._public_q()]
        if scope.role == Role.HQ:
            parts += [self._party_q(scope), self._credited_q(scope, model)]
        elif scope.role == Role.WORK_GROUP:
            parts += [self._party_q(scope), self._credited_q(scope, model), self._place_q(scope)]
        elif scope.role == Role.RECIPIENT:
            parts.append(self._place_q(scope))
        return _any(parts)

    def own_q(self, scope: Scope, model: Any = None) -> Q | None:
        """The caller's own records, which its lists open on: an HQ its party's, a work group
        its party's in its county, a recipient those in its area (None: no narrower default;
        the caller widens to everything it may read with the list's scope switch). Records
        credited to the caller's party (cross-pairing work) are its own too."""
        if scope.role == Role.HQ:
            return _any([self._party_q(scope), self._credited_q(scope, model)])
        if scope.role == Role.WORK_GROUP:
            party = _any([self._party_q(scope), self._credited_q(scope, model)])
            parts = [q for q in (party, self._place_q(scope)) if q is not None]
            return _all(parts) if parts else None
        if scope.role == Role.RECIPIENT:
            return self._place_q(scope)
        return None

    def edit_q(self, scope: Scope) -> Q | None:
        if scope.role == Role.ADMIN:
            return Q()
        if self.admin_only or scope.is_anonymous:
            return None
        if scope.role == Role.COORDINATOR:
            return Q() if self.coordinator_edit else None
        if scope.role == Role.HQ and self.party_edit:
            return self._party_q(scope)
        if scope.role == Role.WORK_GROUP and self.party_edit:
            return _all([self._party_q(scope), self._place_q(scope)])
        if scope.role == Role.RECIPIENT and self.recipient_edit is not False:
            extra = Q() if self.recipient_edit is True else self.recipient_edit
            return _all([self._place_q(scope), extra])
        return None


def _any(parts: list[Q | None]) -> Q | None:
    present = [q for q in parts if q is not None]
    if not present:
        return None
    result = present[0]
    for q in present[1:]:
        result |= q
    return result


def _all(parts: list[Q | None]) -> Q | None:
    if any(q is None for q in parts):
        return None
    result = Q()
    for q in parts:
        result &= q
    return result


def rule_for(model: type[models.Model]) -> ScopeRule:
    rule = getattr(model, "scope_rule", None)
    if not isinstance(rule, ScopeRule):
        raise ImproperlyConfigured(f"{model.__name__} has no scope_rule; it cannot be scoped")
    return rule


class ScopedQuerySet(models.QuerySet):
    """Queryset with the two scoping filters every page, API view and export goes through."""

    def visible_to(self, user: Any) -> ScopedQuerySet:
        rule = rule_for(self.model)
        q = rule.read_q(Scope.of(user), self.model)
        if q is None:
            return self.none()
        qs = self.filter(q)
        return qs.distinct() if rule.distinct and q else qs

    def editable_by(self, user: Any) -> ScopedQuerySet:
        rule = rule_for(self.model)
        q = rule.edit_q(Scope.of(user))
        if q is None:
            return self.none()
        qs = self.filter(q)
        return qs.distinct() if rule.distinct and q else qs


def can_edit(user: Any, obj: models.Model) -> bool:
    """Whether the user may change this saved record as it is stored (one query).

    Not a check of an edit: what an edit saves is checked by `duikou.core.writes`.
    """
    if obj.pk is None:
        return False
    return type(obj)._default_manager.editable_by(user).filter(pk=obj.pk).exists()


def can_create(user: Any, model: type[models.Model]) -> bool:
    """Whether the user may create records of this model at all (somewhere in scope)."""
    return rule_for(model).edit_q(Scope.of(user)) is not None


def reads_related(user: Any, model: type[models.Model], via: str, obj: models.Model) -> bool:
    """Whether the user may read records of `model` that belong to `obj` through the lookup
    `via` (a project's transactions: `reads_related(user, FundTransaction, "project", p)`),
    whether or not any exist yet. The model's read rule, applied to `obj`: one query."""
    q = rule_for(model).read_q(Scope.of(user))
    if q is None or obj.pk is None:
        return False
    return type(obj)._default_manager.filter(_rebase(q, via), pk=obj.pk).exists()


def _rebase(q: Q, via: str) -> Q:
    """The same condition with every lookup read from the related record behind `via`."""
    prefix = f"{via}__"
    rebased = Q()
    rebased.connector, rebased.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            rebased.children.append(_rebase(child, via))
            continue
        lookup, value = child
        if not lookup.startswith(prefix):
            raise ImproperlyConfigured(f"{lookup} does not go through {via}")
        rebased.children.append((lookup.removeprefix(prefix), value))
    return rebased
