"""Consumer aid (消费援疆): recipient-area products sold through aiding-side channels.

A channel (渠道: a 体验馆, a 大仓, an online platform, a 展销会, canteen purchasing) belongs to an
aiding party and sits in a city on the aiding side; the products listed in it come from
supplier enterprises of the recipient area (`organisations.Organisation` without a party);
sales are entered per channel and period; a party sets itself a target per year. Every
figure (enterprises, kinds of product, tonnes, 亿元, progress against a target) is computed
from these records; `SalesMonth` is their exact monthly summary, kept on every write
(`duikou.consumer.summary`).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.consumer.choices import ChannelKind, ProductCategory, Unit
from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopedQuerySet, ScopeRule

MONEY = {"max_digits": 16, "decimal_places": 2}
VOLUME = {"max_digits": 14, "decimal_places": 3}
ZERO = Decimal(0)
YEAR_RANGE = (2000, 2100)


def _local_supplier_problem(supplier) -> str | None:
    """Why an organisation cannot be a consumer-aid supplier, if it cannot: suppliers are
    enterprises of the recipient area (no aiding party, a place)."""
    if supplier is None:
        return None
    if supplier.aiding_party_id or not supplier.place_id:
        return str(
            _(
                "%(name)s is not an organisation of the recipient area: a supplier has a place "
                "and no aiding party."
            )
            % {"name": supplier.name}
        )
    return None


class Channel(TrackedModel):
    """A consumer-aid sales channel (渠道) of an aiding party: an experience hall, a warehouse
    (大仓/分仓), an online platform, a trade fair or canteen purchasing.

    `city` is the city on the aiding side where it sells (济南): the platform's places are the
    recipient region's tree only, so it is text. `source_place` is the recipient area its
    products come from (喀什地区); recipient users read the channels of their area.
    """

    code = models.CharField(_("channel code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=ChannelKind.choices)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="consumer_channels",
    )
    city = models.CharField(_("city (aiding side)"), max_length=60, blank=True)
    source_place = models.ForeignKey(
        "places.Place",
        verbose_name=_("products from (place)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consumer_channels",
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_rule = ScopeRule(party="aiding_party", place="source_place")

    class Meta:
        verbose_name = _("sales channel")
        verbose_name_plural = _("sales channels")
        ordering = ["aiding_party__sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("consumer:channel", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("A channel cannot close before it opens.")})

    def delete_refusal(self) -> str | None:
        if self.pk and self.sales.exists():
            return str(
                _("The channel has sales entries; delete them first (the figures come from them).")
            )
        return None


class Product(TrackedModel):
    """A product of a recipient-area supplier listed (入驻) in a channel.

    Where a report gives only a count ("400余种"), one record may stand for several kinds:
    `kinds` says how many; kinds of product are counted as the sum of `kinds`.
    """

    channel = models.ForeignKey(
        Channel,
        verbose_name=_("sales channel"),
        on_delete=models.CASCADE,
        related_name="products",
    )
    supplier = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="consumer_products",
    )
    name = models.CharField(_("product"), max_length=120)
    category = models.CharField(_("category"), max_length=12, choices=ProductCategory.choices)
    kinds = models.PositiveIntegerField(
        _("kinds of product"), default=1, validators=[MinValueValidator(1)]
    )
    listed_on = models.DateField(_("listed on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_rule = ScopeRule(party="channel__aiding_party", place="channel__source_place")

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["channel", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "supplier", "name"], name="consumer_product_unique"
            ),
            models.CheckConstraint(condition=Q(kinds__gte=1), name="consumer_product_kinds"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("consumer:product", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        problem = _local_supplier_problem(self.supplier if self.supplier_id else None)
        if problem:
            raise ValidationError({"supplier": problem})


class SalesEntry(TrackedModel):
    """Sales of recipient-area products through one channel in one period (usually a month).

    Counted in the month (and year) its period ends. A volume carries its unit; the amount is
    in yuan and never negative.
    """

    channel = models.ForeignKey(
        Channel, verbose_name=_("sales channel"), on_delete=models.PROTECT, related_name="sales"
    )
    supplier = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consumer_sales",
    )
    category = models.CharField(_("category"), max_length=12, choices=ProductCategory.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    volume = models.DecimalField(_("volume"), **VOLUME, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=6, choices=Unit.choices, blank=True)
    amount = models.DecimalField(_("sales (yuan)"), **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_rule = ScopeRule(party="channel__aiding_party", place="channel__source_place")

    class Meta:
        verbose_name = _("sales entry")
        verbose_name_plural = _("sales entries")
        ordering = ["-period_end", "channel"]
        indexes = [models.Index(fields=["channel", "period_end"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="consumer_sales_amount"),
            models.CheckConstraint(
                condition=Q(volume__isnull=True) | Q(volume__gte=0), name="consumer_sales_volume"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="consumer_sales_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.period_start}–{self.period_end}"

    def get_absolute_url(self) -> str:
        return reverse("consumer:sale", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.amount is not None and self.amount < 0:
            errors.setdefault("amount", []).append(_("A sales amount cannot be negative."))
        if self.volume is not None and self.volume < 0:
            errors.setdefault("volume", []).append(_("A volume cannot be negative."))
        if self.volume is not None and not self.unit:
            errors.setdefault("unit", []).append(
                _("A volume needs its unit (tonnes, kilograms, pieces or boxes).")
            )
        if self.unit and self.volume is None:
            errors.setdefault("volume", []).append(_("A unit is given but no volume."))
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors.setdefault("period_end", []).append(_("The period cannot end before it starts."))
        problem = _local_supplier_problem(self.supplier if self.supplier_id else None)
        if problem:
            errors.setdefault("supplier", []).append(problem)
        if errors:
            raise ValidationError(errors)


class SalesTarget(TrackedModel):
    """A party's consumer-aid sales target for a year (力争2020年底销售额突破10亿元)."""

    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="consumer_targets",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(YEAR_RANGE[0]), MaxValueValidator(YEAR_RANGE[1])]
    )
    amount = models.DecimalField(_("target sales (yuan)"), **MONEY)
    cumulative = models.BooleanField(
        _("cumulative"),
        default=False,
        help_text=_("The target counts all sales up to the end of the year, not that year's only."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_rule = ScopeRule(party="aiding_party")

    class Meta:
        verbose_name = _("sales target")
        verbose_name_plural = _("sales targets")
        ordering = ["-year", "aiding_party__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["aiding_party", "year"], name="consumer_target_year"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="consumer_target_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.aiding_party} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("consumer:target", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("A sales target must be more than zero.")})


class SalesMonth(models.Model):
    """The sales of one channel, category and month, summed from its sales entries.

    Derived, never edited: `duikou.consumer.summary` rebuilds a (channel, month) from the
    entries whenever one is written or deleted (pages, API, import, bulk loaders), under a
    lock on the channel, so it always equals a GROUP BY of the entries.
    """

    aiding_party = models.ForeignKey(
        "organisations.AidingParty", on_delete=models.CASCADE, related_name="+"
    )
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=12, choices=ProductCategory.choices)
    month = models.DateField()  # the first day of the month the entries' periods end in
    entries = models.PositiveIntegerField(default=0)
    amount = models.DecimalField(**MONEY, default=ZERO)
    tonnes = models.DecimalField(max_digits=16, decimal_places=6, default=ZERO)

    objects = ScopedQuerySet.as_manager()
    scope_rule = ScopeRule(party="aiding_party", place="channel__source_place")

    class Meta:
        verbose_name = _("sales month")
        verbose_name_plural = _("sales months")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "category", "month"], name="consumer_salesmonth_key"
            )
        ]
        indexes = [models.Index(fields=["aiding_party", "month"])]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.category} {self.month:%Y-%m}"
