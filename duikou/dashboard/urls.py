from django.urls import path

from duikou.dashboard import views

app_name = "dashboard"

urlpatterns = [path("", views.home, name="home")]
