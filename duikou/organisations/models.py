"""Aiding parties (援助方) and the organisations on both sides of the programme."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopedQuerySet, ScopeRule
from duikou.organisations.choices import OrganisationKind, PartyKind


class AidingPartyQuerySet(ScopedQuerySet):
    def by_code_or_name(self, text: str) -> AidingPartyQuerySet:
        """The party a typed text names: its code, its name or its short name (江苏).

        The one resolution every filter set, the API and the pickers use.
        """
        text = (text or "").strip()
        if not text:
            return self.none()
        return self.filter(Q(code=text) | Q(name=text) | Q(short_name=text))


def party_named_q(lookup: str, text: str) -> Q:
    """Q for records whose `lookup` (an AidingParty FK) is the party `text` names."""
    return Q(**{f"{lookup}__in": AidingParty.objects.by_code_or_name(text).values("id")})


class AidingParty(TrackedModel):
    """A province, city, central organ or central enterprise that gives aid.

    Keyed by its own division code for provinces and cities; central organs and enterprises
    use a project-assigned code.
    """

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    short_name = models.CharField(_("short name"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    colour = models.CharField(_("map colour"), max_length=7, default="#5470c6")

    objects = AidingPartyQuerySet.as_manager()
    scope_rule = ScopeRule(public=True, shared=True, admin_only=True)

    class Meta:
        verbose_name = _("aiding party")
        verbose_name_plural = _("aiding parties")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:party", args=[self.code])


class Organisation(TrackedModel):
    """An organisation taking part: a party's 前方指挥部 and 工作组, a recipient government,
    an oversight office, or an institution or enterprise that later modules reference.

    Aiding-side organisations belong to an aiding party; every organisation may sit at a place.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices)
    aiding_party = models.ForeignKey(
        AidingParty,
        verbose_name=_("aiding party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)

    # Aiding-side organisations are their party's; recipients look after local ones.
    # The official bodies of the programme are public; institutions and enterprises are not.
    # The coordination office maintains them too: it is the office that fixes scope.
    scope_rule = ScopeRule(
        party="aiding_party",
        place="place",
        public=Q(kind__in=["hq", "work_group", "recipient_government", "oversight"]),
        shared=True,
        coordinator_edit=True,
        recipient_edit=Q(aiding_party__isnull=True),
    )
    # What its users may read and change follows from these, so only administrators and
    # coordinators change them (enforced for every path by `duikou.core.writes`).
    scope_fields = ("place", "kind", "aiding_party")

    AIDING_SIDE = {OrganisationKind.HQ, OrganisationKind.WORK_GROUP}

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["aiding_party__sort_order", "kind", "name"]
        indexes = [models.Index(fields=["kind", "aiding_party"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()  # the rules later apps register (core/rules.py)
        if self.kind in self.AIDING_SIDE and not self.aiding_party_id:
            raise ValidationError(
                {"aiding_party": _("A headquarters or work group belongs to an aiding party.")}
            )
        if self.kind == OrganisationKind.WORK_GROUP and not self.place_id:
            raise ValidationError({"place": _("A work group is posted to a place.")})
        if self.kind == OrganisationKind.RECIPIENT_GOVERNMENT and self.aiding_party_id:
            raise ValidationError(
                {"aiding_party": _("A recipient government does not belong to an aiding party.")}
            )
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})
