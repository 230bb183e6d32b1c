"""Choices of the projects app: lifecycle states, who moves a project on, funding sources."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The lifecycle 储备→计划→批复→在建→竣工→验收→移交."""

    RESERVE = "reserve", _("Reserve")
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    BUILDING = "building", _("Under construction")
    COMPLETED = "completed", _("Completed")
    ACCEPTED = "accepted", _("Accepted")
    HANDED_OVER = "handed_over", _("Handed over")


class FundingSource(models.TextChoices):
    """Where a project's money comes from; each has a budget field `budget_<value>`."""

    AID = "aid", _("Aid funds")
    LOCAL = "local", _("Local matching funds")
    SOCIAL = "social", _("Social funds")
    ENTERPRISE = "enterprise", _("Enterprise investment")


class AttachmentKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PHOTO = "photo", _("Photo")


# The managed category list shipped with the platform: (code, name, counts as livelihood).
STANDARD_CATEGORIES: list[tuple[str, str, bool]] = [
    ("minsheng", "民生", True),
    ("chanye", "产业", False),
    ("jiaoyu", "教育", True),
    ("yiliao", "医疗卫生", True),
    ("jiuye", "就业", True),
    ("rencai", "人才", False),
    ("jiaoliu", "交往交流交融", False),
    ("jiceng", "基层组织建设", True),
    ("guihua", "规划", False),
    ("qita", "其他", False),
]
