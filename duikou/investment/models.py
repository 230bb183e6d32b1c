"""产业援疆: the 招商引资 pipeline (leads 洽谈→签约→开工→投产), promotion events, parks.

A lead is brokered by an aiding party (`aiding_party`) for a target place; the party the place
is paired with is worked out from the pairings (`paired_party`). When the two differ the lead is
全域协作 (cross-pairing work): it is credited to both parties — both read it and show it on
their pages — but it is one record, so national and place totals count it once, and no aid
funds move, so the two-80% rule does not see it.

The funnel is read from the stage dates, not only from the current stage: a lead that signed
and was then terminated still counts as having reached 签约 (dropped leads keep their history).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from duikou.core.memo import remembered
from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopeRule
from duikou.investment.choices import (
    PIPELINE,
    STAGE_AMOUNT,
    STAGE_DATE,
    EventKind,
    Origin,
    ParkKind,
    Sector,
    Stage,
)

MONEY = {"max_digits": 18, "decimal_places": 2}
ZERO = Decimal("0")


def paired_party_id(place: Any, on: dt.date | None) -> int | None:
    """The aiding party paired with `place` (or a place above it) on a date; None if none."""
    if place is None:
        return None
    from duikou.pairings.models import Pairing

    on = on or timezone.localdate()

    def lookup() -> int | None:
        paths = [*place.ancestor_paths(), place.path]
        pairing = (
            Pairing.objects.current(on)
            .filter(place__path__in=paths)
            .order_by("-place__path", "-valid_from")
            .values_list("aiding_party_id", flat=True)
            .first()
        )
        return pairing

    # Once per place and date in an import file (core/memo.py).
    return remembered(("investment.paired_party", place.pk, on), lookup)


class PromotionEvent(TrackedModel):
    """A promotion meeting or investment fair (推介会/招商会) held by an aiding party; the
    leads that came out of it name it as their source."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=12, choices=EventKind.choices, default=EventKind.PROMOTION
    )
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="promotion_events",
    )
    held_on = models.DateField(_("date held"))
    city = models.CharField(_("city"), max_length=40)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("place promoted"),
        on_delete=models.PROTECT,
        related_name="promotion_events",
        help_text=_("The recipient area whose projects were promoted."),
    )
    note = models.TextField(_("note"), blank=True)

    scope_rule = ScopeRule(party="aiding_party", place="place")

    class Meta:
        verbose_name = _("promotion event")
        verbose_name_plural = _("promotion events")
        ordering = ["-held_on", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.city}，{self.held_on:%Y-%m-%d}）"

    def get_absolute_url(self) -> str:
        return reverse("investment_events:detail", args=[self.pk])


