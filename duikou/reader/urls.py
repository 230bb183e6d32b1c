from django.urls import path

from duikou.reader import views

app_name = "reader"

urlpatterns = [
    path("", views.reader, name="reader"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/table/", views.table, name="table"),
    path("<int:pk>/export.xlsx", views.export, name="export"),
]
