"""Aid funds (援疆资金): annual plans, their allocation to projects, and the money moving."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopedQuerySet, ScopeRule
from duikou.funds.choices import PlanStatus, TransactionKind
from duikou.lib.money import wan
from duikou.projects.models import MONEY, ZERO, AmendmentMixin

POSITIVE = [MinValueValidator(Decimal("0.01"))]
YEAR_RANGE = (2000, 2100)  # as a project's plan year
YEARS = [MinValueValidator(YEAR_RANGE[0]), MaxValueValidator(YEAR_RANGE[1])]
# What an approved plan keeps: the coordinator approved this party, year and amount.
FROZEN_WHEN_APPROVED = ("aiding_party", "year", "amount")


class FundPlan(TrackedModel):
    """An aiding party's annual aid-fund plan (援疆资金计划), approved by the coordinator."""

    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="fund_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY, validators=POSITIVE)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    # Plans are a headquarters matter: work groups read them, the coordinator approves them
    # through `services.approve_plan`.
    scope_rule = ScopeRule(party="aiding_party")

    class Meta:
        verbose_name = _("fund plan")
        verbose_name_plural = _("fund plans")
        ordering = ["-year", "aiding_party__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["aiding_party", "year"], name="fundplan_party_year"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fundplan_amount_positive"),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_RANGE[0], year__lte=YEAR_RANGE[1]),
                name="fundplan_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aiding_party} {self.year}"

    def clean(self) -> None:
        self._check_frozen_when_approved()
        self._check_amount_covers_allocations()

    def _check_frozen_when_approved(self) -> None:
        """An approved plan keeps its party, year and amount (its note may still change).
        Compared with the values as loaded, so every path (page, API) is refused alike."""
        snapshot = getattr(self, "_history_snapshot", None)
        if self._state.adding or not snapshot or snapshot.get("status") != PlanStatus.APPROVED:
            return
        changed = [
            name
            for name in FROZEN_WHEN_APPROVED
            if (attname := self._meta.get_field(name).attname) in snapshot
            and getattr(self, attname) != snapshot[attname]
        ]
        if changed:
            message = _("The plan is approved: its aiding party, year and amount no longer change.")
            raise ValidationError({name: message for name in changed})

    def _check_amount_covers_allocations(self) -> None:
        if self._state.adding or self.amount is None:
            return
        allocated = self.allocations.aggregate(total=models.Sum("amount"))["total"] or ZERO
        if self.amount < allocated:
            raise ValidationError(
                {
                    "amount": _(
                        "The plan already allocates %(allocated)s (10k yuan); it cannot be less."
                    )
                    % {"allocated": wan(allocated)}
                }
            )

    def get_absolute_url(self) -> str:
        return reverse("funds:plan", args=[self.pk])

    def on_workflow_move(self, step, details, user) -> set[str]:
        """Approval stamps who approved and when; sending back or re-drafting clears it."""
        from django.utils import timezone

        if step.target == PlanStatus.APPROVED:
            self.approved_by = user if getattr(user, "pk", None) else None
            self.approved_at = timezone.now()
        else:
            self.approved_by, self.approved_at = None, None
        return {"approved_by", "approved_at"}

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED

    def delete_refusal(self) -> str | None:
        """Why this plan may not be deleted (see core/deletion.py), or None."""
        if self.is_approved:
            return str(_("An approved fund plan cannot be deleted."))
        if self.allocations.exists():
            return str(_("The plan already has allocations and cannot be deleted."))
        return None


class Allocation(AmendmentMixin, TrackedModel):
    """The part of an annual plan assigned to one project."""

    plan = models.ForeignKey(
        FundPlan, verbose_name=_("fund plan"), on_delete=models.PROTECT, related_name="allocations"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    amount = models.DecimalField(_("amount (yuan)"), **MONEY, validators=POSITIVE)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_rule = ScopeRule(party="project__aiding_party", place="project__place")

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["plan", "project__code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "project"], name="allocation_plan_project"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} → {self.project.code}"

    def get_absolute_url(self) -> str:
        return self.plan.get_absolute_url()


class FundTransaction(AmendmentMixin, TrackedModel):
    """A dated disbursement (拨付) to a project or an expenditure by it."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=TransactionKind.choices)
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (yuan)"), **MONEY, validators=POSITIVE)
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_rule = ScopeRule(party="project__aiding_party", place="project__place")

    class Meta:
        verbose_name = _("fund transaction")
        verbose_name_plural = _("fund transactions")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["project", "kind"], name="fundtx_project_kind")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="fundtx_amount_positive"),
        ]

    def __str__(self) -> str:
        from duikou.lib.money import wan

        return f"{self.get_kind_display()} {self.project.code} {self.date} {wan(self.amount)}万元"

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()


class PortfolioSummary(models.Model):
    """Derived figures per party × year × category × place level × livelihood flag.

    Not a source of truth: `duikou.funds.summary` rebuilds the cells of a party and year from
    projects, allocations and transactions whenever one of those changes, and the national
    loader rebuilds it whole. Statistics and the two-80 table read this small table instead of
    aggregating millions of rows on every request.
    """

    aiding_party = models.ForeignKey(
        "organisations.AidingParty", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    category = models.ForeignKey("projects.Category", on_delete=models.CASCADE, related_name="+")
    place_level = models.CharField(max_length=12)
    is_livelihood = models.BooleanField()
    projects = models.PositiveIntegerField(default=0)
    budget_aid = models.DecimalField(**MONEY, default=ZERO)
    budget_total = models.DecimalField(**MONEY, default=ZERO)
    allocated = models.DecimalField(**MONEY, default=ZERO)
    disbursed = models.DecimalField(**MONEY, default=ZERO)
    spent = models.DecimalField(**MONEY, default=ZERO)

    objects = ScopedQuerySet.as_manager()
    # Party figures: coordinators see every party's, a headquarters or work group its own.
    scope_rule = ScopeRule(party="aiding_party")

    class Meta:
        verbose_name = _("portfolio summary")
        verbose_name_plural = _("portfolio summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["aiding_party", "year", "category", "place_level", "is_livelihood"],
                name="summary_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.aiding_party_id}/{self.year}/{self.category_id}/{self.place_level}"
