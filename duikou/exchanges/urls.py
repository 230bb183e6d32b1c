from django.urls import path

from duikou.exchanges import views
from duikou.exchanges.pages import events

app_name = "exchanges"

urlpatterns = [
    *events.urls,
    path("figures/", views.figures, name="figures"),
    path("<int:pk>/add/<str:kind>/", views.add_child, name="add_child"),
    path("photos/<int:pk>/", views.photo_download, name="photo"),
]
