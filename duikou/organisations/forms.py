from duikou.core.forms import TrackedModelForm
from duikou.organisations.models import Organisation


class OrganisationForm(TrackedModelForm):
    class Meta:
        model = Organisation
        fields = ["code", "name", "kind", "aiding_party", "place", "parent", "is_active", "note"]
