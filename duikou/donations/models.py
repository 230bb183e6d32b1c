"""Donations (捐赠/募集): money and goods given through the programme, and annual pledges.

A donation has a cash amount, an in-kind value, or both (yuan, Decimal); goods are named
with their count (400副眼镜). An annual pledge ("每年援助30万元") is recorded once and gives
one donation entry per year (`services.record_instalments`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopeRule
from duikou.donations.choices import DonorKind, Purpose, RecipientKind

MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}
NO_VALUE = _("A donation needs a cash amount or an in-kind value (or both); neither is given.")


class Pledge(TrackedModel):
    """A donor's promise of a yearly amount (长江村每年援助30万元) for a run of years."""

    code = models.CharField(_("pledge code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="donation_pledges",
    )
    work_group = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("work group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donation_pledges",
    )
    pair = models.ForeignKey(
        "twinning.Pair",
        verbose_name=_("twinning pair"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donation_pledges",
    )
    donor_kind = models.CharField(_("donor kind"), max_length=12, choices=DonorKind.choices)
    donor = models.CharField(_("donor"), max_length=200)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("recipient place"),
        on_delete=models.PROTECT,
        related_name="donation_pledges",
    )
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)
    annual_amount = models.DecimalField(_("amount per year (yuan)"), **MONEY)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    scope_rule = ScopeRule(party="aiding_party", place="place")

    class Meta:
        verbose_name = _("annual pledge")
        verbose_name_plural = _("annual pledges")
        ordering = ["-first_year", "code"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("donations:pledge", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not self.annual_amount:
            errors["annual_amount"] = _("A pledge promises an amount per year above zero.")
        if self.last_year is not None and self.first_year and self.last_year < self.first_year:
            errors["last_year"] = _(
                "The last year %(last)s is before the first year %(first)s."
            ) % {"last": self.last_year, "first": self.first_year}
        if errors:
            raise ValidationError(errors)
        super().clean()


class Donation(TrackedModel):
    """Money or goods given (捐赠) or raised (募集) for a recipient through an aiding party."""

    code = models.CharField(_("donation code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="donations",
    )
    work_group = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("work group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
    )
    pair = models.ForeignKey(
        "twinning.Pair",
        verbose_name=_("twinning pair"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
    )
    donor_kind = models.CharField(_("donor kind"), max_length=12, choices=DonorKind.choices)
    donor = models.CharField(_("donor"), max_length=200)
    donor_count = models.PositiveIntegerField(
        _("number of donors"), null=True, blank=True, help_text=_("N for “N位爱心人士”.")
    )
    recipient_kind = models.CharField(
        _("recipient kind"), max_length=12, choices=RecipientKind.choices
    )
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)
    recipient_count = models.PositiveIntegerField(
        _("number of recipients"), null=True, blank=True, help_text=_("Households or students.")
    )
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("recipient place"),
        on_delete=models.PROTECT,
        related_name="donations",
    )
    given_on = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False, db_index=True)
    cash = models.DecimalField(_("cash (yuan)"), null=True, blank=True, **MONEY)
    in_kind_value = models.DecimalField(_("in-kind value (yuan)"), null=True, blank=True, **MONEY)
    items = models.CharField(_("goods"), max_length=100, blank=True, help_text=_("e.g. 眼镜"))
    item_count = models.PositiveIntegerField(_("goods count"), null=True, blank=True)
    item_unit = models.CharField(_("goods unit"), max_length=10, blank=True, help_text=_("e.g. 副"))
    is_scholarship = models.BooleanField(_("scholarship (奖学金/助学)"), default=False)
    people_helped = models.PositiveIntegerField(_("people helped"), null=True, blank=True)
    pledge = models.ForeignKey(
        Pledge,
        verbose_name=_("annual pledge"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instalments",
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    scope_rule = ScopeRule(party="aiding_party", place="place")

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-given_on", "code"]
        indexes = [models.Index(fields=["aiding_party", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cash__gt=0) | models.Q(in_kind_value__gt=0),
                name="donation_has_a_value",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("donations:detail", args=[self.pk])

    @property
    def total(self) -> Decimal:
        return (self.cash or Decimal(0)) + (self.in_kind_value or Decimal(0))

    @property
    def goods(self) -> str:
        """The goods as the reports write them: 400副眼镜."""
        if not self.items:
            return ""
        count = f"{self.item_count}{self.item_unit}" if self.item_count else ""
        return f"{count}{self.items}"

    def clean(self) -> None:
        if self.given_on is not None:
            self.year = self.given_on.year
        if not (self.cash or self.in_kind_value):
            raise ValidationError({"cash": NO_VALUE})
        super().clean()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.given_on is not None:
            self.year = self.given_on.year
        super().save(*args, **kwargs)
