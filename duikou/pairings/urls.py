from django.urls import path

from duikou.pairings import views

app_name = "pairings"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("new/", views.PairingEditView.as_view(), name="create"),
    path("<int:pk>/", views.PairingDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PairingEditView.as_view(), name="edit"),
    path("<int:pk>/history/", views.PairingHistoryView.as_view(), name="history"),
]
