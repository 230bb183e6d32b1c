"""Investment addresses: the funnel and leads under investment:, events, parks and park
enterprises each in their own namespace (one registration each)."""

from django.urls import include, path

from duikou.investment import views
from duikou.investment.pages import events, leads, park_entries, parks

lead_patterns = [
    path("", views.funnel_view, name="funnel"),
    path("cross-pairing/", views.cross_pairing_view, name="cross_pairing"),
    path("employment/", views.employment_view, name="employment"),
    *leads.urls,
]

urlpatterns = [
    path("", include((lead_patterns, "investment"))),
    path("events/", include((events.urls, "investment_events"))),
    path("parks/", include((parks.urls, "investment_parks"))),
    path("park-enterprises/", include((park_entries.urls, "investment_entries"))),
]
