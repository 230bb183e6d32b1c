from __future__ import annotations

from duikou.core.forms import TrackedModelForm, date_input
from duikou.donations.models import Donation, Pledge

_PICKERS = {
    "aiding_party": ("party", "record"),
    "place": ("place", "record"),
    "work_group": ("organisation", "filter"),
    "pair": ("pair", "record"),
}


class DonationForm(TrackedModelForm):
    pickers = _PICKERS

    class Meta:
        model = Donation
        fields = [
            "code",
            "title",
            "purpose",
            "aiding_party",
            "work_group",
            "pair",
            "donor_kind",
            "donor",
            "donor_count",
            "recipient_kind",
            "recipient",
            "recipient_count",
            "place",
            "given_on",
            "cash",
            "in_kind_value",
            "items",
            "item_count",
            "item_unit",
            "is_scholarship",
            "people_helped",
            "pledge",
            "description",
            "source",
        ]
        widgets = {"given_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            from duikou.donations.models import Pledge

            self.fields["pledge"].queryset = Pledge.objects.visible_to(self.user)


class PledgeForm(TrackedModelForm):
    pickers = _PICKERS

    class Meta:
        model = Pledge
        fields = [
            "code",
            "title",
            "purpose",
            "aiding_party",
            "work_group",
            "pair",
            "donor_kind",
            "donor",
            "place",
            "recipient",
            "annual_amount",
            "first_year",
            "last_year",
            "description",
            "source",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
