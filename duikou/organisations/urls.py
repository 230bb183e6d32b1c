from django.urls import path

from duikou.organisations import views

app_name = "organisations"

urlpatterns = [
    path("parties/<str:code>/", views.party_detail, name="party"),
    path("", views.OrganisationListView.as_view(), name="list"),
    path("new/", views.OrganisationEditView.as_view(), name="create"),
    path("<int:pk>/", views.OrganisationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.OrganisationEditView.as_view(), name="edit"),
    path("<int:pk>/history/", views.OrganisationHistoryView.as_view(), name="history"),
]
