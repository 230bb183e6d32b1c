"""组团式 teams, 专科联盟 alliances, 师徒结对 mentorships and what they achieve.

A `Team` of an aiding party supports one recipient institution (a hospital, a school, a
college) after a model (以院包科, 以校包系, 大/小/微组团 …), sent by one or many institutions
on the aiding side; its `TeamMember`s are persons sent (personnel.Person). An `Alliance` is a
standing link between institutions on both sides (津和眼科专科联盟). A `Mentorship` pairs a
mentor (a person sent) with a `Mentee` (a local professional: a light record, not a user);
it is assessed (`Assessment`, 考核) and its results are counted as `Outcome`s with a before
and an after (3 → 20多种 heart operations). `ServiceFigure`s are a team's or a person's
figures for a period (接诊人次, 手术台次, …), kept so the indicators module can read them.

Scope: the aiding party of the team or mentor, the recipient place of the institution,
coordinators. Outcomes and service figures keep their party and place on the record (set
from what they are about on every save and clean), so one rule reads them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.memo import remembered
from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopeRule
from duikou.teams.choices import AssessmentResult, OutcomeKind, Sector, TeamModel


def _period_errors(errors: dict[str, Any], start, end, end_field: str = "end") -> None:
    if start and end and end < start:
        errors[end_field] = _("The end (%(end)s) is before the start (%(start)s).") % {
            "end": end,
            "start": start,
        }


def _recipient_institution_errors(errors: dict[str, Any], name: str, org) -> None:
    """An institution a team or mentee belongs to is on the recipient side, at a place."""
    if org is None:
        return
    if org.aiding_party_id is not None:
        errors[name] = _(
            "%(org)s belongs to an aiding party; choose an institution on the recipient side."
        ) % {"org": org}
    elif org.place_id is None:
        errors[name] = _("%(org)s has no place; give the institution its place first.") % {
            "org": org
        }


def _raise(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


def on_post_on(person_id: int, day: dt.date) -> bool:
    """Whether the person was on post on `day` (personnel's own rule, remembered in a batch)."""
    from duikou.personnel.models import Posting

    return remembered(
        ("teams_on_post", person_id, day),
        lambda: Posting.objects.on_post(day).filter(person_id=person_id).exists(),
    )


def posting_during(person_id: int, start: dt.date, end: dt.date):
    """The person's posting on post during [start, end] (the earliest), or None."""
    from duikou.personnel.models import Posting, overlapping_q

    return remembered(
        ("teams_posting", person_id, start, end),
        lambda: (
            Posting.objects.filter(person_id=person_id)
            .filter(overlapping_q(start, end))
            .select_related("place")
            .order_by("start")
            .first()
        ),
    )


# -- teams ---------------------------------------------------------------------------------
class Team(TrackedModel):
    """A 组团式 team of an aiding party supporting one recipient institution."""

    code = models.CharField(_("team code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="teams",
    )
    institution = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("supported institution"),
        on_delete=models.PROTECT,
        related_name="supporting_teams",
        help_text=_("The hospital, school or college on the recipient side the team supports."),
    )
    model = models.CharField(_("team model"), max_length=24, choices=TeamModel.choices)
    sector = models.CharField(
        _("sector"), max_length=12, choices=Sector.choices, default=Sector.MEDICAL
    )
    supporting_institutions = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("supporting institutions"),
        blank=True,
        related_name="teams_sent",
        help_text=_("The institutions on the aiding side that send the team (one or many)."),
    )
    departments = models.CharField(
        _("departments or subjects"),
        max_length=200,
        blank=True,
        help_text=_("What the team supports: departments of a hospital, subjects of a school."),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    scope_rule = ScopeRule(party="aiding_party", place="institution__place")

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["aiding_party__sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="team_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        _period_errors(errors, self.start, self.end)
        if self.institution_id:
            _recipient_institution_errors(errors, "institution", self.institution)
        _raise(errors)
        super().clean()

    def supporting_errors(self, institutions, party=None) -> list[str]:
        """Why these supporting institutions cannot be the team's (they are another party's
        or on the recipient side); the many-to-many values a form, the API and the import
        give are checked here."""
        party = party or (self.aiding_party if self.aiding_party_id else None)
        problems = []
        for org in institutions:
            if party is not None and org.aiding_party_id != party.pk:
                problems.append(
                    _("%(org)s is not an institution of %(party)s, the team's aiding party.")
                    % {"org": org, "party": party}
                )
        return problems

    def active_during(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and (self.end is None or self.end >= start)


class TeamMember(TrackedModel):
    """A person sent as a member of a team, with their role in it."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "personnel.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )
    role = models.CharField(_("role in the team"), max_length=60, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    justification = models.CharField(
        _("justification"),
        max_length=200,
        blank=True,
        help_text=_("Why a person of another aiding party is a member (required for one)."),
    )

    scope_rule = ScopeRule(party="team__aiding_party", place="team__institution__place")

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["team", "start", "id"]

    def __str__(self) -> str:
        person = self.person.name if self.person_id else "?"
        team = self.team.name if self.team_id else "?"
        return f"{person}（{team}）"

    def get_absolute_url(self) -> str:
        return reverse("teams:member_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        _period_errors(errors, self.start, self.end)
        if self.team_id and self.person_id:
            if (
                self.person.aiding_party_id != self.team.aiding_party_id
                and not self.justification.strip()
            ):
                errors["person"] = _(
                    "%(person)s was sent by %(other)s, not by %(party)s, the team's aiding "
                    "party; give a justification to make them a member."
                ) % {
                    "person": self.person,
                    "other": self.person.aiding_party,
                    "party": self.team.aiding_party,
                }
            elif self.start and not errors:
                far = dt.date.max
                overlapping = (
                    TeamMember.objects.filter(team_id=self.team_id, person_id=self.person_id)
                    .exclude(pk=self.pk)
                    .filter(
                        Q(end__isnull=True) | Q(end__gte=self.start), start__lte=self.end or far
                    )
                )
                if overlapping.exists():
                    errors["person"] = _(
                        "%(person)s is already a member of this team in that period."
                    ) % {"person": self.person}
        _raise(errors)
        super().clean()


class Alliance(TrackedModel):
    """A standing link (专科联盟) between institutions on both sides, e.g. 津和眼科专科联盟."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="alliances",
    )
    aiding_institution = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("institution on the aiding side"),
        on_delete=models.PROTECT,
        related_name="alliances_led",
    )
    recipient_institution = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("institution on the recipient side"),
        on_delete=models.PROTECT,
        related_name="alliances",
    )
    other_institutions = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("further member institutions"),
        blank=True,
        related_name="alliances_joined",
    )
    specialty = models.CharField(_("specialty"), max_length=60, blank=True)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alliances",
        help_text=_("The team whose work founded the alliance, if any."),
    )
    founded = models.DateField(_("founded"))
    note = models.TextField(_("note"), blank=True)

    scope_rule = ScopeRule(party="aiding_party", place="recipient_institution__place")

    class Meta:
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")
        ordering = ["aiding_party__sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:alliance_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.recipient_institution_id:
            _recipient_institution_errors(
                errors, "recipient_institution", self.recipient_institution
            )
        if (
            self.aiding_institution_id
            and self.aiding_party_id
            and self.aiding_institution.aiding_party_id != self.aiding_party_id
        ):
            errors["aiding_institution"] = _("%(org)s is not an institution of %(party)s.") % {
                "org": self.aiding_institution,
                "party": self.aiding_party,
            }
        if (
            self.team_id
            and self.aiding_party_id
            and self.team.aiding_party_id != self.aiding_party_id
        ):
            errors["team"] = _("The team belongs to another aiding party.")
        _raise(errors)
        super().clean()


# -- mentorships -----------------------------------------------------------------------------
class Mentee(TrackedModel):
    """A local professional mentored by a person sent (a light record, not a user).

    Kept by the aiding party whose people mentor them; read within scope only (the party,
    the institution's place, coordinators).
    """

    code = models.CharField(
        _("mentee number"),
        max_length=40,
        unique=True,
        blank=True,
        help_text=_("Given when left empty."),
    )
    name = models.CharField(_("name"), max_length=60)
    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="mentees",
        help_text=_("The aiding party whose people mentor this professional."),
    )
    institution = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="mentees",
    )
    post = models.CharField(_("post held"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)

    scope_rule = ScopeRule(party="aiding_party", place="institution__place")

    class Meta:
        verbose_name = _("mentee")
        verbose_name_plural = _("mentees")
        ordering = ["aiding_party__sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:mentee_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.institution_id:
            _recipient_institution_errors(errors, "institution", self.institution)
        _raise(errors)
        super().clean()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.code:
            self.code = self.next_code()
        super().save(*args, **kwargs)

    def next_code(self) -> str:
        from duikou.organisations.models import AidingParty

        party = AidingParty.objects.filter(pk=self.aiding_party_id).values_list("code", flat=True)
        prefix = f"MT-{party.first() or 'X'}-"
        taken = Mentee.objects.filter(code__startswith=prefix)
        n = taken.count() + 1
        while taken.filter(code=f"{prefix}{n:05d}").exists():
            n += 1
        return f"{prefix}{n:05d}"


class Mentorship(TrackedModel):
    """师徒结对: a mentor (a person sent) and a local mentee, for a period, with goals."""

    code = models.CharField(
        _("mentorship code"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Given when left empty: mentor number/mentee number/start month."),
    )
    mentor = models.ForeignKey(
        "personnel.Person",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    mentee = models.ForeignKey(
        Mentee, verbose_name=_("mentee"), on_delete=models.PROTECT, related_name="mentorships"
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentorships",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    goals = models.TextField(_("goals"), blank=True)

    scope_rule = ScopeRule(party="mentor__aiding_party", place="mentee__institution__place")

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-start", "id"]
        indexes = [models.Index(fields=["mentor", "start"], name="mentorship_mentor_start")]

    def __str__(self) -> str:
        mentor = self.mentor.name if self.mentor_id else "?"
        mentee = self.mentee.name if self.mentee_id else "?"
        return f"{mentor} → {mentee}"

    def get_absolute_url(self) -> str:
        return reverse("teams:mentorship_detail", args=[self.pk])

    def derived_code(self) -> str:
        return f"{self.mentor.code}/{self.mentee.code}/{self.start:%Y%m}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        _period_errors(errors, self.start, self.end)
        if self.mentor_id and self.start and not on_post_on(self.mentor_id, self.start):
            errors["mentor"] = _(
                "%(person)s was not on post on %(date)s, when the mentorship starts; a mentor "
                "must be a person on post at that time."
            ) % {"person": self.mentor, "date": self.start}
        if (
            self.mentor_id
            and self.mentee_id
            and self.mentee.aiding_party_id != self.mentor.aiding_party_id
        ):
            errors["mentee"] = _(
                "%(mentee)s is recorded by another aiding party than the mentor's."
            ) % {"mentee": self.mentee}
        if (
            self.team_id
            and self.mentor_id
            and self.team.aiding_party_id != self.mentor.aiding_party_id
        ):
            errors["team"] = _("The team belongs to another aiding party than the mentor.")
        if not errors and self.mentor_id and self.mentee_id and self.start:
            if not self.code:
                self.code = self.derived_code()
            same = Mentorship.objects.filter(
                mentor_id=self.mentor_id, mentee_id=self.mentee_id, start=self.start
            ).exclude(pk=self.pk)
            if same.exists():
                errors["mentee"] = _(
                    "%(mentor)s and %(mentee)s already have a mentorship starting on %(date)s."
                ) % {"mentor": self.mentor, "mentee": self.mentee, "date": self.start}
        _raise(errors)
        super().clean()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.code and self.mentor_id and self.mentee_id and self.start:
            self.code = self.derived_code()
        super().save(*args, **kwargs)


class Assessment(TrackedModel):
    """A periodic assessment (考核) of a mentorship: date, result, note."""

    mentorship = models.ForeignKey(
        Mentorship,
        verbose_name=_("mentorship"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    date = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=12, choices=AssessmentResult.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    scope_rule = ScopeRule(
        party="mentorship__mentor__aiding_party", place="mentorship__mentee__institution__place"
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return f"{self.mentorship} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("teams:assessment_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        m = self.mentorship if self.mentorship_id else None
        if m is not None and self.date:
            if self.date < m.start:
                errors["date"] = _(
                    "The assessment (%(date)s) is before the mentorship starts (%(start)s)."
                ) % {"date": self.date, "start": m.start}
            elif m.end and self.date > m.end + dt.timedelta(days=90):
                errors["date"] = _(
                    "The assessment (%(date)s) is more than 90 days after the mentorship "
                    "ended (%(end)s)."
                ) % {"date": self.date, "end": m.end}
        if self.score is not None and not (0 <= self.score <= 100):
            errors["score"] = _("A score is between 0 and 100.")
        _raise(errors)
        super().clean()


class SubjectRecord(TrackedModel):
    """A record about a team, a person or a mentorship: its party and place are kept on it,
    set from what it is about whenever it is cleaned or saved (the import cleans, the API
    saves), so the scope rule reads one table."""

    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope_rule = ScopeRule(party="aiding_party", place="place")
    subjects: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def subject_names(self) -> list[str]:
        return [name for name in self.subjects if getattr(self, f"{name}_id")]

    @property
    def subject(self) -> Any:
        names = self.subject_names()
        return getattr(self, names[0]) if names else None

    def subject_day(self) -> tuple[dt.date | None, dt.date | None]:
        raise NotImplementedError

    def derive(self, errors: dict[str, Any] | None = None) -> None:
        """Set the party and place from the subject; report what is missing into `errors`."""
        names = self.subject_names()
        if len(names) != 1:
            if errors is not None:
                errors[self.subjects[0]] = _("Give exactly one of: %(names)s.") % {
                    "names": "、".join(
                        str(self._meta.get_field(n).verbose_name) for n in self.subjects
                    )
                }
            return
        name = names[0]
        subject = getattr(self, name)
        if name == "team":
            self.aiding_party_id = subject.aiding_party_id
            self.place_id = subject.institution.place_id
        elif name == "mentorship":
            self.aiding_party_id = subject.mentor.aiding_party_id
            self.place_id = subject.mentee.institution.place_id
        else:  # a person: the place of their posting in the period
            self.aiding_party_id = subject.aiding_party_id
            start, end = self.subject_day()
            posting = posting_during(subject.pk, start, end) if start and end else None
            if posting is not None:
                self.place_id = posting.place_id
            elif errors is not None and start and end:
                errors[name] = _("%(person)s was not on post between %(start)s and %(end)s.") % {
                    "person": subject,
                    "start": start,
                    "end": end,
                }

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive()
        super().save(*args, **kwargs)


class Outcome(SubjectRecord):
    """A counted achievement of a mentorship, a person or a team, with a before and after:
    "原来只能做3种心脏手术，现在可以独立做20多种" is surgeries 3 → 20 (at least)."""

    subjects = ("mentorship", "person", "team")

    mentorship = models.ForeignKey(
        Mentorship,
        verbose_name=_("mentorship"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    person = models.ForeignKey(
        "personnel.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OutcomeKind.choices)
    description = models.CharField(_("what"), max_length=200)
    before = models.PositiveIntegerField(_("before"), null=True, blank=True)
    after = models.PositiveIntegerField(_("after"))
    after_is_minimum = models.BooleanField(
        _("at least"),
        default=False,
        help_text=_("The after figure is a lower bound (20多, 500余)."),
    )
    unit = models.CharField(_("unit"), max_length=10, blank=True)
    as_of = models.DateField(_("as of"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-as_of", "id"]

    def __str__(self) -> str:
        return f"{self.description} {self.figure}"

    def get_absolute_url(self) -> str:
        return reverse("teams:outcome_detail", args=[self.pk])

    @property
    def figure(self) -> str:
        """3 → 20多种; 14名 when there is no before."""
        after = f"{self.after}{'多' if self.after_is_minimum else ''}{self.unit}"
        return f"{self.before}{self.unit} → {after}" if self.before is not None else after

    def subject_day(self):
        return self.as_of, self.as_of

    def derive(self, errors: dict[str, Any] | None = None) -> None:
        if self.person_id and self.as_of:
            # An outcome may be reported after the term: the person's latest posting so far.
            from duikou.personnel.models import Posting

            posting = (
                Posting.objects.filter(person_id=self.person_id, start__lte=self.as_of)
                .order_by("-start")
                .first()
            )
            self.aiding_party_id = self.person.aiding_party_id
            if posting is not None:
                self.place_id = posting.place_id
            elif errors is not None:
                errors["person"] = _("%(person)s had no posting by %(date)s.") % {
                    "person": self.person,
                    "date": self.as_of,
                }
            if len(self.subject_names()) == 1:
                return
        super().derive(errors)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.derive(errors)
        if self.before is not None and self.after is not None and self.after < self.before:
            errors["after"] = _(
                "The figure after (%(after)s) is below the figure before (%(before)s); an "
                "outcome counts what was gained."
            ) % {"after": self.after, "before": self.before}
        _raise(errors)
        super().clean()


class ServiceFigure(SubjectRecord):
    """A team's or a person's service figures for a period (接诊人次, 手术台次, new
    techniques, 培训人次, 公开课节数), entered periodically and read by the indicators."""

    subjects = ("team", "person")

    code = models.CharField(
        _("figure code"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Given when left empty: team or person number and period."),
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_figures",
    )
    person = models.ForeignKey(
        "personnel.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_figures",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    patients_seen = models.PositiveIntegerField(_("patients seen (person-times)"), default=0)
    operations = models.PositiveIntegerField(_("operations"), default=0)
    new_techniques = models.PositiveIntegerField(_("new techniques introduced"), default=0)
    trained = models.PositiveIntegerField(_("staff trained (person-times)"), default=0)
    public_lessons = models.PositiveIntegerField(_("public lessons"), default=0)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("service figure")
        verbose_name_plural = _("service figures")
        ordering = ["-period_start", "id"]
        indexes = [
            models.Index(fields=["aiding_party", "period_start"], name="servicefigure_party"),
            models.Index(fields=["place", "period_start"], name="servicefigure_place"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="servicefigure_period"
            ),
        ]

    def __str__(self) -> str:
        subject = self.subject
        return f"{subject or '?'} {self.period_start}–{self.period_end}"

    def get_absolute_url(self) -> str:
        return reverse("teams:figure_detail", args=[self.pk])

    def subject_day(self):
        return self.period_start, self.period_end

    def derived_code(self) -> str:
        subject = self.subject
        return f"{subject.code}/{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        _period_errors(errors, self.period_start, self.period_end, "period_end")
        if not errors:
            self.derive(errors)
        team = self.team if self.team_id else None
        if (
            not errors
            and team is not None
            and not team.active_during(self.period_start, self.period_end)
        ):
            errors["team"] = _("%(team)s did not work between %(start)s and %(end)s.") % {
                "team": team,
                "start": self.period_start,
                "end": self.period_end,
            }
        if not errors:
            if not self.code:
                self.code = self.derived_code()
            names = self.subject_names()
            same = (
                ServiceFigure.objects.filter(
                    **{f"{names[0]}_id": getattr(self, f"{names[0]}_id")},
                    period_start=self.period_start,
                    period_end=self.period_end,
                )
                .exclude(pk=self.pk)
                .values_list("code", flat=True)
                .first()
            )
            if same is not None:
                errors["period_start"] = _(
                    "The figures of %(subject)s for this period are already recorded (%(code)s); "
                    "give that code to change them."
                ) % {"subject": self.subject, "code": same}
        _raise(errors)
        super().clean()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive()
        if not self.code and self.subject is not None and self.period_start and self.period_end:
            self.code = self.derived_code()
        super().save(*args, **kwargs)
