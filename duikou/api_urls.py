"""REST API v1: one router; each app contributes its viewsets."""

from rest_framework.routers import DefaultRouter

from duikou.organisations.api import AidingPartyViewSet, OrganisationViewSet
from duikou.pairings.api import PairingViewSet
from duikou.places.api import PlaceViewSet

router = DefaultRouter()
router.register("places", PlaceViewSet, basename="place")
router.register("parties", AidingPartyViewSet, basename="party")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("pairings", PairingViewSet, basename="pairing")

urlpatterns = router.urls
