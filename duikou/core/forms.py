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


class MoveForm(forms.Form):
    """What one workflow move asks of the person making it (core/workflow.py `Step`).

    Only the fields the move needs are shown; an irreversible move asks for an explicit
    confirmation, so no script is needed for the second step.
    """

    target = forms.CharField(widget=forms.HiddenInput)
    date = forms.DateField(label=_("Date"), widget=date_input(), required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    opinion = forms.CharField(
        label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)
    confirmed = forms.BooleanField(
        label=_("I confirm: this step cannot be undone."), required=False
    )

    def __init__(self, *args, step=None, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if step is None:
            return
        self.fields["target"].initial = step.target
        needs = {str(n) for n in step.required}
        for name in ("date", "document_number", "opinion", "attachment"):
            if name not in needs:
                del self.fields[name]
            else:
                self.fields[name].required = True
        if step.date_field and record is not None:
            # The move fills a date of the record (开工: the start date): asked for, with the
            # record's own date as the default, and required while it has none.
            current = getattr(record, step.date_field)
            field = forms.DateField(
                label=record._meta.get_field(step.date_field).verbose_name,
                widget=date_input(),
                required=current is None,
                initial=current,
            )
            self.fields = {"date": field, **{k: v for k, v in self.fields.items() if k != "date"}}
        if step.amount_field and record is not None:
            # The move fills an amount of the record (签约: the contracted amount), likewise.
            current = getattr(record, step.amount_field)
            model_field = record._meta.get_field(step.amount_field)
            self.fields["amount"] = forms.DecimalField(
                label=model_field.verbose_name,
                max_digits=model_field.max_digits,
                decimal_places=model_field.decimal_places,
                min_value=0,
                required=current is None,
                initial=current,
            )
        if step.send_back and "opinion" in self.fields:
            self.fields["opinion"].label = _("Reason")
        if step.confirm:
            self.fields["confirmed"].required = True
        else:
            del self.fields["confirmed"]

    def details(self) -> dict:
        """The move details for `Workflow.move`."""
        data = self.cleaned_data
        return {
            key: data[key]
            for key in ("date", "document_number", "opinion", "attachment", "amount")
            if data.get(key) not in (None, "")
        }
