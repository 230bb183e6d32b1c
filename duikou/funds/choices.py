from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")


class TransactionKind(models.TextChoices):
    DISBURSEMENT = "disbursement", _("Disbursement")
    EXPENDITURE = "expenditure", _("Expenditure")
