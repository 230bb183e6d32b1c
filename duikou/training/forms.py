from __future__ import annotations

from duikou.core.forms import TrackedModelForm, date_input
from duikou.training.models import TrainingSession


class SessionForm(TrackedModelForm):
    pickers = {
        "aiding_party": ("party", "record"),
        "place": ("place", "record"),
        "projects": ("project", "record"),
    }

    class Meta:
        model = TrainingSession
        fields = [
            "code",
            "title",
            "mode",
            "field",
            "aiding_party",
            "organiser",
            "place",
            "trainee_group",
            "venue",
            "start_date",
            "end_date",
            "sessions",
            "trainees",
            "persons",
            "hours",
            "projects",
            "description",
            "source",
        ]
        widgets = {"start_date": date_input(), "end_date": date_input()}
