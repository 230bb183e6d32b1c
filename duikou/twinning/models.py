"""Twinning (结对): a unit on the aiding side paired with a unit on the recipient side.

Units are places (a town, a village), organisations (a school, a hospital, an enterprise, an
agency, a social organisation) or a light household/individual record without personal IDs.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopedQuerySet, ScopeRule
from duikou.twinning.choices import HouseholdKind, PairKind, PairStatus, Side


class Household(TrackedModel):
    """A household (家庭/户) or an individual (a child or student) in a twinning pair.

    Deliberately light: a label the recording office chooses (户 012, 学生 A), how many people,
    where it lives — never names or ID numbers.
    """

    kind = models.CharField(
        _("kind"), max_length=12, choices=HouseholdKind.choices, default=HouseholdKind.HOUSEHOLD
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    code = models.CharField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=60)
    members = models.PositiveSmallIntegerField(_("members"), default=1)
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="+"
    )
    # An aiding-side household's party; for a recipient household, the party whose work group
    # recorded it (optional).
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    # Visible to its party and to the recipient office of its place, never to visitors;
    # recipients record their own households.
    scope_rule = ScopeRule(
        party="aiding_party",
        place="place",
        coordinator_edit=True,
        recipient_edit=Q(side=Side.RECIPIENT),
    )

    class Meta:
        verbose_name = _("household or individual")
        verbose_name_plural = _("households and individuals")
        ordering = ["place__path", "label"]
        constraints = [
            models.UniqueConstraint(fields=["place", "kind", "label"], name="household_label"),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("twinning:household_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from duikou.twinning import rules

        rules.check_household(self)


class PairQuerySet(ScopedQuerySet):
    def current(self, on=None) -> PairQuerySet:
        """Pairs active on a date (today by default)."""
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(
            Q(status=PairStatus.ACTIVE),
            Q(start__lte=on),
            Q(end__isnull=True) | Q(end__gte=on),
        )


class Pair(TrackedModel):
    """A twinning pair (结对): one aiding-side unit and one recipient-side unit of a kind.

    Exactly one unit field is set on each side. `recipient_county` is the county the
    recipient unit lies in, kept on save for scoping and for coverage (全覆盖).
    """

    kind = models.CharField(_("kind"), max_length=12, choices=PairKind.choices)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="twinning_pairs",
    )
    aiding_place = models.ForeignKey(
        "places.Place",
        verbose_name=_("aiding place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="twinning_as_aiding",
    )
    aiding_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("aiding organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="twinning_as_aiding",
    )
    aiding_household = models.ForeignKey(
        Household,
        verbose_name=_("aiding household or individual"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pairs_as_aiding",
    )
    recipient_place = models.ForeignKey(
        "places.Place",
        verbose_name=_("recipient place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="twinning_as_recipient",
    )
    recipient_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("recipient organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="twinning_as_recipient",
    )
    recipient_household = models.ForeignKey(
        Household,
        verbose_name=_("recipient household or individual"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pairs_as_recipient",
    )
    recipient_county = models.ForeignKey(
        "places.Place",
        verbose_name=_("recipient county"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PairStatus.choices, default=PairStatus.ACTIVE
    )
    brokered_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("brokered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="brokered_pairs",
    )
    agreement = models.FileField(_("twinning agreement"), upload_to="twinning/%Y/", blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = PairQuerySet.as_manager()
    # Published figures: pairs of places and organisations are public, pairs of households
    # and individuals only for signed-in users. Parties record their own pairs.
    scope_rule = ScopeRule(
        party="aiding_party",
        place="recipient_county",
        public=~Q(kind__in=[PairKind.HOUSEHOLD, PairKind.INDIVIDUAL]),
        shared=True,
        coordinator_edit=True,
    )

    class Meta:
        verbose_name = _("twinning pair")
        verbose_name_plural = _("twinning pairs")
        ordering = ["aiding_party__sort_order", "kind", "-start", "id"]
        indexes = [
            models.Index(fields=["recipient_county", "kind", "status"]),
            models.Index(fields=["aiding_party", "kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="twinning_pair_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aiding_unit} ↔ {self.recipient_unit}"

    def get_absolute_url(self) -> str:
        return reverse("twinning:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        from duikou.twinning import rules

        rules.check_pair(self)

    def save(self, *args, **kwargs) -> None:
        from duikou.twinning import rules

        self.recipient_county = rules.county_of(rules.unit_place(self.recipient_unit))
        super().save(*args, **kwargs)

    @property
    def aiding_unit(self):
        return self.aiding_place or self.aiding_organisation or self.aiding_household

    @property
    def recipient_unit(self):
        return self.recipient_place or self.recipient_organisation or self.recipient_household


class CoverageSpan(models.Model):
    """Derived (not edited): the periods in which a recipient town or village is twinned in
    a kind — its active pairs' periods merged. Coverage on a date counts these (one row per
    twinned place and period) rather than the pairs (many per place). Kept by
    `duikou.twinning.spans` on every write of a pair (save, delete, import)."""

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="+")
    county = models.ForeignKey(
        "places.Place", null=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=PairKind.choices)
    start = models.DateField()
    end = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["place", "kind"])]

    def __str__(self) -> str:
        return f"{self.place_id} {self.kind} {self.start}–{self.end or ''}"
