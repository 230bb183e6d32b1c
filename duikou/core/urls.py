from django.urls import path

from duikou.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("changes/", views.change_log, name="changes"),
]
