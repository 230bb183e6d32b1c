from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "duikou.organisations"
    label = "organisations"
    verbose_name = _("Aiding parties and organisations")
