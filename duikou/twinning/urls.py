from django.urls import path

from duikou.twinning import views

app_name = "twinning"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
]
