"""Place pages: the tree, and one place with its aiding parties and work groups."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control

from duikou.organisations.choices import OrganisationKind
from duikou.organisations.models import Organisation
from duikou.pairings.models import Pairing
from duikou.places.choices import Level
from duikou.places.geo import region_geojson
from duikou.places.models import Place


def place_list(request: HttpRequest) -> HttpResponse:
    """Prefectures and Corps units with their counties, each with its current aiding party."""
    places = list(
        Place.objects.visible_to(request.user).filter(level__in=[Level.PREFECTURE, Level.COUNTY])
    )
    parties_by_place: dict[int, list] = {}
    for pairing in (
        Pairing.objects.visible_to(request.user).current().select_related("aiding_party")
    ):
        parties_by_place.setdefault(pairing.place_id, []).append(pairing.aiding_party)
    children: dict[int, list[Place]] = {}
    for place in places:
        place.current_parties = parties_by_place.get(place.pk, [])
        children.setdefault(place.parent_id, []).append(place)
    top = [p for p in places if p.level == Level.PREFECTURE] + [
        p for p in places if p.level == Level.COUNTY and p.kind == "兵团师市"
    ]
    groups = [(p, children.get(p.pk, []) if p.level == Level.PREFECTURE else []) for p in top]
    return render(request, "places/place_list.html", {"groups": groups})


def place_detail(request: HttpRequest, code: str) -> HttpResponse:
    place = get_object_or_404(Place.objects.visible_to(request.user), code=code)
    pairings = (
        Pairing.objects.visible_to(request.user)
        .filter(Q(place__path__in=_ancestor_paths(place)) | Q(place__path__startswith=place.path))
        .select_related("aiding_party", "place")
        .order_by("place__path", "valid_from")
    )
    organisations = (
        Organisation.objects.visible_to(request.user)
        .filter(place=place, is_active=True)
        .select_related("aiding_party")
        .order_by("kind", "name")
    )
    children = Place.objects.visible_to(request.user).filter(parent=place)
    context = {
        "object": place,
        "ancestors": place.ancestors(),
        "pairings": pairings,
        "work_groups": [o for o in organisations if o.kind == OrganisationKind.WORK_GROUP],
        "organisations": [o for o in organisations if o.kind != OrganisationKind.WORK_GROUP],
        "children": children,
    }
    return render(request, "places/place_detail.html", context)


def _ancestor_paths(place: Place) -> list[str]:
    codes = place.ancestor_codes()
    return ["".join(f"{c}/" for c in codes[: i + 1]) for i in range(len(codes))]


@cache_control(public=True, max_age=86400)
def map_geojson(request: HttpRequest, level: str) -> HttpResponse:
    if level not in ("county", "prefecture"):
        raise Http404
    return HttpResponse(region_geojson(level), content_type="application/geo+json")
