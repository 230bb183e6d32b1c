"""Form base for tracked records: carries the version the user started from."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


def date_input() -> forms.DateInput:
    """The browser's date picker, reading and writing ISO dates."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TrackedModelForm(forms.ModelForm):
    """A ModelForm that refuses to save over a newer version of the record (no lost update)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Fields chosen through scoped pickers: {"place": ("place", "project.place")}.
    pickers: dict[str, tuple[str, str]] = {}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.pickers:
            from duikou.core import pickers

            pickers.apply(self, user, self.pickers)
        if self.instance.pk and not self.is_bound:
            self.initial["expected_version"] = self.instance.version

    STALE_MESSAGE = _(
        "Someone else changed this record while you were editing it (now version %(current)s, "
        "you started from version %(expected)s). Reload the page to see their changes, then "
        "make yours again."
    )
