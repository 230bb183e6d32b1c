from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "duikou.demo"
    label = "demo"
    verbose_name = "Demo data"
