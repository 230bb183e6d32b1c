from django.urls import path

from duikou.funds import views
from duikou.funds.pages import fund_plans

app_name = "funds"

urlpatterns = [
    *fund_plans.urls,
    path("plans/<int:pk>/allocate/", views.allocate_view, name="allocate"),
    path("projects/<int:project_pk>/record/", views.record, name="record"),
    path("transactions/import/", views.TransactionImportView.as_view(), name="import"),
    path("transactions/template.xlsx", views.transaction_template, name="import_template"),
    path("statistics/", views.statistics, name="statistics"),
]
