"""Place pages: one place with what other apps show of it (panels), and the map geometry.

The list of places with their current aiding parties is a view of pairings and lives there
(`duikou.pairings.views.place_list`); the places app knows nothing of the apps above it.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control

from duikou.places.geo import region_geojson
from duikou.places.models import Place


def place_detail(request: HttpRequest, code: str) -> HttpResponse:
    place = get_object_or_404(Place.objects.visible_to(request.user), code=code)
    context = {
        "object": place,
        "ancestors": place.ancestors(),
        "children": Place.objects.visible_to(request.user).filter(parent=place),
    }
    return render(request, "places/place_detail.html", context)


@cache_control(public=True, max_age=86400)
def map_geojson(request: HttpRequest, level: str) -> HttpResponse:
    if level not in ("county", "prefecture"):
        raise Http404
    return HttpResponse(region_geojson(level), content_type="application/geo+json")
