from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsumerConfig(AppConfig):
    name = "duikou.consumer"
    label = "consumer"
    verbose_name = _("Consumer aid")

    def ready(self) -> None:
        from duikou.consumer import summary

        summary.connect_signals()
