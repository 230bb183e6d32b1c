from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwinningConfig(AppConfig):
    name = "duikou.twinning"
    label = "twinning"
    verbose_name = _("Twinning")

    def ready(self) -> None:
        from duikou.twinning import spans

        spans.connect_signals()
