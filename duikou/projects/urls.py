from django.urls import path

from duikou.projects import views
from duikou.projects.pages import projects

app_name = "projects"

urlpatterns = [
    *projects.urls,
    path("<int:pk>/add/<str:kind>/", views.add_child, name="add_child"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
