from duikou.core.forms import TrackedModelForm
from duikou.organisations.models import Organisation


class OrganisationForm(TrackedModelForm):
    pickers = {
        "aiding_party": ("party", "record"),
        "place": ("place", "record"),
        "parent": ("organisation", "record"),
    }

    class Meta:
        model = Organisation
        fields = ["code", "name", "kind", "aiding_party", "place", "parent", "is_active", "note"]
