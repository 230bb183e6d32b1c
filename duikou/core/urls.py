from django.urls import path

from duikou.core import pickers, views

app_name = "core"

urlpatterns = [
    path("changes/", views.change_log, name="changes"),
    path("moves/<int:pk>/attachment/", views.move_attachment, name="move_attachment"),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/progress/", views.task_progress, name="task_progress"),
    path("tasks/<int:pk>/download/", views.task_download, name="task_download"),
    path("pick/<str:kind>/", pickers.pick, name="pick"),
]
