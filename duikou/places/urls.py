from django.urls import path

from duikou.places import views

app_name = "places"

urlpatterns = [
    path("map/<str:level>.geojson", views.map_geojson, name="map"),
    path("<str:code>/add-local/", views.add_local, name="add_local"),
    path("<str:code>/", views.place_detail, name="detail"),
]
