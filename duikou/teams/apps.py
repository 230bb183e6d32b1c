from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "duikou.teams"
    label = "teams"
    verbose_name = _("Teams and mentorships")

    def ready(self) -> None:
        from duikou.teams import signals  # noqa: F401  (many-to-many rules)
