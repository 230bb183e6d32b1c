"""Forms of the exchange pages: the event (pickers for parties, places, projects) and the
rows added on its page (participant groups, further figures, photos)."""

from __future__ import annotations

from django import forms

from duikou.core.forms import TrackedModelForm, date_input
from duikou.exchanges.models import Event, Measure, ParticipantGroup, Photo

EVENT_FIELDS = [
    "code",
    "title",
    "kind",
    "aiding_party",
    "partners",
    "organiser",
    "start_date",
    "end_date",
    "place",
    "aiding_place",
    "venue",
    "batches",
    "sessions",
    "lessons",
    "person_times",
    "persons",
    "beneficiaries",
    "projects",
    "pairs",
    "description",
    "source",
]


class EventForm(TrackedModelForm):
    pickers = {
        "aiding_party": ("party", "record"),
        "partners": ("party", "filter"),
        "place": ("place", "record"),
        "aiding_place": ("place", "filter"),
        "projects": ("project", "record"),
        "pairs": ("pair", "record"),
    }

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {"start_date": date_input(), "end_date": date_input()}


class GroupForm(forms.ModelForm):
    class Meta:
        model = ParticipantGroup
        fields = ["group", "side", "persons", "person_times"]


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["label", "quantity", "unit"]


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["title", "file"]
