from django.urls import path

from duikou.funds import views

app_name = "funds"

urlpatterns = [
    path("", views.FundPlanListView.as_view(), name="plans"),
    path("plans/new/", views.FundPlanEditView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", views.FundPlanDetailView.as_view(), name="plan"),
    path("plans/<int:pk>/edit/", views.FundPlanEditView.as_view(), name="plan_edit"),
    path("plans/<int:pk>/history/", views.FundPlanHistoryView.as_view(), name="plan_history"),
    path("plans/<int:pk>/approve/", views.approve, name="approve"),
    path("plans/<int:pk>/allocate/", views.allocate_view, name="allocate"),
    path("projects/<int:project_pk>/record/", views.record, name="record"),
    path("transactions/import/", views.TransactionImportView.as_view(), name="import"),
    path("transactions/template.xlsx", views.transaction_template, name="import_template"),
    path("statistics/", views.statistics, name="statistics"),
]
