"""People sent by aiding parties (援疆干部人才): batches, persons and their terms (postings).

A `Person` is who was sent; a `Posting` is one term of theirs at a place (受援单位, 挂职职务),
of a kind (党政干部 / 专业技术人才 / 柔性人才 / 银发专家) and field, usually in a numbered
`Batch` of the party (第N批). A repeat term (再援一届) is a new posting whose `previous` is the
earlier one. No national ID numbers are stored; names and contacts are read only within scope
(own party, the place posted to, coordinators) — everyone else sees counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.memo import remembered
from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopedQuerySet, ScopeRule
from duikou.personnel.choices import Field, Kind, Level, PlanStatus, PostingStatus, Sex


def on_post_q(on: dt.date, prefix: str = "") -> Q:
    """Postings on post on `on`: the term covers the day and the person had not returned early
    (`returned_on` is the first day off post)."""
    p = prefix
    return Q(**{f"{p}start__lte": on, f"{p}end__gte": on}) & ~Q(
        **{f"{p}status": PostingStatus.RETURNED_EARLY, f"{p}returned_on__lte": on}
    )


def overlapping_q(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """Postings on post on at least one day of [start, end]."""
    p = prefix
    return Q(**{f"{p}start__lte": end, f"{p}end__gte": start}) & ~Q(
        **{f"{p}status": PostingStatus.RETURNED_EARLY, f"{p}returned_on__lte": start}
    )


class Batch(TrackedModel):
    """A numbered batch (第N批) of an aiding party's cadres and professionals, with its period."""

    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="batches",
    )
    number = models.PositiveSmallIntegerField(
        _("batch number"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    name = models.CharField(_("name"), max_length=60, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    note = models.TextField(_("note"), blank=True)

    # That a batch exists and when is no personal data.
    scope_rule = ScopeRule(party="aiding_party", public=True, shared=True)

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["aiding_party__sort_order", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["aiding_party", "number"], name="batch_number_unique"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="batch_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.name or _("%(party)s batch %(number)s") % {
            "party": self.aiding_party.short_name if self.aiding_party_id else "",
            "number": self.number,
        }

    def get_absolute_url(self) -> str:
        return reverse("personnel:batch", args=[self.pk])

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The batch ends before it starts.")})
        super().clean()


class PersonQuerySet(ScopedQuerySet):
    def on_post(self, on: dt.date) -> PersonQuerySet:
        """Persons with a posting on post on `on`."""
        return self.filter(pk__in=Posting.objects.on_post(on).values("person_id"))


class Person(TrackedModel):
    """Someone an aiding party sent (or engaged): who they are and where they come from."""

    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="persons",
    )
    code = models.CharField(
        _("person number"),
        max_length=30,
        blank=True,
        help_text=_("The party's own number for the person (人员编号); given when left empty."),
    )
    name = models.CharField(_("name"), max_length=60)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1930), MaxValueValidator(2010)],
    )
    home_unit = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("home unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="persons_sent",
        help_text=_("The organisation on the aiding side that sent the person (派出单位)."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    note = models.TextField(_("note"), blank=True)
    # Where the person is (or was last) posted: kept by their postings (`Posting.save`), so the
    # county a person works in reads them, and a work group there changes them.
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("posting place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="persons",
        help_text=_("Set from the person's latest term."),
    )

    objects = PersonQuerySet.as_manager()
    # Own party (front headquarters, its work groups), the place posted to, coordinators.
    scope_rule = ScopeRule(party="aiding_party", place="place")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["aiding_party__sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["aiding_party", "code"], name="person_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("personnel:person", args=[self.pk])

    def clean(self) -> None:
        if (
            self.home_unit_id
            and self.aiding_party_id
            and self.home_unit.aiding_party_id != self.aiding_party_id
        ):
            raise ValidationError(
                {"home_unit": _("The home unit must be an organisation of the same aiding party.")}
            )
        before = getattr(self, "_history_snapshot", {}).get("aiding_party_id", self.aiding_party_id)
        if before != self.aiding_party_id and self.postings.exists():
            raise ValidationError(
                {
                    "aiding_party": _(
                        "A person with terms stays with the aiding party that sent them."
                    )
                }
            )
        super().clean()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.code:
            self.code = self.next_code()
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            Person.keep_places([self.pk])  # the place follows the terms, whatever was loaded

    def next_code(self) -> str:
        """A number not yet used in the party: its code and a running number."""
        from duikou.organisations.models import AidingParty

        party_code = (
            AidingParty.objects.filter(pk=self.aiding_party_id)
            .values_list("code", flat=True)
            .first()
            or "P"
        )
        taken = Person.objects.filter(aiding_party_id=self.aiding_party_id)
        n = taken.count() + 1
        while taken.filter(code=f"{party_code}-{n:05d}").exists():
            n += 1
        return f"{party_code}-{n:05d}"

    @staticmethod
    def keep_places(person_ids: list[int]) -> None:
        """Set each person's place to that of their latest term (after terms were written)."""
        latest = (
            Posting.objects.filter(person_id=models.OuterRef("pk"))
            .order_by("-start", "-id")
            .values("place_id")[:1]
        )
        for start in range(0, len(person_ids), 5000):
            chunk = person_ids[start : start + 5000]
            with_terms = Posting.objects.filter(person_id__in=chunk).values("person_id")
            Person.objects.filter(pk__in=with_terms).update(place=models.Subquery(latest))

    def on_post_during(self, start: dt.date, end: dt.date) -> bool:
        """Whether the person was on post on at least one day of [start, end]."""
        return self.postings.filter(overlapping_q(start, end)).exists()

    def current_posting(self, on: dt.date | None = None) -> Posting | None:
        from django.utils import timezone

        return self.postings.filter(on_post_q(on or timezone.localdate())).first()


class PostingQuerySet(ScopedQuerySet):
    def on_post(self, on: dt.date) -> PostingQuerySet:
        """Postings whose term covers `on` and whose person was on post that day."""
        return self.filter(on_post_q(on))

    def ending_within(self, on: dt.date, days: int = 90) -> PostingQuerySet:
        """Postings on post on `on` whose term ends in the next `days` days."""
        return self.on_post(on).filter(end__lte=on + dt.timedelta(days=days))

    def with_relations(self) -> PostingQuerySet:
        return self.select_related("person", "aiding_party", "batch", "place", "unit")


class Posting(TrackedModel):
    """One term of a person at a place: kind, field, receiving unit, post, period, status."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="postings"
    )
    # The person's party, kept on the term so figures by party read one table (set on save).
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="postings",
        editable=False,
    )
    batch = models.ForeignKey(
        Batch,
        verbose_name=_("batch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="postings",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    field = models.CharField(_("field"), max_length=16, choices=Field.choices, default=Field.OTHER)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("posting place"),
        on_delete=models.PROTECT,
        related_name="postings",
    )
    unit = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("receiving unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="postings_received",
        help_text=_("The organisation on the recipient side the person works in (受援单位)."),
    )
    post = models.CharField(_("post"), max_length=120, blank=True, help_text=_("挂职职务"))
    start = models.DateField(_("term start"))
    end = models.DateField(_("term end"))
    status = models.CharField(
        _("status"), max_length=16, choices=PostingStatus.choices, default=PostingStatus.ON_POST
    )
    returned_on = models.DateField(
        _("returned on"),
        null=True,
        blank=True,
        help_text=_("For an early return: the first day no longer on post."),
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous term"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
    )
    cross_pairing_reason = models.CharField(
        _("cross-pairing reason"),
        max_length=200,
        blank=True,
        help_text=_(
            "Why the person is posted outside the party's paired places (全域协作); "
            "required for such a posting."
        ),
    )
    note = models.TextField(_("note"), blank=True)

    objects = PostingQuerySet.as_manager()
    scope_rule = ScopeRule(party="aiding_party", place="place")

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["-start", "id"]
        indexes = [
            # Who is on post on a date, by party and kind (bench personnel.on_post_by_party_kind):
            # the term's end first (a recent date leaves few terms ending after it), and every
            # column the count reads, so PostgreSQL answers from the index alone.
            models.Index(
                fields=["end", "start", "aiding_party", "kind", "status", "returned_on"],
                name="posting_on_post",
            ),
            models.Index(fields=["place", "start"], name="posting_place_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="posting_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        person = self.person.name if self.person_id else "?"
        return (
            f"{person} {self.start:%Y-%m}–{self.end:%Y-%m}" if self.start and self.end else person
        )

    def get_absolute_url(self) -> str:
        return reverse("personnel:posting", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.person_id:
            self.aiding_party_id = self.person.aiding_party_id
        super().save(*args, **kwargs)
        if self.person_id:
            Person.keep_places([self.person_id])

    @property
    def last_day(self) -> dt.date | None:
        """The last day on post: the day before an early return, else the term's end."""
        if self.status == PostingStatus.RETURNED_EARLY and self.returned_on:
            return min(self.end, self.returned_on - dt.timedelta(days=1))
        return self.end

    # -- rules: on the form, the API and the import alike -----------------------------------
    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.person_id:
            self.aiding_party_id = self.person.aiding_party_id
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The term ends (%(end)s) before it starts (%(start)s).") % {
                "end": self.end,
                "start": self.start,
            }
        if self.status == PostingStatus.RETURNED_EARLY and not self.returned_on:
            errors["returned_on"] = _("An early return needs the date of return.")
        if self.returned_on and self.start and self.returned_on <= self.start:
            errors["returned_on"] = _("The date of return is not after the term's start.")
        if (
            self.batch_id
            and self.aiding_party_id
            and self.batch.aiding_party_id != self.aiding_party_id
        ):
            errors["batch"] = _("The batch belongs to another aiding party.")
        if self.unit_id and self.unit.aiding_party_id is not None:
            errors["unit"] = _("The receiving unit must be an organisation on the recipient side.")
        if self.previous_id and (
            self.previous_id == self.pk or self.previous.person_id != self.person_id
        ):
            errors["previous"] = _("The previous term must be an earlier term of the same person.")
        if not errors:
            self._check_paired(errors)
            self._check_overlap(errors)
        if errors:
            raise ValidationError(errors)
        super().clean()

    def unpaired(self) -> bool:
        """Whether the place lies outside the party's pairings in force at the term's start."""
        if not (self.aiding_party_id and self.place_id and self.start):
            return False
        from duikou.pairings.models import Pairing

        def paired_paths() -> list[str]:
            return list(
                Pairing.objects.filter(aiding_party_id=self.aiding_party_id)
                .current(self.start)
                .values_list("place__path", flat=True)
            )

        paired = remembered(("posting_paired", self.aiding_party_id, self.start), paired_paths)
        path = self.place.path
        return not any(path.startswith(p) or p.startswith(path) for p in paired)

    def _check_paired(self, errors: dict[str, Any]) -> None:
        if not self.cross_pairing_reason.strip() and self.unpaired():
            errors["place"] = _(
                "%(place)s is not paired with %(party)s. A posting outside the party's own "
                "pairing needs a cross-pairing reason."
            ) % {"place": self.place, "party": self.aiding_party}

    def _check_overlap(self, errors: dict[str, Any]) -> None:
        if not (self.person_id and self.start and self.end):
            return
        pid = self.person_id
        # An import loads a party's terms once per file (columns.py); elsewhere one query.
        stored = remembered(
            ("person_terms", pid),
            lambda: list(Posting.objects.filter(person_id=pid).select_related("place")),
        )
        last = self.last_day or self.end
        other = next(
            (
                t
                for t in sorted(stored, key=lambda t: t.start)
                if t.pk != self.pk and t.start <= last and t.last_day >= self.start
            ),
            None,
        )
        if other is not None:
            errors["start"] = _(
                "%(person)s is already on post from %(start)s to %(end)s (%(place)s); "
                "terms may not overlap."
            ) % {
                "person": self.person,
                "start": other.start,
                "end": other.last_day,
                "place": other.place,
            }


class Need(TrackedModel):
    """A need for people a recipient posts (人才需求 / 急需人才): field, level, how many, when,
    where. The aiding party it is addressed to answers it with a recruitment plan."""

    title = models.CharField(_("title"), max_length=120)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="needs",
        help_text=_("The aiding party the need is addressed to."),
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="needs"
    )
    unit = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("receiving unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="needs",
    )
    field = models.CharField(_("field"), max_length=16, choices=Field.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.MIDDLE)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.FLEXIBLE)
    number = models.PositiveIntegerField(_("number needed"), validators=[MinValueValidator(1)])
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    description = models.TextField(_("description"), blank=True)

    # Posted and changed by the recipient; read by the party it is addressed to. No names.
    scope_rule = ScopeRule(
        party="aiding_party", place="place", public=True, recipient_edit=True, party_edit=False
    )

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-start", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("personnel:need", args=[self.pk])

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The period ends before it starts.")})
        if self.unit_id and self.unit.aiding_party_id is not None:
            raise ValidationError(
                {"unit": _("The receiving unit must be an organisation on the recipient side.")}
            )
        super().clean()


