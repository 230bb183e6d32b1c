from django.urls import path

from duikou.consumer import views
from duikou.consumer.pages import channels, products, sales, targets

app_name = "consumer"

urlpatterns = [
    path("", views.overview, name="overview"),
    *channels.urls,
    *products.urls,
    *sales.urls,
    *targets.urls,
]
