"""Exchange events (交往交流交融): who organised them, where, and how many took part.

Person-times (人次) and persons (人) are separate fields, checked against each other and
never summed together. An event is organised by one lead aiding party (whose records these
are) and may be co-organised by others: each credited party counts it once, and a national
total counts it once (`summary.py`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopedQuerySet, ScopeRule
from duikou.exchanges.choices import EventKind, Side
from duikou.exchanges.counts import ends_before_start, person_times_below_persons

PERSON_TIMES_BELOW_PERSONS = _(
    "The person-times (%(person_times)s) are fewer than the persons (%(persons)s): every "
    "person takes part at least once, so 人次 cannot be smaller than 人."
)
END_BEFORE_START = _("The end date %(end)s is before the start date %(start)s.")


def check_counts(obj: Any, person_times: str = "person_times", persons: str = "persons") -> None:
    """Refuse person-times fewer than persons on `obj` (error on the person-times field)."""
    pt, ps = getattr(obj, person_times), getattr(obj, persons)
    if person_times_below_persons(pt, ps):
        raise ValidationError(
            {person_times: PERSON_TIMES_BELOW_PERSONS % {"person_times": pt, "persons": ps}}
        )


def check_dates(obj: Any, start: str = "start_date", end: str = "end_date") -> None:
    """Refuse an end date before the start date (error on the end date)."""
    first, last = getattr(obj, start), getattr(obj, end)
    if ends_before_start(first, last):
        raise ValidationError({end: END_BEFORE_START % {"end": last, "start": first}})


def collect(obj: Any, *checks: Any) -> None:
    """Run several checks and raise their errors together."""
    errors: dict[str, list[Any]] = {}
    for check in checks:
        try:
            check(obj)
        except ValidationError as invalid:
            for name, messages in invalid.update_error_dict({}).items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


class Event(TrackedModel):
    """An exchange event of a kind (研学, 义诊, 送教, 书信交友 …) organised by aiding parties."""

    code = models.CharField(_("event code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("lead organiser"),
        on_delete=models.PROTECT,
        related_name="exchange_events",
    )
    partners = models.ManyToManyField(
        "organisations.AidingParty",
        verbose_name=_("co-organising parties"),
        blank=True,
        related_name="co_organised_events",
        help_text=_("Each co-organising party is credited with the event; totals count it once."),
    )
    organiser = models.CharField(
        _("organising units"), max_length=200, blank=True, help_text=_("e.g. 泰州工作组、团省委")
    )
    start_date = models.DateField(pgettext_lazy("event", "start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # The start date's year, kept for the per-year counts (set on clean and save).
    year = models.PositiveSmallIntegerField(_("year"), editable=False, db_index=True)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("recipient-side place"),
        on_delete=models.PROTECT,
        related_name="exchange_events",
    )
    aiding_place = models.ForeignKey(
        "places.Place",
        verbose_name=_("aiding-side place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exchange_events_from",
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    batches = models.PositiveIntegerField(_("batches (批次)"), null=True, blank=True)
    sessions = models.PositiveIntegerField(_("sessions (场)"), null=True, blank=True)
    lessons = models.PositiveIntegerField(_("lessons (节)"), null=True, blank=True)
    person_times = models.PositiveIntegerField(_("person-times (人次)"), null=True, blank=True)
    persons = models.PositiveIntegerField(_("persons (人)"), null=True, blank=True)
    beneficiaries = models.PositiveIntegerField(_("beneficiaries (人)"), null=True, blank=True)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects"), blank=True, related_name="exchange_events"
    )
    pairs = models.ManyToManyField(
        "twinning.Pair",
        verbose_name=_("twinning pairs"),
        blank=True,
        related_name="exchange_events",
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    # Co-organising parties read the events they are credited with (not change them).
    scope_rule = ScopeRule(party="aiding_party", place="place", credited_parties="partners")

    class Meta:
        verbose_name = _("exchange event")
        verbose_name_plural = _("exchange events")
        ordering = ["-start_date", "code"]
        indexes = [
            models.Index(fields=["aiding_party", "year"]),
            models.Index(fields=["place", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="exchange_event_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchanges:detail", args=[self.pk])

    def set_year(self) -> None:
        if self.start_date is not None:
            self.year = self.start_date.year

    def clean(self) -> None:
        self.set_year()
        collect(self, check_dates, check_counts, TrackedModel.clean)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_year()
        super().save(*args, **kwargs)

    def credited_party_ids(self) -> set[int]:
        """The lead organiser and every co-organiser, each once."""
        return {self.aiding_party_id, *self.partners.values_list("pk", flat=True)}


EVENT_CHILD_RULE = ScopeRule(party="event__aiding_party", place="event__place")


class ParticipantGroup(TrackedModel):
    """One group of an event's participants (医疗专家, 少先队员 …), on one side."""

    event = models.ForeignKey(
        Event, verbose_name=_("exchange event"), on_delete=models.CASCADE, related_name="groups"
    )
    group = models.CharField(_("group"), max_length=60)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    persons = models.PositiveIntegerField(_("persons (人)"), null=True, blank=True)
    person_times = models.PositiveIntegerField(_("person-times (人次)"), null=True, blank=True)

    scope_rule = EVENT_CHILD_RULE

    class Meta:
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")
        ordering = ["side", "id"]

    def __str__(self) -> str:
        return self.group

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()

    def clean(self) -> None:
        collect(self, check_counts, TrackedModel.clean)


class Measure(TrackedModel):
    """A further figure of an event in its own unit (骑行 5171 公里, 书信 42 份, 学校 268 所)."""

    event = models.ForeignKey(
        Event, verbose_name=_("exchange event"), on_delete=models.CASCADE, related_name="measures"
    )
    label = models.CharField(_("what"), max_length=60)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10)

    scope_rule = EVENT_CHILD_RULE

    class Meta:
        verbose_name = _("event figure")
        verbose_name_plural = _("event figures")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.label} {self.quantity.normalize():f}{self.unit}"

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()


class Photo(TrackedModel):
    """A photo of an event (removed with its record, core/files.py)."""

    event = models.ForeignKey(
        Event, verbose_name=_("exchange event"), on_delete=models.CASCADE, related_name="photos"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="exchanges/%Y/")

    scope_rule = EVENT_CHILD_RULE

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()


class PartyYear(models.Model):
    """Derived: one credited party's events of one kind in one year (see summary.py).

    Rebuilt from the events whenever they change; never edited. Each event counts once per
    party it credits.
    """

    aiding_party = models.ForeignKey(
        "organisations.AidingParty", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    events = models.PositiveIntegerField(default=0)
    batches = models.PositiveIntegerField(default=0)
    sessions = models.PositiveIntegerField(default=0)
    lessons = models.PositiveIntegerField(default=0)
    person_times = models.PositiveBigIntegerField(default=0)
    persons = models.PositiveBigIntegerField(default=0)
    beneficiaries = models.PositiveBigIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()
    # Party figures: coordinators see every party's, a headquarters or work group its own.
    scope_rule = ScopeRule(party="aiding_party")

    class Meta:
        verbose_name = _("exchange figures per party and year")
        verbose_name_plural = _("exchange figures per party and year")
        constraints = [
            models.UniqueConstraint(
                fields=["aiding_party", "year", "kind"], name="exchanges_partyyear_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.aiding_party_id} {self.year} {self.kind}"
