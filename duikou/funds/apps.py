from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "duikou.funds"
    label = "funds"
    verbose_name = _("Funds")

    def ready(self) -> None:
        from duikou.funds import summary

        summary.connect_signals()