class RecruitmentPlan(TrackedModel):
    """An aiding party's plan to recruit people (柔性引进 and the like), answering a need or on
    its own: how many planned, with how many an intent was reached (达成意向), how many arrived
    (到岗). Counts, not names; it moves 计划 → 达成意向 → 到岗 (`services.RECRUITMENT`)."""

    title = models.CharField(_("title"), max_length=120)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="recruitment_plans",
    )
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="recruitment_plans",
    )
    need = models.ForeignKey(
        Need,
        verbose_name=_("need"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.FLEXIBLE)
    field = models.CharField(_("field"), max_length=16, choices=Field.choices, default=Field.OTHER)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    planned = models.PositiveIntegerField(_("planned"), default=0)
    intent = models.PositiveIntegerField(_("intent reached"), default=0)
    arrived = models.PositiveIntegerField(_("arrived"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    note = models.TextField(_("note"), blank=True)

    # Counts only: public, like the figures the parties publish.
    scope_rule = ScopeRule(party="aiding_party", place="place", public=True)

    class Meta:
        verbose_name = _("recruitment plan")
        verbose_name_plural = _("recruitment plans")
        ordering = ["-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intent__lte=F("planned")) & Q(arrived__lte=F("intent")),
                name="recruitment_counts_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("personnel:plan", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.intent is not None and self.planned is not None and self.intent > self.planned:
            errors["intent"] = _(
                "The intent count (%(intent)s) exceeds the planned count (%(planned)s)."
            ) % {"intent": self.intent, "planned": self.planned}
        if self.arrived is not None and self.intent is not None and self.arrived > self.intent:
            errors["arrived"] = _(
                "The arrived count (%(arrived)s) exceeds the intent count (%(intent)s)."
            ) % {"arrived": self.arrived, "intent": self.intent}
        if (
            self.need_id
            and self.aiding_party_id
            and self.need.aiding_party_id != self.aiding_party_id
        ):
            errors["need"] = _("The need is addressed to another aiding party.")
        if errors:
            raise ValidationError(errors)
        super().clean()
