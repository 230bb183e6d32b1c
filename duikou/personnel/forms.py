"""Forms with scoped pickers: a person, a term (posting), a need, a recruitment plan."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duikou.core.forms import TrackedModelForm, date_input
from duikou.core.scoping import Scope
from duikou.personnel.models import Batch, Need, Person, Posting, RecruitmentPlan


class BatchForm(TrackedModelForm):
    pickers = {"aiding_party": ("party", "record")}

    class Meta:
        model = Batch
        fields = ["aiding_party", "number", "name", "start", "end", "note"]
        widgets = {"start": date_input(), "end": date_input()}


class PersonForm(TrackedModelForm):
    pickers = {
        "aiding_party": ("party", "record"),
        "home_unit": ("organisation", "record"),
    }

    class Meta:
        model = Person
        fields = [
            "aiding_party",
            "code",
            "name",
            "sex",
            "birth_year",
            "home_unit",
            "phone",
            "email",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A person's place follows their latest term; a new person has none yet, so a work
        # group (scoped to its county) could not save one. Start it at the user's place.
        org = getattr(self.user, "organisation", None) if self.user is not None else None
        new = not self.instance.pk and self.instance.place_id is None
        if new and org and org.place_id and not Scope.of(self.user).reads_everything:
            self.instance.place = org.place


class PostingForm(TrackedModelForm):
    pickers = {
        "person": ("person", "record"),
        "batch": ("batch", "record"),
        "place": ("place", "record"),
        "unit": ("organisation", "filter"),
    }

    class Meta:
        model = Posting
        fields = [
            "person",
            "batch",
            "kind",
            "field",
            "place",
            "unit",
            "post",
            "start",
            "end",
            "status",
            "returned_on",
            "previous",
            "cross_pairing_reason",
            "note",
        ]
        widgets = {"start": date_input(), "end": date_input(), "returned_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.instance.person if self.instance.person_id else None
        previous = Posting.objects.none()
        if person is not None:
            previous = person.postings.exclude(pk=self.instance.pk)
        self.fields["previous"].queryset = previous
        # The model's help text only repeats the label (挂职职务): say what goes in it.
        self.fields["post"].help_text = _("The post held while on post, e.g. 副校长 or 科室副主任.")


class NeedForm(TrackedModelForm):
    pickers = {
        "aiding_party": ("party", "filter"),
        "place": ("place", "record"),
        "unit": ("organisation", "filter"),
    }

    class Meta:
        model = Need
        fields = [
            "title",
            "aiding_party",
            "place",
            "unit",
            "field",
            "level",
            "kind",
            "number",
            "start",
            "end",
            "description",
        ]
        widgets = {"start": date_input(), "end": date_input()}


class RecruitmentPlanForm(TrackedModelForm):
    pickers = {
        "aiding_party": ("party", "record"),
        "place": ("place", "record"),
    }

    class Meta:
        model = RecruitmentPlan
        fields = [
            "title",
            "aiding_party",
            "place",
            "need",
            "kind",
            "field",
            "year",
            "planned",
            "intent",
            "arrived",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "user", None)
        if user is not None:
            self.fields["need"].queryset = Need.objects.visible_to(user)
