from django.db import models
from django.utils.translation import gettext_lazy as _


class PairKind(models.TextChoices):
    """What two units are twinned (结对): the kind decides what the units are."""

    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village / community")
    SCHOOL = "school", _("School")
    HOSPITAL = "hospital", _("Hospital")
    ENTERPRISE = "enterprise", _("Enterprise")
    AGENCY = "agency", _("Government agency")
    SOCIAL = "social", _("Social organisation")
    HOUSEHOLD = "household", _("Household")
    INDIVIDUAL = "individual", _("Individual (child or student)")


class PairStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Side(models.TextChoices):
    AIDING = "aiding", _("Aiding side")
    RECIPIENT = "recipient", _("Recipient side")


class HouseholdKind(models.TextChoices):
    HOUSEHOLD = "household", _("Household")
    INDIVIDUAL = "individual", _("Individual (child or student)")
