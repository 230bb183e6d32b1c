"""REST API v1: one router; registered models bring their viewsets, the rest are listed."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from duikou.core.registry import registry
from duikou.funds.api import AllocationViewSet, ComplianceView, FundTransactionViewSet
from duikou.organisations.api import AidingPartyViewSet
from duikou.places.api import PlaceViewSet

router = DefaultRouter()
router.register("places", PlaceViewSet, basename="place")
router.register("parties", AidingPartyViewSet, basename="party")
registry.register_api(router)  # every registered model's viewset (core/registry.py)
router.register("allocations", AllocationViewSet, basename="allocation")
router.register("transactions", FundTransactionViewSet, basename="transaction")

urlpatterns = [
    path("compliance/", ComplianceView.as_view(), name="compliance"),
    *router.urls,
]
