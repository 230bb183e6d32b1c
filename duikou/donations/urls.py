from django.urls import path

from duikou.donations import views
from duikou.donations.pages import donations, pledges

app_name = "donations"

urlpatterns = [
    *donations.urls,
    *pledges.urls,
    path("figures/", views.figures, name="figures"),
    path("pledges/<int:pk>/instalments/", views.pledge_instalments, name="pledge_instalments"),
]
