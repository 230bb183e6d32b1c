"""Aid projects (援疆项目): the unit of funded work, with its progress, documents and results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.memo import remembered
from duikou.core.models import TrackedModel
from duikou.core.roles import Role
from duikou.core.scoping import Scope, ScopedQuerySet, ScopeRule
from duikou.projects.choices import (
    PUBLISHABLE_STATUSES,
    AttachmentKind,
    FundingSource,
    Status,
    is_frozen,
    money_frozen,
)

MONEY = {"max_digits": 18, "decimal_places": 2}
ZERO = Decimal("0")


def may_amend_frozen(user: Any) -> bool:
    """Frozen projects (see `choices.FROZEN_FIELDS`) are amended by the aid coordination office
    or an administrator only."""
    return user is not None and Scope.of(user).role in (Role.COORDINATOR, Role.ADMIN)


class AmendmentMixin:
    """A record that may change while frozen, when a coordinator gives a reason.

    The reason is no column: whoever amends sets `change_reason` and `amended_by` on the
    instance before saving (`projects.services.amend_frozen_project`, the API's
    `change_reason`, the money services' `reason`), and history records the reason with that
    change as the pseudo-field `change_reason`. Both are cleared after the save.
    """

    change_reason: str = ""
    amended_by: Any = None

    def history_values(self) -> dict[str, Any]:
        values = super().history_values()  # type: ignore[misc]
        if self.change_reason:
            values["change_reason"] = self.change_reason
        return values

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)  # type: ignore[misc]
        self.change_reason, self.amended_by = "", None
        getattr(self, "_history_snapshot", {}).pop("change_reason", None)

    def amendment_allowed(self) -> bool:
        """Whether this save carries a coordinator's reason for changing a frozen record."""
        return bool((self.change_reason or "").strip()) and may_amend_frozen(self.amended_by)


class Category(TrackedModel):
    """An entry of the managed project category list (民生, 产业, 教育 …).

    `counts_as_livelihood` is the default of a new project's livelihood flag, so which
    categories count towards the livelihood 80 percent is data a coordinator maintains.
    """

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    counts_as_livelihood = models.BooleanField(_("counts as livelihood"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope_rule = ScopeRule(public=True, shared=True, coordinator_edit=True, party_edit=False)

    class Meta:
        verbose_name = _("project category")
        verbose_name_plural = _("project categories")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    def livelihood(self, given: bool | None) -> bool:
        """A new project's livelihood flag: as given, or — when its form, API call or import
        row leaves it open — what this category says (the one place this default lives)."""
        return self.counts_as_livelihood if given is None else given


class ProjectQuerySet(ScopedQuerySet):
    def with_relations(self) -> ProjectQuerySet:
        """What the list, detail, API and exports show of each project, loaded up front."""
        return self.select_related(
            "aiding_party", "place", "category", "implementing_organisation"
        ).prefetch_related("extra_places")


class Project(AmendmentMixin, TrackedModel):
    """One aid project of an aiding party at a place, with budget by source and a lifecycle.

    `place` is the primary place (any level of the tree) used for scoping and for the two-80
    rule; `extra_places` lists further places a project covers. The status only changes through
    `duikou.projects.services.change_status`, which knows the allowed moves and who makes them.
    Which fields still change in which status is `choices.FROZEN_FIELDS`; only projects at
    批复 or later may be published.
    """

    code = models.CharField(_("project code"), max_length=40, unique=True)
    name = models.CharField(_("project name"), max_length=200)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    implementing_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("implementing organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implemented_projects",
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="projects"
    )
    extra_places = models.ManyToManyField(
        "places.Place",
        verbose_name=_("further places"),
        blank=True,
        related_name="extra_projects",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="projects"
    )
    is_livelihood = models.BooleanField(_("livelihood project"), default=False)
    plan_year = models.PositiveSmallIntegerField(
        _("plan year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    budget_aid = models.DecimalField(
        _("aid funds (yuan)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    budget_local = models.DecimalField(
        _("local matching funds (yuan)"),
        **MONEY,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    budget_social = models.DecimalField(
        _("social funds (yuan)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    budget_enterprise = models.DecimalField(
        _("enterprise investment (yuan)"),
        **MONEY,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RESERVE
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    finish_date = models.DateField(_("finish date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    # 全域协作: work by a party outside its own pairing, credited to both, counted once.
    is_cross_pairing = models.BooleanField(
        _("cross-pairing work"),
        default=False,
        help_text=_(
            "Work of the aiding party at a place paired with another party (全域协作). "
            "Without this mark a project lies inside its party's own pairings."
        ),
    )

    # Parties change their own projects (work groups inside their county); recipients read
    # what lies in their area and confirm acceptance through the lifecycle service.
    objects = ProjectQuerySet.as_manager()
    scope_rule = ScopeRule(party="aiding_party", place="place", public=Q(is_published=True))

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-plan_year", "code"]
        indexes = [
            models.Index(fields=["aiding_party", "plan_year"], name="project_party_year"),
            models.Index(fields=["plan_year", "category"], name="project_year_category"),
            models.Index(fields=["-plan_year", "code"], name="project_list_order"),
            models.Index(fields=["status"], name="project_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(finish_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(finish_date__gte=F("start_date")),
                name="project_finish_after_start",
            ),
            models.CheckConstraint(
                condition=Q(budget_aid__gte=0)
                & Q(budget_local__gte=0)
                & Q(budget_social__gte=0)
                & Q(budget_enterprise__gte=0),
                name="project_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(status__in=sorted(PUBLISHABLE_STATUSES)),
                name="project_published_when_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    def delete_refusal(self) -> str | None:
        """Why this project may not be deleted, if it may not: an accepted or handed-over
        project is a record of finished work and is kept. (Allocations and transactions
        protect it through their foreign keys; core/deletion.py names them.)"""
        if money_frozen(self.status):
            return _("A project that is %(status)s is kept; it cannot be deleted.") % {
                "status": Status(self.status).label
            }
        return None

    def clean(self) -> None:
        self.clean_places()
        if self.start_date and self.finish_date and self.finish_date < self.start_date:
            raise ValidationError({"finish_date": _("The finish date is before the start date.")})
        if (
            self.implementing_organisation_id
            and self.implementing_organisation.aiding_party_id not in (None, self.aiding_party_id)
        ):
            raise ValidationError(
                {
                    "implementing_organisation": _(
                        "The implementing organisation belongs to another aiding party."
                    )
                }
            )
        self._check_frozen_fields()
        self._check_publishable()
        super().clean()  # the rules other apps hold about projects (core/rules.py)

    def loaded_value(self, attname: str) -> Any:
        """The value of a field as loaded from the database (the instance's own if new)."""
        return getattr(self, "_history_snapshot", {}).get(attname, getattr(self, attname))

    def _check_frozen_fields(self) -> None:
        """An accepted or handed-over project keeps the fields its status freezes, unless a
        coordinator amends it with a reason. Compared with the values as loaded."""
        if self._state.adding or not getattr(self, "_history_snapshot", None):
            return
        status = self.loaded_value("status")
        changed = [
            field
            for field in self._meta.concrete_fields
            if field.attname in self._history_snapshot
            and field.name != "status"
            and is_frozen(status, field.name)
            and getattr(self, field.attname) != self._history_snapshot[field.attname]
        ]
        if not changed or self.amendment_allowed():
            return
        if (self.change_reason or "").strip():
            message = _("Only the aid coordination office may amend a project that is %(status)s.")
        else:
            message = _(
                "The project is %(status)s: this no longer changes, unless the aid coordination "
                "office amends it giving a reason."
            )
        message = message % {"status": Status(status).label}
        raise ValidationError({field.name: message for field in changed})

    def check_extra_places(self, places: Any) -> None:
        """The further places are frozen with the place: a many-to-many change the form and
        the API check before saving (`clean()` cannot see it)."""
        if self._state.adding or not is_frozen(self.loaded_value("status"), "place"):
            return
        new = {p.pk for p in places or []}
        if new != set(self.extra_places.values_list("pk", flat=True)):
            if self.amendment_allowed():
                return
            raise ValidationError(
                _(
                    "The project is %(status)s: this no longer changes, unless the aid "
                    "coordination office amends it giving a reason."
                )
                % {"status": Status(self.loaded_value("status")).label}
            )

    def on_workflow_move(self, step, details, user) -> set[str]:
        """A published project moved back before 批复 (an approval withdrawn) is unpublished in
        the same save: only approved projects are public (core/workflow.py calls this)."""
        if self.is_published and self.status not in PUBLISHABLE_STATUSES:
            self.is_published = False
            return {"is_published"}
        return set()

    def _check_publishable(self) -> None:
        if self.is_published and self.status not in PUBLISHABLE_STATUSES:
            raise ValidationError(
                {
                    "is_published": _(
                        "Only projects approved (批复) or later may be published; this one is "
                        "%(status)s."
                    )
                    % {"status": Status(self.status).label}
                }
            )

    def clean_places(self) -> None:
        """Refuse a primary place outside the aiding party's current pairings, unless the
        project is marked as cross-pairing work (see `unpaired_places`)."""
        if self.place_id:
            self._refuse_unpaired("place", [self.place])

    def clean_extra_places(self, places: Iterable[Any]) -> None:
        """The same for the further places as they will be saved. A many-to-many value is not
        on the instance before it is saved, so forms, the API and the import pass it here."""
        self._refuse_unpaired("extra_places", list(places))

    def unpaired_places(self, places: Iterable[Any]) -> list[Any]:
        """The places that lie outside the party's pairings (none for cross-pairing work).

        The pairings are those in force in the project's plan year (today's when the year is
        not known yet), so that a project of a pairing that has since changed hands stays
        valid. A place is covered when it or a place above it is paired with the party, or
        when it is an area containing one of the party's paired places (a prefecture-wide
        project)."""
        places = list(places)
        if self.is_cross_pairing or not self.aiding_party_id or not places:
            return []
        from duikou.pairings.models import Pairing

        year = self.plan_year if isinstance(self.plan_year, int) else None

        def paired_paths() -> list[str]:
            pairings = Pairing.objects.filter(aiding_party_id=self.aiding_party_id)
            if year is not None and 1 <= year <= 9999:
                pairings = pairings.filter(
                    Q(valid_from__lte=dt.date(year, 12, 31)),
                    Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(year, 1, 1)),
                )
            else:
                pairings = pairings.current()
            return list(pairings.values_list("place__path", flat=True))

        # Once per party and year in an import file, not once per row (core/memo.py).
        paired = remembered(("paired_paths", self.aiding_party_id, year), paired_paths)
        return [
            place
            for place in places
            if not any(place.path.startswith(p) or p.startswith(place.path) for p in paired)
        ]

    def _refuse_unpaired(self, field_name: str, places: list[Any]) -> None:
        unpaired = self.unpaired_places(places)
        if unpaired:
            raise ValidationError(
                {
                    field_name: _(
                        "%(places)s is not paired with %(party)s. Work outside the party's own "
                        "pairing must be marked as cross-pairing work."
                    )
                    % {"places": "、".join(str(p) for p in unpaired), "party": self.aiding_party}
                }
            )

    @property
    def budget_total(self) -> Decimal:
        return sum((self.budget(source) for source in FundingSource.values), ZERO)

    def budget(self, source: str) -> Decimal:
        return getattr(self, f"budget_{source}") or ZERO


# Records that belong to a project share its scope.
PROJECT_CHILD_RULE = ScopeRule(
    party="project__aiding_party",
    place="project__place",
    public=Q(project__is_published=True),
)


class ProgressReport(TrackedModel):
    """A dated progress report: percentage complete and what happened."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    date = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(
        _("progress (percent)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    note = models.TextField(_("note"), blank=True)

    scope_rule = PROJECT_CHILD_RULE

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="progress_percent_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.code} {self.date} {self.percent}%"

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()


class Attachment(TrackedModel):
    """A document or photo of a project."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.DOCUMENT
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="projects/%Y/")

    scope_rule = PROJECT_CHILD_RULE

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()


class ResultIndicator(TrackedModel):
    """An expected and achieved result of a project: beneficiaries, jobs, schools, beds …"""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="results"
    )
    indicator = models.CharField(_("indicator"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)
    expected = models.DecimalField(
        _("expected"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    achieved = models.DecimalField(
        _("achieved"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    scope_rule = PROJECT_CHILD_RULE

    class Meta:
        verbose_name = _("project result")
        verbose_name_plural = _("project results")
        ordering = ["project", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["project", "indicator"], name="result_unique_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}（{self.unit}）"

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()
