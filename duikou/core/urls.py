from django.urls import path

from duikou.core import pickers, views

app_name = "core"

urlpatterns = [
    path("changes/", views.change_log, name="changes"),
    path("pick/<str:kind>/", pickers.pick, name="pick"),
]
