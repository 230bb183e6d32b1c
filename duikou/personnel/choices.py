"""The fixed lists of the personnel app: kinds of people sent, fields, term statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class Kind(models.TextChoices):
    """What a person is sent as (选派类别)."""

    CADRE = "cadre", _("Party and government cadre")  # 党政干部
    PROFESSIONAL = "professional", _("Professional")  # 专业技术人才
    FLEXIBLE = "flexible", _("Flexible talent")  # 柔性人才 (short-term)
    SILVER = "silver", _("Retired expert")  # 银发专家


# Kinds that are sent in a party's numbered batch (第N批); flexible and retired experts need none.
BATCH_KINDS = frozenset({Kind.CADRE, Kind.PROFESSIONAL})


class Field(models.TextChoices):
    """The line of work of a posting (专业领域)."""

    ADMINISTRATION = "administration", _("Administration")  # 党政管理
    TEACHER = "teacher", _("Teacher")  # 教师
    DOCTOR = "doctor", _("Doctor")  # 医生 / 医疗卫生
    AGRICULTURE = "agriculture", _("Agriculture")  # 农业
    ENGINEERING = "engineering", _("Engineering")  # 工程
    TECHNOLOGY = "technology", _("Science and technology")  # 科技
    CULTURE = "culture", _("Culture and tourism")  # 文旅
    FINANCE = "finance", _("Economy and finance")  # 经济金融
    OTHER = "other", _("Other field")


class PostingStatus(models.TextChoices):
    ON_POST = "on_post", _("On post")  # 在岗
    COMPLETED = "completed", _("Term completed")  # 期满
    RETURNED_EARLY = "returned_early", _("Returned early")  # 提前返回
    EXTENDED = "extended", _("Extended / another term")  # 延期/再援一届


class Level(models.TextChoices):
    """How senior a needed person is (需求层次)."""

    SENIOR = "senior", _("Senior (leading expert)")  # 高层次/领军
    MIDDLE = "middle", _("Middle (key staff)")  # 骨干
    GENERAL = "general", _("General")  # 一般


class PlanStatus(models.TextChoices):
    """Where a recruitment plan stands (core/workflow.py moves it)."""

    PLANNED = "planned", _("Planned")  # 计划
    INTENT = "intent", _("Intent reached")  # 达成意向
    ARRIVED = "arrived", _("Arrived")  # 到岗
