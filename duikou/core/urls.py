from django.urls import path

from duikou.core import views

app_name = "core"

urlpatterns = [
    path("changes/", views.change_log, name="changes"),
]
