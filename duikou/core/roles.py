"""The roles of DESIGN.md's role table. Anonymous visitors have no role."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Platform administrator")
    COORDINATOR = "coordinator", _("Aid coordination office")
    HQ = "hq", _("Front headquarters")
    WORK_GROUP = "work_group", _("Work group")
    RECIPIENT = "recipient", _("Recipient government")
