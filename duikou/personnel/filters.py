import django_filters
from django.utils.translation import gettext_lazy as _

from duikou.organisations.filters import PartyFilter
from duikou.personnel.choices import Field, Kind, PlanStatus, PostingStatus
from duikou.personnel.models import Batch, Need, Person, Posting, RecruitmentPlan, on_post_q
from duikou.places.filters import PlaceFilter


class BatchFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    number = django_filters.NumberFilter(label=_("Batch number"), min_value=1, max_value=99)

    class Meta:
        model = Batch
        fields = ["party", "number"]


class PersonFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    place = PlaceFilter(field_name="postings__place", distinct=True)
    code = django_filters.CharFilter(lookup_expr="istartswith", label=_("Person number"))
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name"))
    on_post = django_filters.DateFilter(method="filter_on_post", label=_("On post at (date)"))

    class Meta:
        model = Person
        fields = ["party", "place", "code", "name", "on_post"]

    def filter_on_post(self, queryset, name, value):
        return queryset.on_post(value) if value else queryset


class PostingFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    place = PlaceFilter()
    batch = django_filters.ModelChoiceFilter(queryset=Batch.objects.all(), label=_("Batch"))
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Kind"))
    field = django_filters.ChoiceFilter(choices=Field.choices, label=_("Field"))
    status = django_filters.ChoiceFilter(choices=PostingStatus.choices, label=_("Status"))
    on_post = django_filters.DateFilter(method="filter_on_post", label=_("On post at (date)"))
    ends_before = django_filters.DateFilter(
        field_name="end", lookup_expr="lte", label=_("Term ends by")
    )

    class Meta:
        model = Posting
        fields = ["party", "place", "batch", "kind", "field", "status", "on_post", "ends_before"]

    def filter_on_post(self, queryset, name, value):
        return queryset.filter(on_post_q(value)) if value else queryset


class NeedFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    place = PlaceFilter()
    field = django_filters.ChoiceFilter(choices=Field.choices, label=_("Field"))

    class Meta:
        model = Need
        fields = ["party", "place", "field"]


class RecruitmentPlanFilterSet(django_filters.FilterSet):
    party = PartyFilter()
    place = PlaceFilter()
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))

    class Meta:
        model = RecruitmentPlan
        fields = ["party", "place", "year", "status"]