class Park(TrackedModel):
    """An industrial park (产业园区); a co-built park (共建园区) names the aiding party that
    builds it with the place."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=12, choices=ParkKind.choices, default=ParkKind.INDUSTRIAL
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="parks"
    )
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("co-building aiding party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parks",
    )
    focus = models.CharField(_("main industries"), max_length=120, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    # Parks are the place's: its government keeps them up to date, the co-building party too.
    scope_rule = ScopeRule(party="aiding_party", place="place", recipient_edit=True)

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["place__path", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("investment_parks:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.kind == ParkKind.COBUILT and not self.aiding_party_id:
            raise ValidationError(
                {"aiding_party": _("A co-built park names the aiding party that builds it.")}
            )


class Lead(TrackedModel):
    """An investment lead (招商引资项目): an enterprise's project at a target place, brokered by
    an aiding party, moving 洽谈 → 签约 → 开工 → 投产 (or 终止, with its reason)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    enterprise = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="investment_leads",
    )
    origin = models.CharField(
        _("enterprise from"), max_length=12, choices=Origin.choices, default=Origin.AIDING_SIDE
    )
    sector = models.CharField(
        _("sector"), max_length=16, choices=Sector.choices, default=Sector.OTHER_SECTOR
    )
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("target place"),
        on_delete=models.PROTECT,
        related_name="investment_leads",
    )
    park = models.ForeignKey(
        Park,
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
    )
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("brokering aiding party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_leads",
        help_text=_("Left empty, the party paired with the target place."),
    )
    # Worked out from the pairings: the party paired with the target place.
    paired_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("paired aiding party"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_cross_pairing = models.BooleanField(
        _("cross-pairing work"),
        default=False,
        help_text=_(
            "Brokered by a party for a place paired with another party (全域协作): credited "
            "to both, counted once."
        ),
    )
    event = models.ForeignKey(
        PromotionEvent,
        verbose_name=_("source event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
    )
    responsible_name = models.CharField(_("person responsible"), max_length=60, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    planned_investment = models.DecimalField(
        _("planned investment (yuan)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    expected_output = models.DecimalField(
        _("expected annual output value (yuan)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.TALKS)
    talks_on = models.DateField(_("negotiation date (洽谈)"))
    signed_on = models.DateField(_("signing date (签约)"), null=True, blank=True)
    signed_amount = models.DecimalField(
        _("contracted amount (签约额, yuan)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    started_on = models.DateField(_("construction start date (开工)"), null=True, blank=True)
    funds_in_place = models.DecimalField(
        _("funds in place (到位资金, yuan)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    producing_on = models.DateField(_("production date (投产)"), null=True, blank=True)
    invested_total = models.DecimalField(
        _("cumulative investment (累计投资, yuan)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    terminated_on = models.DateField(_("termination date"), null=True, blank=True)
    termination_reason = models.TextField(_("termination reason"), blank=True)
    jobs_planned = models.PositiveIntegerField(_("jobs planned"), default=0)
    jobs_created = models.PositiveIntegerField(_("jobs created"), default=0)
    jobs_local = models.PositiveIntegerField(_("of which local jobs"), default=0)
    jobs_note = models.CharField(_("jobs note"), max_length=200, blank=True)
    # The year of the negotiation date: what the funnel groups by (kept for its index).
    year = models.PositiveSmallIntegerField(_("year"), editable=False, default=0)
    note = models.TextField(_("note"), blank=True)

    # The broker's record; the paired party of a cross-pairing lead reads it too (全域协作).
    scope_rule = ScopeRule(party="aiding_party", place="place", credited_party="paired_party")

    class Meta:
        verbose_name = _("investment lead")
        verbose_name_plural = _("investment leads")
        ordering = ["-talks_on", "code"]
        indexes = [
            models.Index(fields=["aiding_party", "year"], name="lead_party_year"),
            # The paired party's credit for others' cross-pairing work (a tenth of the leads).
            models.Index(
                fields=["paired_party", "year"],
                name="lead_cross_paired_year",
                condition=models.Q(is_cross_pairing=True),
            ),
            models.Index(fields=["place", "year"], name="lead_place_year"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("investment:detail", args=[self.pk])

    # -- derived -------------------------------------------------------------------------
    @property
    def reached(self) -> Stage:
        """The furthest pipeline stage the lead reached (also for a terminated lead)."""
        furthest = Stage.TALKS
        for stage in PIPELINE:
            if getattr(self, STAGE_DATE[stage]) is not None:
                furthest = stage
        return furthest

    @property
    def other_party(self) -> Any:
        """For cross-pairing work, the party paired with the place (the broker's partner)."""
        return self.paired_party if self.is_cross_pairing else None

    def delete_refusal(self) -> str | None:
        if self.signed_on is not None or self.stage == Stage.TERMINATED:
            return gettext(
                "A lead that has signed or was terminated keeps its history: terminate it "
                "with a reason instead of deleting it."
            )
        return None

    def on_workflow_move(self, step: Any, details: Any, user: Any) -> list[str]:
        """终止 records its date and reason (the move's opinion)."""
        if step.target == Stage.TERMINATED:
            self.terminated_on = details.date or timezone.localdate()
            self.termination_reason = details.opinion.strip()
            return ["terminated_on", "termination_reason"]
        return []

    def derive_pairing(self) -> None:
        """The paired party from the pairings; a lead with no broker named is the paired
        party's own. Every path saves through this (the API's create does not call clean)."""
        if not self.place_id:
            return
        self.paired_party_id = paired_party_id(self.place, self.talks_on)
        if not self.aiding_party_id and not self.is_cross_pairing:
            self.aiding_party_id = self.paired_party_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.talks_on:
            self.year = self.talks_on.year
        self.derive_pairing()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "year", "paired_party", "aiding_party"}
        super().save(*args, **kwargs)

    # -- rules ---------------------------------------------------------------------------
    def clean(self) -> None:
        super().clean()
        if self.talks_on:
            self.year = self.talks_on.year
        errors: dict[str, list[str]] = {}

        def refuse(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        self._check_stages(refuse)
        self._check_jobs(refuse)
        self._check_pairing(refuse)
        self._check_links(refuse)
        if errors:
            raise ValidationError(errors)

    def _label(self, name: str) -> str:
        return str(self._meta.get_field(name).verbose_name)

    def _check_stages(self, refuse: Any) -> None:
        # 投产 with an amount but no signing: the issue's own example, named first.
        no_signing = self.signed_on is None or self.signed_amount is None
        if (self.invested_total is not None or self.producing_on is not None) and no_signing:
            refuse(
                "invested_total" if self.invested_total is not None else "producing_on",
                gettext(
                    "A lead in production (投产) needs its signing first: give the signing "
                    "date and the contracted amount (签约额)."
                ),
            )
            return
        previous: tuple[str, dt.date] | None = None
        for stage in PIPELINE:
            name = STAGE_DATE[stage]
            value = getattr(self, name)
            if value is None:
                continue
            if previous is not None and value < previous[1]:
                refuse(
                    name,
                    gettext("%(this)s %(date)s is before %(previous)s %(previous_date)s.")
                    % {
                        "this": self._label(name),
                        "date": value.isoformat(),
                        "previous": self._label(previous[0]),
                        "previous_date": previous[1].isoformat(),
                    },
                )
            previous = (name, value)
        # The stages reached form a prefix of the pipeline: no 开工 without 签约.
        dates = [getattr(self, STAGE_DATE[s]) for s in PIPELINE]
        for i in range(1, len(PIPELINE)):
            if dates[i] is not None and dates[i - 1] is None:
                refuse(
                    STAGE_DATE[PIPELINE[i - 1]],
                    gettext("%(later)s is given, so %(earlier)s is needed too.")
                    % {
                        "later": self._label(STAGE_DATE[PIPELINE[i]]),
                        "earlier": self._label(STAGE_DATE[PIPELINE[i - 1]]),
                    },
                )
        # Each stage's amount belongs to a stage reached, and a stage reached has its amount.
        for stage in PIPELINE[1:]:
            date_name, amount_name = STAGE_DATE[stage], STAGE_AMOUNT[stage]
            has_date = getattr(self, date_name) is not None
            has_amount = getattr(self, amount_name) is not None
            if has_amount and not has_date:
                refuse(
                    date_name,
                    gettext("%(amount)s is given, so %(date)s is needed too.")
                    % {"amount": self._label(amount_name), "date": self._label(date_name)},
                )
            if has_date and not has_amount:
                refuse(
                    amount_name,
                    gettext("A lead that reached %(stage)s needs %(amount)s.")
                    % {"stage": Stage(stage).label, "amount": self._label(amount_name)},
                )
        # The current stage agrees with the dates.
        if self.stage == Stage.TERMINATED:
            if self.terminated_on is None:
                refuse("terminated_on", gettext("A terminated lead needs its termination date."))
            if not self.termination_reason.strip():
                refuse(
                    "termination_reason", gettext("A terminated lead needs the reason it ended.")
                )
            last = max((d for d in dates if d is not None), default=None)
            if self.terminated_on and last and self.terminated_on < last:
                refuse(
                    "terminated_on",
                    gettext(
                        "The termination date %(date)s is before the last stage's date %(last)s."
                    )
                    % {"date": self.terminated_on.isoformat(), "last": last.isoformat()},
                )
        elif self.stage in PIPELINE:
            at = PIPELINE.index(self.stage)
            for i, stage in enumerate(PIPELINE):
                name = STAGE_DATE[stage]
                if i <= at and getattr(self, name) is None and stage != Stage.TALKS:
                    refuse(
                        name,
                        gettext("A lead at %(stage)s needs %(date)s.")
                        % {"stage": Stage(self.stage).label, "date": self._label(name)},
                    )
                if i > at and getattr(self, name) is not None:
                    refuse(
                        name,
                        gettext("A lead still at %(stage)s has no %(date)s yet.")
                        % {"stage": Stage(self.stage).label, "date": self._label(name)},
                    )
            if self.terminated_on or self.termination_reason.strip():
                refuse(
                    "terminated_on",
                    gettext("Only a terminated lead has a termination date and reason."),
                )

    def _check_jobs(self, refuse: Any) -> None:
        created, planned = self.jobs_created or 0, self.jobs_planned or 0
        if created > planned and not self.jobs_note.strip():
            refuse(
                "jobs_created",
                gettext(
                    "Jobs created (%(created)s) exceed jobs planned (%(planned)s): say why in "
                    "the jobs note."
                )
                % {"created": created, "planned": planned},
            )
        if (self.jobs_local or 0) > created:
            refuse(
                "jobs_local",
                gettext("Local jobs (%(local)s) cannot exceed jobs created (%(created)s).")
                % {"local": self.jobs_local, "created": created},
            )

    def _check_pairing(self, refuse: Any) -> None:
        """全域协作: the broker and the paired party, as the pairings say."""
        if not self.place_id:
            return
        named_broker = bool(self.aiding_party_id)
        self.derive_pairing()
        if self.is_cross_pairing:
            if not self.aiding_party_id:
                refuse(
                    "aiding_party",
                    gettext(
                        "Cross-pairing work (全域协作) names the aiding party that brokered it: "
                        "give the brokering aiding party."
                    ),
                )
            elif self.paired_party_id is None:
                refuse(
                    "is_cross_pairing",
                    gettext(
                        "The target place is paired with no aiding party: there is no other "
                        "party to credit, so this is not cross-pairing work."
                    ),
                )
            elif self.aiding_party_id == self.paired_party_id:
                refuse(
                    "is_cross_pairing",
                    gettext(
                        "The target place is paired with the brokering party itself: this is "
                        "not cross-pairing work."
                    ),
                )
            return
        if not named_broker:
            if self.paired_party_id is None:
                refuse(
                    "aiding_party",
                    gettext(
                        "The target place has no paired aiding party: give the brokering party."
                    ),
                )
        elif self.paired_party_id is not None and self.aiding_party_id != self.paired_party_id:
            from duikou.organisations.models import AidingParty

            paired = AidingParty.objects.filter(pk=self.paired_party_id).first()
            refuse(
                "is_cross_pairing",
                gettext(
                    "%(place)s is paired with %(paired)s, not with the brokering party: mark "
                    "the lead as cross-pairing work (全域协作)."
                )
                % {"place": self.place, "paired": paired},
            )

    def _check_links(self, refuse: Any) -> None:
        from duikou.organisations.choices import OrganisationKind

        if self.enterprise_id and self.enterprise.kind != OrganisationKind.ENTERPRISE:
            refuse(
                "enterprise", gettext("Choose an enterprise (an organisation of kind enterprise).")
            )
        if self.park_id and self.place_id and not self.place.path.startswith(self.park.place.path):
            refuse(
                "park",
                gettext("The park %(park)s lies in %(park_place)s, not at the target place.")
                % {"park": self.park, "park_place": self.park.place},
            )
        if self.event_id and self.talks_on and self.talks_on < self.event.held_on:
            refuse(
                "talks_on",
                gettext("The negotiation date is before the source event (%(date)s).")
                % {"date": self.event.held_on.isoformat()},
            )


class ParkEntry(TrackedModel):
    """An enterprise located in a park (入驻企业) from a date, with the jobs it gives there.

    An entry that came from an investment lead names it: its jobs are then the lead's, counted
    once (`duikou.investment.services.employment`)."""

    park = models.ForeignKey(
        Park, verbose_name=_("park"), on_delete=models.PROTECT, related_name="entries"
    )
    enterprise = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="park_entries",
    )
    entered_on = models.DateField(_("located on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    lead = models.ForeignKey(
        Lead,
        verbose_name=_("investment lead"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="park_entries",
    )
    jobs = models.PositiveIntegerField(_("jobs (吸纳就业)"), default=0)
    local_jobs = models.PositiveIntegerField(_("of which local jobs"), default=0)
    investment = models.DecimalField(
        _("investment (yuan)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    note = models.TextField(_("note"), blank=True)

    scope_rule = ScopeRule(party="park__aiding_party", place="park__place", recipient_edit=True)

    class Meta:
        verbose_name = _("park enterprise")
        verbose_name_plural = _("park enterprises")
        ordering = ["park", "-entered_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "enterprise", "entered_on"], name="park_entry_unique"
            )
        ]
        indexes = [models.Index(fields=["park", "entered_on"], name="park_entry_park_date")]

    def __str__(self) -> str:
        return f"{self.enterprise} @ {self.park}"

    def get_absolute_url(self) -> str:
        return reverse("investment_entries:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.left_on and self.entered_on and self.left_on < self.entered_on:
            errors["left_on"] = gettext(
                "The enterprise cannot leave before it located in the park."
            )
        if (self.local_jobs or 0) > (self.jobs or 0):
            errors["local_jobs"] = gettext("Local jobs cannot exceed the jobs of the entry.")
        if self.lead_id and self.park_id:
            if self.lead.park_id and self.lead.park_id != self.park_id:
                errors["lead"] = gettext("The lead is located in another park.")
            if self.enterprise_id and self.lead.enterprise_id != self.enterprise_id:
                errors["lead"] = gettext("The lead is of another enterprise.")
        if errors:
            raise ValidationError(errors)
