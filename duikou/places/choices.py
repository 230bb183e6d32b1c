from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Levels of the administrative tree, top down."""

    REGION = "region", _("Region")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village / community / company")
