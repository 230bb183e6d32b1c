from duikou.core.forms import TrackedModelForm, date_input
from duikou.twinning.models import Household, Pair

PAIR_FIELDS = [
    "kind",
    "aiding_party",
    "aiding_place",
    "aiding_organisation",
    "aiding_household",
    "recipient_place",
    "recipient_organisation",
    "recipient_household",
    "start",
    "end",
    "status",
    "brokered_by",
    "agreement",
    "source",
    "note",
]


class PairForm(TrackedModelForm):
    """A twinning pair: the kind says which one of each side's unit fields to fill."""

    pickers = {
        "aiding_party": ("party", "record"),
        "aiding_place": ("division", "twinning.aiding"),
        "aiding_organisation": ("organisation", "twinning.aiding"),
        "aiding_household": ("household", "twinning.aiding"),
        "recipient_place": ("division", "twinning.recipient"),
        "recipient_organisation": ("organisation", "twinning.recipient"),
        "recipient_household": ("household", "twinning.recipient"),
        "brokered_by": ("organisation", "record"),
    }

    class Meta:
        model = Pair
        fields = PAIR_FIELDS
        widgets = {"start": date_input(), "end": date_input()}


class HouseholdForm(TrackedModelForm):
    pickers = {
        "place": ("division", "twinning.household"),
        "aiding_party": ("party", "record"),
    }

    class Meta:
        model = Household
        fields = ["code", "label", "kind", "side", "members", "place", "aiding_party", "note"]
