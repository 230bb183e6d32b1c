"""Place pages: one place with what other apps show of it (panels), and the map geometry.

The list of places with their current aiding parties is a view of pairings and lives there
(`duikou.pairings.views.place_list`); the places app knows nothing of the apps above it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from duikou.places.geo import region_geojson
from duikou.places.local import add_local_unit, may_add_under
from duikou.places.models import Place

# A town has at most a few hundred villages; a page never lists more than this at once.
CHILDREN_PER_PAGE = 200


def place_detail(request: HttpRequest, code: str) -> HttpResponse:
    # Both sides' places have pages (a Jiangsu town twinned with a Yili town).
    place = get_object_or_404(Place.everywhere.visible_to(request.user), code=code)
    children = Place.everywhere.visible_to(request.user).filter(parent=place).order_by("path")
    page = Paginator(children, CHILDREN_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "object": place,
        "ancestors": place.ancestors(),
        "children": page,
        "page_obj": page,
        "may_add_local": may_add_under(request.user, place),
    }
    return render(request, "places/place_detail.html", context)


@login_required
@require_POST
def add_local(request: HttpRequest, code: str) -> HttpResponse:
    """POST name (and kind): a unit under this place that the national codes lack."""
    parent = get_object_or_404(Place.objects, code=code)
    try:
        place = add_local_unit(
            request.user, parent, request.POST.get("name", ""), request.POST.get("kind", "")
        )
    except ValidationError as invalid:
        for message in invalid.messages:
            messages.error(request, message)
        return HttpResponseRedirect(parent.get_absolute_url())
    messages.success(request, _("Added %(place)s (locally added).") % {"place": place})
    return HttpResponseRedirect(place.get_absolute_url())


@cache_control(public=True, max_age=86400)
def map_geojson(request: HttpRequest, level: str) -> HttpResponse:
    if level not in ("county", "prefecture"):
        raise Http404
    return HttpResponse(region_geojson(level), content_type="application/geo+json")
