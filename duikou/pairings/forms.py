from django import forms
from django.utils.translation import gettext_lazy as _

from duikou.core.forms import TrackedModelForm, date_input
from duikou.pairings.models import Pairing


class PairingForm(TrackedModelForm):
    source_url = forms.URLField(
        label=_("source"), required=False, assume_scheme="https", max_length=500
    )
    source_url_2 = forms.URLField(
        label=_("second source"), required=False, assume_scheme="https", max_length=500
    )
    pickers = {"aiding_party": ("party", "pairing"), "place": ("place", "pairing")}

    class Meta:
        model = Pairing
        fields = [
            "aiding_party",
            "place",
            "valid_from",
            "valid_to",
            "verification",
            "source_url",
            "source_url_2",
            "note",
        ]
        widgets = {
            "valid_from": date_input(),
            "valid_to": date_input(),
        }
