"""Choices of the training app: how a session is given and in which field."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    MAINLAND_PLACEMENT = "placement", _("Placement in the aiding province")  # 赴内地跟岗
    CLASS_IN_REGION = "class", _("Class held in the recipient region")  # 来疆办班
    ONLINE = "online", _("Online (互联网+)")  # 线上/"互联网+"
    TO_COUNTRYSIDE = "countryside", _("Teaching sent to the countryside")  # 送教下乡


class Field(models.TextChoices):
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    GOVERNMENT = "government", _("Party and government")  # 党政
    ECOMMERCE = "ecommerce", _("E-commerce")
    AGRICULTURE = "agriculture", _("Agriculture")
    EMPLOYMENT = "employment", _("Employment skills")
    OTHER = "other", _("Other field")
