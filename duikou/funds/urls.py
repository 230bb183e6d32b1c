from django.urls import path

from duikou.core.registry import import_urls
from duikou.funds import views
from duikou.funds.columns import TRANSACTIONS
from duikou.funds.pages import fund_plans

app_name = "funds"

urlpatterns = [
    *fund_plans.urls,
    path("plans/<int:pk>/allocate/", views.allocate_view, name="allocate"),
    path("projects/<int:project_pk>/record/", views.record, name="record"),
    *import_urls(
        TRANSACTIONS,
        namespace="funds",
        route="transactions/import/",
        template_route="transactions/template.xlsx",
        done_url_name="projects:list",
    ),
    path("statistics/", views.statistics, name="statistics"),
]
