from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duikou.core.forms import DateField, MoneyField, TrackedModelForm
from duikou.funds.choices import TransactionKind
from duikou.funds.models import FundPlan


class FundPlanForm(TrackedModelForm):
    """Create or edit an annual plan; approval is a separate step for the coordinator.

    The rules (the year range, an approved plan's frozen fields, an amount never below what
    is allocated) are the model's, so the API obeys them too."""

    pickers = {"aiding_party": ("party", "record")}

    class Meta:
        model = FundPlan
        fields = ["aiding_party", "year", "amount", "note"]


class AllocationForm(forms.Form):
    project = forms.CharField(label=_("Project code"), max_length=40)
    amount = MoneyField(label=_("Amount (yuan)"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class TransactionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TransactionKind.choices)
    date = DateField(label=_("Date"))
    amount = MoneyField(label=_("Amount (yuan)"))
    reference = forms.CharField(label=_("Reference"), max_length=60, required=False)
