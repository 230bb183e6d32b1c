"""The fixed lists of the teams app: team models, sectors, results of an assessment, outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamModel(models.TextChoices):
    """How a 组团式 team is organised (组团模式)."""

    HOSPITAL_DEPARTMENT = "hospital_department", _("Hospital takes a department")  # 以院包科
    SCHOOL_DEPARTMENT = "school_department", _("School takes a department")  # 以校包系
    PRINCIPAL_TEAM = "principal_team", _("Principal, managers and key teachers")
    LARGE = "large", _("Large team")  # 大组团
    SMALL = "small", _("Small team")  # 小组团
    MICRO = "micro", _("Micro team")  # 微组团


class Sector(models.TextChoices):
    MEDICAL = "medical", _("Medical")  # 医疗
    EDUCATION = "education", _("Education")  # 教育
    OTHER = "other", _("Other sector")


class AssessmentResult(models.TextChoices):
    """The result of a periodic assessment (考核) of a mentorship."""

    EXCELLENT = "excellent", _("Excellent")  # 优秀
    GOOD = "good", _("Good")  # 良好
    PASS = "pass", _("Passed")  # 合格
    FAIL = "fail", _("Not passed")  # 不合格


class OutcomeKind(models.TextChoices):
    """What an outcome counts."""

    TECHNIQUES = "techniques", _("Techniques mastered")  # 掌握新技术
    SURGERIES = "surgeries", _("Surgeries mastered")  # 独立开展手术
    LESSONS = "lessons", _("Lessons given")  # 授课
    TITLES = "titles", _("Titles earned")  # 职称、荣誉
    MENTEES = "mentees", _("Local staff helped")  # 帮带当地人员
    OTHER = "other", _("Other outcome")


# The service figures a team or person reports per period (ServiceFigure fields), with their
# units: what the indicators module reads as indicator values instead of re-entering them.
SERVICE_FIGURES = (
    ("patients_seen", _("Patients seen"), "人次"),  # 接诊人次
    ("operations", _("Operations"), "台次"),  # 手术台次
    ("new_techniques", _("New techniques introduced"), "项"),
    ("trained", _("Staff trained"), "人次"),  # 培训教师/医生人次
    ("public_lessons", _("Public lessons"), "节"),  # 公开课
)
