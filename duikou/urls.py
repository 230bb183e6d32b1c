from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from duikou.core import views as core_views
from duikou.pairings import views as pairing_views

handler403 = "duikou.core.views.error_403"
handler404 = "duikou.core.views.error_404"
handler500 = "duikou.core.views.error_500"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("duikou.accounts.urls")),
    # Lists of places and of parties with their current pairings: views of the pairings app
    # at the places' and parties' own addresses.
    path("places/", pairing_views.place_list, name="places_index"),
    path("organisations/parties/", pairing_views.party_list, name="parties_index"),
    path("places/", include("duikou.places.urls")),
    path("organisations/", include("duikou.organisations.urls")),
    path("pairings/", include("duikou.pairings.urls")),
    path("projects/", include("duikou.projects.urls")),
    path("funds/", include("duikou.funds.urls")),
    path("consumer/", include("duikou.consumer.urls")),
    path("personnel/", include("duikou.personnel.urls")),
    path("twinning/", include("duikou.twinning.urls")),
    path("exchanges/", include("duikou.exchanges.urls")),
    path("training/", include("duikou.training.urls")),
    path("donations/", include("duikou.donations.urls")),
    path("teams/", include("duikou.teams.urls")),
    path("compliance/", include("duikou.funds.compliance_urls")),
    path("investment/", include("duikou.investment.urls")),
    path("reader/", include("duikou.reader.urls")),
    # The report reader was at /reports/ (a name briefings will need): old links still work.
    re_path(r"^reports/(?P<rest>.*)$", RedirectView.as_view(url="/reader/%(rest)s")),
    path("api/v1/", include("duikou.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("duikou.dashboard.urls")),
    path("", include("duikou.core.urls")),
]
