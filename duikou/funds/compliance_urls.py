"""The two-80 table has its own namespace (`compliance:`), linked from the navigation."""

from django.urls import path

from duikou.funds import views

app_name = "compliance"

urlpatterns = [
    path("", views.compliance_table, name="table"),
]
