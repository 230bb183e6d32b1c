from django.urls import path

from duikou.twinning import views
from duikou.twinning.pages import households, pairs

app_name = "twinning"

urlpatterns = [
    path("coverage/", views.coverage, name="coverage"),
    path("<int:pk>/agreement/", views.agreement_download, name="agreement"),
    *households.urls,
    *pairs.urls,
]
