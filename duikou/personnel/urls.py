from django.urls import path

from duikou.personnel import views
from duikou.personnel.pages import batches, needs, persons, plans, postings

app_name = "personnel"

urlpatterns = [
    *postings.urls,
    *persons.urls,
    *batches.urls,
    *needs.urls,
    *plans.urls,
    path("figures/", views.figures, name="figures"),
    path("batches/<int:pk>/handover/", views.handover, name="handover"),
]
