"""Choices of the donations app: what a donation is for, who gives and who receives."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    SCHOOLING = "schooling", _("Schooling aid")  # 助学
    HARDSHIP = "hardship", _("Hardship relief")  # 帮困
    MEDICAL = "medical", _("Medical aid")  # 医疗救助
    GRASSROOTS = "grassroots", _("Grassroots facilities")  # 基层阵地建设
    OTHER = "other", _("Other purpose")


class DonorKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    GROUP = "group", _("Group of individuals")
    CARING_PEOPLE = "caring", _("Caring people (N位爱心人士)")


class RecipientKind(models.TextChoices):
    UNIT = "unit", _("Unit")
    HOUSEHOLD = "household", _("Households")
    STUDENT = "student", _("Students")
    PLACE = "place", _("Place")
