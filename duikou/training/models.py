"""Training sessions (培训) given by aiding parties, counted in trainee person-times (人次)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopeRule
from duikou.exchanges.models import check_counts, check_dates, collect
from duikou.training.choices import Field, Mode


class TrainingSession(TrackedModel):
    """A training session or course (培训班): mode, field, dates, 场, 人次, hours, organiser and
    where the trainees come from. 人次 (trainees) and 人 (persons) are kept apart."""

    code = models.CharField(_("training code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    field = models.CharField(_("field"), max_length=12, choices=Field.choices)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    organiser = models.CharField(
        _("organiser"), max_length=200, blank=True, help_text=_("e.g. 山东援疆指挥部、南京师范大学")
    )
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("trainees' place"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
        help_text=_("Where the trainees come from (the recipient side)."),
    )
    trainee_group = models.CharField(
        _("trainees"), max_length=100, blank=True, help_text=_("e.g. 中小学教师、乡镇干部")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    start_date = models.DateField(pgettext_lazy("event", "start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), editable=False, db_index=True)
    sessions = models.PositiveIntegerField(_("sessions (场)"), null=True, blank=True)
    trainees = models.PositiveIntegerField(_("trainees (人次)"), null=True, blank=True)
    persons = models.PositiveIntegerField(_("persons (人)"), null=True, blank=True)
    hours = models.DecimalField(
        _("hours (学时)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects"), blank=True, related_name="trainings"
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    scope_rule = ScopeRule(party="aiding_party", place="place")

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-start_date", "code"]
        indexes = [models.Index(fields=["aiding_party", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="training_session_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:detail", args=[self.pk])

    def set_year(self) -> None:
        if self.start_date is not None:
            self.year = self.start_date.year

    def clean(self) -> None:
        self.set_year()
        collect(
            self,
            check_dates,
            lambda obj: check_counts(obj, person_times="trainees"),
            TrackedModel.clean,
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_year()
        super().save(*args, **kwargs)
