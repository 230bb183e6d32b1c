"""The twinning pages, menu entries and API routes (see core/registry.py)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from duikou.core.registry import register
from duikou.places.choices import Level
from duikou.places.models import Place
from duikou.twinning.choices import HouseholdKind, PairKind, Side
from duikou.twinning.columns import HOUSEHOLDS, PAIRS
from duikou.twinning.filters import HouseholdFilterSet, PairFilterSet
from duikou.twinning.forms import HouseholdForm, PairForm
from duikou.twinning.models import Household, Pair
from duikou.twinning.tables import PairTable


def _sample_places(party, place):
    """A town of `place` (a locally added one, so the test data needs no national codes) and
    an aiding-side town of the party's own province."""
    n = Place.everywhere.filter(code__startswith=f"{place.code}T").count()
    town = Place.objects.create(
        code=f"{place.code}T{n:03d}",
        name=f"样例乡{n}",
        level=Level.TOWNSHIP,
        parent=place,
        official_code=False,
        locally_added=True,
    )
    home, _ = Place.everywhere.get_or_create(
        code=f"{party.code[:2]}0000",
        defaults={"name": party.name, "level": Level.REGION, "aided": False},
    )
    aiding = Place.everywhere.create(
        code=f"{home.code[:2]}S{Place.everywhere.filter(parent=home).count():05d}",
        name=f"样例镇{n}",
        level=Level.TOWNSHIP,
        parent=home,
        aided=False,
        official_code=False,
    )
    return aiding, town


def sample_pair(party, place) -> Pair:
    aiding, town = _sample_places(party, place)
    pair = Pair(
        kind=PairKind.TOWNSHIP,
        aiding_party=party,
        aiding_place=aiding,
        recipient_place=town,
        start=dt.date(2024, 3, 1),
    )
    pair.full_clean()
    pair.save()
    return pair


def sample_household(party, place) -> Household:
    n = Household.objects.count()
    return Household.objects.create(
        code=f"HH-{place.code}-{n:04d}",
        label=f"样例户 {n}",
        kind=HouseholdKind.HOUSEHOLD,
        side=Side.RECIPIENT,
        place=place,
        aiding_party=party,
    )


def pair_list_context(request) -> dict:
    """The figures the filtered list adds up to (pairs and units per kind), above the table."""
    from duikou.twinning.summary import figures

    _filterset, qs = pairs.filtered(request)
    return {"figures": figures(qs)}


def pair_detail_context(request, pair: Pair) -> dict:
    """Where a kind allows several partners, the others the recipient unit has now: shown as
    a notice, so a second pair is a choice and not a slip."""
    from duikou.twinning.rules import overlapping, unit_field

    field = unit_field(pair.kind, "recipient")
    others = overlapping(
        Pair.objects.visible_to(request.user).filter(
            kind=pair.kind, **{f"{field}_id": getattr(pair, f"{field}_id")}
        ),
        pair.start,
        pair.end,
    ).exclude(pk=pair.pk)
    return {"also_twinned": list(others.select_related(*pairs.select_related)[:20])}


pairs = register(
    Pair,
    prefix="twinning",
    filterset=PairFilterSet,
    table=PairTable,
    hidden_columns=["brokered_by"],
    columns_table=PAIRS,
    form=PairForm,
    imports=True,
    api_prefix="twinning-pairs",
    api_basename="twinning-pair",
    nav=(_("Twinning"), None),
    nav_order=100,
    detail_template="twinning/pair_detail.html",
    list_template="twinning/pair_list.html",
    list_context=pair_list_context,
    detail_context=pair_detail_context,
    select_related=[
        "aiding_party",
        "aiding_place",
        "aiding_organisation",
        "aiding_household",
        "recipient_place",
        "recipient_organisation",
        "recipient_household",
        "recipient_county",
        "brokered_by",
    ],
    ordering=["aiding_party__sort_order", "kind", "-start", "id"],
    public=True,
    sample=sample_pair,
    sample_public=True,
)

households = register(
    Household,
    prefix="twinning",
    path="households/",
    list_path="households/",
    names={
        "list": "households",
        "detail": "household_detail",
        "create": "household_create",
        "edit": "household_edit",
        "delete": "household_delete",
        "history": "household_history",
        "export": "household_export",
        "import": "household_import",
        "import_template": "household_import_template",
    },
    filterset=HouseholdFilterSet,
    columns=["label", "code", "kind", "side", "members", "place", "aiding_party"],
    columns_table=HOUSEHOLDS,
    form=HouseholdForm,
    imports=True,
    api_prefix="twinning-households",
    api_basename="twinning-household",
    nav=(_("Households twinned"), None),
    nav_order=102,
    select_related=["place", "aiding_party"],
    sample=sample_household,
    sample_recipient_editable=True,
)
