"""The investment pipeline's states and kinds."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where a lead stands: 洽谈 → 签约 → 开工 → 投产, or 终止 (dropped, history kept)."""

    TALKS = "talks", _("Negotiating")
    SIGNED = "signed", _("Contract signed")
    STARTED = "started", _("Construction started")
    PRODUCING = "producing", _("In production")
    TERMINATED = "terminated", _("Terminated")


# The pipeline in order; each stage's date and the amount it records.
PIPELINE = (Stage.TALKS, Stage.SIGNED, Stage.STARTED, Stage.PRODUCING)
STAGE_DATE = {
    Stage.TALKS: "talks_on",
    Stage.SIGNED: "signed_on",
    Stage.STARTED: "started_on",
    Stage.PRODUCING: "producing_on",
}
STAGE_AMOUNT = {
    Stage.TALKS: "planned_investment",
    Stage.SIGNED: "signed_amount",
    Stage.STARTED: "funds_in_place",
    Stage.PRODUCING: "invested_total",
}


class Origin(models.TextChoices):
    """Where the enterprise comes from."""

    AIDING_SIDE = "aiding_side", _("From the aiding province or city")
    ELSEWHERE = "elsewhere", _("From elsewhere in China")
    LOCAL = "local", _("Local enterprise")


class Sector(models.TextChoices):
    TEXTILES = "textiles", _("Textiles and garments")
    AGRI_FOOD = "agri_food", _("Agricultural product processing")
    ECOMMERCE = "ecommerce", _("E-commerce and logistics")
    CHEMICALS = "chemicals", _("Chemicals and new materials")
    ENERGY = "energy", _("New energy")
    MANUFACTURING = "manufacturing", _("Equipment manufacturing")
    TOURISM = "tourism", _("Culture and tourism")
    OTHER_SECTOR = "other", _("Other sector")


class EventKind(models.TextChoices):
    PROMOTION = "promotion", _("Promotion meeting (推介会)")
    FAIR = "fair", _("Investment fair (招商会)")


class ParkKind(models.TextChoices):
    INDUSTRIAL = "industrial", _("Industrial park (产业园区)")
    COBUILT = "cobuilt", _("Co-built park (共建园区)")
