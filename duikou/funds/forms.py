from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duikou.core.forms import TrackedModelForm, date_input
from duikou.funds.choices import TransactionKind
from duikou.funds.models import FundPlan


class FundPlanForm(TrackedModelForm):
    """Create or edit an annual plan; approval is a separate step for the coordinator."""

    pickers = {"aiding_party": ("party", "record")}

    class Meta:
        model = FundPlan
        fields = ["aiding_party", "year", "amount", "note"]

    def clean(self):
        data = super().clean()
        amount = data.get("amount")
        if self.instance.pk and amount is not None:
            from duikou.funds.services import allocated_total

            allocated = allocated_total(self.instance)
            if amount < allocated:
                self.add_error(
                    "amount",
                    _("The plan already allocates %(allocated)s yuan; it cannot be less.")
                    % {"allocated": allocated},
                )
        return data


class AllocationForm(forms.Form):
    project = forms.CharField(label=_("Project code"), max_length=40)
    amount = forms.DecimalField(label=_("Amount (yuan)"), max_digits=18, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class TransactionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TransactionKind.choices)
    date = forms.DateField(label=_("Date"), widget=date_input())
    amount = forms.DecimalField(label=_("Amount (yuan)"), max_digits=18, decimal_places=2)
    reference = forms.CharField(label=_("Reference"), max_length=60, required=False)
