from django.urls import path

from duikou.training import views
from duikou.training.pages import sessions

app_name = "training"

urlpatterns = [*sessions.urls, path("figures/", views.figures, name="figures")]
