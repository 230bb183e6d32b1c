from django.urls import path

from duikou.pairings import views
from duikou.pairings.pages import pairings

app_name = "pairings"

urlpatterns = [
    path("", views.overview, name="overview"),
    *pairings.urls,
]
