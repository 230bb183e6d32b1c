"""Form base for tracked records (the version the user started from), and the fields every
form shares: dates and money typed as people write them, errors that name their field."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YUAN, WAN = "yuan", "wan"
_TEN_THOUSAND = Decimal(10000)
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def date_input() -> forms.DateInput:
    """The browser's date picker, reading and writing ISO dates."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date as 2026-05-20 (also 2026/5/20, 2026年5月20日); a wrong one says what it got."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValidationError(
            _("“%(value)s” is not a date: write it like 2026-05-20."),
            code="invalid",
            params={"value": text},
        )


class MoneyField(forms.DecimalField):
    """An amount as people type it: 1000000, 1,000,000, 100万, 100万元, 1000000元. A bare
    number is in the field's unit (the one its label names); the value is always yuan. The
    widget shows the amount in 万元 beside the field as it is typed (static/js/money.js)."""

    def __init__(self, *, unit: str = YUAN, **kwargs: Any) -> None:
        self.unit = unit
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "inputmode": "decimal",
                    "data-money": unit,
                    "data-money-invalid": _("not an amount"),
                    "autocomplete": "off",
                }
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        text = re.sub(r"[\s,，]", "", str(value))
        factor = _TEN_THOUSAND if self.unit == WAN else Decimal(1)
        for suffix, unit_factor in (("万元", _TEN_THOUSAND), ("万", _TEN_THOUSAND), ("元", 1)):
            if text.endswith(suffix):
                text, factor = text[: -len(suffix)], Decimal(unit_factor)
                break
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValidationError(
                _("“%(value)s” is not an amount: write digits, such as 1000000 or 100万."),
                code="invalid",
                params={"value": str(value).strip()},
            )
        yuan = number * factor
        try:
            fen = yuan.quantize(Decimal("0.01"))
        except InvalidOperation:
            return yuan  # too large to round: the field's max_digits check refuses it
        return fen if fen == yuan else yuan


def error_summary(form: forms.BaseForm) -> str:
    """Every error of a form, each after the label of the field it is about
    ("金额：“一百万”不是金额……"), for pages that report a form's errors as one message."""
    parts = []
    for name, errors in form.errors.items():
        text = "".join(str(e) for e in errors)
        if name in form.fields:
            parts.append(f"{form.fields[name].label}：{text}")
        else:
            parts.append(text)
    return " ".join(parts)


def money_unit(model_field: Any) -> str | None:
    """The unit a model's money field is labelled in ("… (yuan)", "… (10k yuan)"), or None
    for a field that is not money (read from the English label, the msgid)."""
    from django.db import models
    from django.utils import translation

    if not isinstance(model_field, models.DecimalField):
        return None
    with translation.override("en"):
        label = str(model_field.verbose_name).lower()
    if "10k yuan" in label or "万元" in label:
        return WAN
    if "yuan" in label:
        return YUAN
    return None


def formfield_for(model_field: Any, **kwargs: Any) -> Any:
    """Model form fields as every form takes them: money as `MoneyField` (100万 accepted),
    dates as `DateField` (the date picker; a wrong date names what it got)."""
    from django.db import models

    unit = money_unit(model_field)
    if unit is not None and "widget" not in kwargs:
        return model_field.formfield(form_class=MoneyField, unit=unit, **kwargs)
    if type(model_field) is models.DateField and "widget" not in kwargs:
        return model_field.formfield(form_class=DateField, **kwargs)
    return model_field.formfield(**kwargs)


class TrackedModelForm(forms.ModelForm):
    """A ModelForm that refuses to save over a newer version of the record (no lost update)."""

    formfield_callback = formfield_for

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
    date = DateField(label=_("Date"), required=False)
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
            field = DateField(
                label=record._meta.get_field(step.date_field).verbose_name,
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
