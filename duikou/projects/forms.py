from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from duikou.core.forms import TrackedModelForm, date_input
from duikou.projects.choices import AttachmentKind
from duikou.projects.models import Attachment, ProgressReport, Project, ResultIndicator

PROJECT_FIELDS = [
    "code",
    "name",
    "aiding_party",
    "implementing_organisation",
    "place",
    "extra_places",
    "category",
    "is_livelihood",
    "plan_year",
    "budget_aid",
    "budget_local",
    "budget_social",
    "budget_enterprise",
    "start_date",
    "finish_date",
    "description",
    "is_published",
    "is_cross_pairing",
]


class ProjectForm(TrackedModelForm):
    """Create or edit a project. The status is not here: it moves only through the lifecycle."""

    pickers = {
        "aiding_party": ("party", "record"),
        "place": ("place", "project.place"),
        "extra_places": ("place", "project.extra_places"),
        "implementing_organisation": ("organisation", "record"),
    }

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {"start_date": date_input(), "finish_date": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["is_livelihood"].help_text = _(
                "Left unticked, a livelihood category ticks it."
            )

    def _post_clean(self):
        ticked = self.cleaned_data.get("is_livelihood")
        super()._post_clean()  # sets the instance's fields from the form
        if not self.instance.pk and self.instance.category_id:
            # An unticked box on a new project leaves the flag to the category.
            self.instance.is_livelihood = self.instance.category.livelihood(ticked or None)

    def clean(self):
        data = super().clean()
        if data.get("aiding_party") and "extra_places" in data:
            probe = Project(
                aiding_party=data["aiding_party"],
                is_cross_pairing=bool(data.get("is_cross_pairing")),
            )
            try:
                probe.clean_extra_places(data["extra_places"])
            except ValidationError as exc:
                self.add_error(None, exc)
        return data

    def clean_extra_places(self):
        """The further places are frozen with the place (a change the model's `clean()`
        cannot see)."""
        places = self.cleaned_data.get("extra_places")
        self.instance.check_extra_places(places)
        return places


class ProgressReportForm(TrackedModelForm):
    class Meta:
        model = ProgressReport
        fields = ["date", "percent", "note"]
        widgets = {"date": date_input(), "note": forms.Textarea(attrs={"rows": 2})}


ATTACHMENT_TYPES = {
    AttachmentKind.DOCUMENT: {
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".txt",
        ".csv",
        ".zip",
        ".ofd",
        ".wps",
    },
    AttachmentKind.PHOTO: {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic"},
}


class AttachmentForm(TrackedModelForm):
    class Meta:
        model = Attachment
        fields = ["kind", "title", "file"]

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload is None or kind is None:
            return cleaned
        suffix = Path(upload.name).suffix.lower()
        allowed = ATTACHMENT_TYPES.get(kind, set())
        if suffix not in allowed:
            self.add_error(
                "file",
                _("%(name)s: a %(kind)s must be one of %(types)s.")
                % {
                    "name": upload.name,
                    "kind": AttachmentKind(kind).label,
                    "types": " ".join(sorted(allowed)),
                },
            )
        limit = settings.PROJECT_ATTACHMENT_MAX_MB
        if upload.size > limit * 1024 * 1024:
            self.add_error(
                "file",
                _("%(name)s is %(size).1f MB; attachments of at most %(limit)s MB are accepted.")
                % {"name": upload.name, "size": upload.size / 1024 / 1024, "limit": limit},
            )
        return cleaned


class ResultIndicatorForm(TrackedModelForm):
    class Meta:
        model = ResultIndicator
        fields = ["indicator", "unit", "expected", "achieved"]
