"""Forms: the lead's own (its stage moves only through the pipeline), with scoped pickers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duikou.core.forms import TrackedModelForm, date_input
from duikou.investment.models import Lead, Park, ParkEntry, PromotionEvent

LEAD_FIELDS = [
    "code",
    "name",
    "enterprise",
    "origin",
    "sector",
    "place",
    "park",
    "aiding_party",
    "is_cross_pairing",
    "event",
    "responsible_name",
    "responsible_user",
    "planned_investment",
    "expected_output",
    "talks_on",
    "signed_on",
    "signed_amount",
    "started_on",
    "funds_in_place",
    "producing_on",
    "invested_total",
    "jobs_planned",
    "jobs_created",
    "jobs_local",
    "jobs_note",
    "note",
]
DATES = ("talks_on", "signed_on", "started_on", "producing_on")


def responsible_users(user):
    """Users a caller may name as responsible: its own party's (everyone's for the overseers)."""
    from duikou.accounts.models import User
    from duikou.core.scoping import Scope

    scope = Scope.of(user)
    users = User.objects.filter(is_active=True).order_by("username")
    if user is None or scope.reads_everything:
        return users
    if scope.party_id:
        return users.filter(organisation__aiding_party_id=scope.party_id)
    return users.none()


def _user_label(user) -> str:
    unit = getattr(user.organisation, "name", "") if user.organisation_id else ""
    name = user.get_full_name() or user.username
    return f"{name}（{unit}）" if unit else name


class LeadForm(TrackedModelForm):
    """Create or correct a lead. Its stage moves only through the pipeline's moves (which ask
    for each stage's date and amount); the dates and amounts of stages reached stay editable."""

    pickers = {
        "aiding_party": ("party", "record"),
        "place": ("place", "project.place"),
        "enterprise": ("organisation", "filter"),
        "park": ("park", "filter"),
        "event": ("promotion_event", "filter"),
    }

    class Meta:
        model = Lead
        fields = LEAD_FIELDS
        widgets = {name: date_input() for name in DATES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_user"].queryset = responsible_users(self.user)
        # People are named as people read them: name and unit, not the sign-in name.
        self.fields["responsible_user"].label_from_instance = _user_label
        self.fields["responsible_user"].help_text = _("Or give the name of the person above.")


class ParkEntryForm(TrackedModelForm):
    pickers = {
        "park": ("park", "filter"),
        "enterprise": ("organisation", "filter"),
        "lead": ("investment_lead", "filter"),
    }

    class Meta:
        model = ParkEntry
        fields = [
            "park",
            "enterprise",
            "entered_on",
            "left_on",
            "lead",
            "jobs",
            "local_jobs",
            "investment",
            "note",
        ]
        widgets = {"entered_on": date_input(), "left_on": date_input()}


class PromotionEventForm(TrackedModelForm):
    pickers = {"aiding_party": ("party", "record"), "place": ("place", "record")}

    class Meta:
        model = PromotionEvent
        fields = ["code", "name", "kind", "aiding_party", "held_on", "city", "place", "note"]
        widgets = {"held_on": date_input()}


class ParkForm(TrackedModelForm):
    pickers = {"aiding_party": ("party", "filter"), "place": ("place", "record")}

    class Meta:
        model = Park
        fields = [
            "code",
            "name",
            "kind",
            "place",
            "aiding_party",
            "focus",
            "established_on",
            "note",
        ]
        widgets = {"established_on": date_input()}
