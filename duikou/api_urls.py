"""REST API v1: one router; each app contributes its viewsets."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from duikou.funds.api import (
    AllocationViewSet,
    ComplianceView,
    FundPlanViewSet,
    FundTransactionViewSet,
)
from duikou.organisations.api import AidingPartyViewSet, OrganisationViewSet
from duikou.pairings.api import PairingViewSet
from duikou.places.api import PlaceViewSet
from duikou.projects.api import ProjectViewSet

router = DefaultRouter()
router.register("places", PlaceViewSet, basename="place")
router.register("parties", AidingPartyViewSet, basename="party")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("pairings", PairingViewSet, basename="pairing")
router.register("projects", ProjectViewSet, basename="project")
router.register("fund-plans", FundPlanViewSet, basename="fund-plan")
router.register("allocations", AllocationViewSet, basename="allocation")
router.register("transactions", FundTransactionViewSet, basename="transaction")

urlpatterns = [
    path("compliance/", ComplianceView.as_view(), name="compliance"),
    *router.urls,
]
