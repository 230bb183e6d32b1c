from django.urls import path

from duikou.organisations import views
from duikou.organisations.pages import organisations

app_name = "organisations"

urlpatterns = [
    path("parties/<str:code>/", views.party_detail, name="party"),
    *organisations.urls,
]
