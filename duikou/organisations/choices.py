from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    CENTRAL_ORGAN = "central_organ", _("Central organ")
    CENTRAL_ENTERPRISE = "central_enterprise", _("Central enterprise")


class OrganisationKind(models.TextChoices):
    HQ = "hq", _("Front headquarters")
    WORK_GROUP = "work_group", _("Work group")
    RECIPIENT_GOVERNMENT = "recipient_government", _("Recipient government")
    OVERSIGHT = "oversight", _("Aid coordination office")
    HOSPITAL = "hospital", _("Hospital")
    SCHOOL = "school", _("School")
    ENTERPRISE = "enterprise", _("Enterprise")
    OTHER = "other", _("Other organisation")
