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


# Approved (批复) and later: the projects that count towards the two 80 percent rule and the
# statistics, and the only ones that may be published (DESIGN: the public subset is approved).
APPROVED_OR_LATER: frozenset[str] = frozenset(
    {Status.APPROVED, Status.BUILDING, Status.COMPLETED, Status.ACCEPTED, Status.HANDED_OVER}
)
COUNTED_STATUSES = APPROVED_OR_LATER
PUBLISHABLE_STATUSES = APPROVED_OR_LATER

# What may still change in which state, in one place. A status listed here freezes the named
# project fields ("*": every field) and the project's money (allocations, disbursements,
# expenditures); only the aid coordination office (or an administrator) may amend a frozen
# project, giving a reason that history records. Statuses not listed freeze nothing. The
# status itself moves only through the lifecycle service.
ALL_FIELDS = "*"
FINANCIAL_FIELDS: frozenset[str] = frozenset(
    {
        "aiding_party",
        "place",
        "plan_year",
        "category",
        "is_livelihood",
        "budget_aid",
        "budget_local",
        "budget_social",
        "budget_enterprise",
    }
)
FROZEN_FIELDS: dict[str, frozenset[str]] = {
    Status.ACCEPTED: FINANCIAL_FIELDS,
    Status.HANDED_OVER: frozenset({ALL_FIELDS}),
}


def is_frozen(status: str, field: str) -> bool:
    """Whether `field` of a project in `status` changes only by a coordinator's amendment."""
    frozen = FROZEN_FIELDS.get(status, frozenset())
    return ALL_FIELDS in frozen or field in frozen


def money_frozen(status: str) -> bool:
    """Whether a project in `status` takes no new allocations or transactions (unless amended)."""
    return status in FROZEN_FIELDS


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
