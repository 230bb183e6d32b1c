from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "duikou.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from duikou.core import files, history, panels, pickers, registry, rules

        history.connect_signals()
        files.connect_signals()
        panels.autodiscover()
        registry.autodiscover()
        rules.autodiscover()
        pickers.autodiscover()
