from django.urls import path

from duikou.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("new/", views.ProjectEditView.as_view(), name="create"),
    path("export/", views.project_export, name="export"),
    path("import/", views.ProjectImportView.as_view(), name="import"),
    path("import/template.xlsx", views.project_template, name="import_template"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="edit"),
    path("<int:pk>/history/", views.ProjectHistoryView.as_view(), name="history"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/add/<str:kind>/", views.add_child, name="add_child"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
