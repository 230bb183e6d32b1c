"""Choices of the exchanges app: the kinds of exchange event and the two sides."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """交往交流交融 events, as the reports name them."""

    STUDY_TOUR = "study_tour", _("Study tour")  # 研学
    SUMMER_CAMP = "summer_camp", _("Summer camp")  # 夏令营
    PERFORMANCE = "performance", _("Performance")  # 文艺演出
    FREE_CLINIC = "free_clinic", _("Free clinic")  # 义诊
    TEACHING = "teaching", _("Teaching visit")  # 送教/支教
    LETTERS = "letters", _("Pen friends")  # 书信交友
    SPORTS = "sports", _("Sports event")  # 体育赛事
    VISIT = "visit", _("Mutual visit")  # 互访
    KINSHIP = "kinship", _("Family twinning")  # 结对认亲
    EXHIBITION = "exhibition", _("Exhibition")  # 展览
    OTHER = "other", _("Other exchange")


class Side(models.TextChoices):
    AIDING = "aiding", _("Aiding side")
    RECIPIENT = "recipient", _("Recipient side")
