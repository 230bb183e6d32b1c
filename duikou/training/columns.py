"""The training spreadsheet: columns declared once for import, template and export."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duikou.core.columns import CHOICE, DATE, DECIMAL, INTEGER, REF, REFS, Column, Ref, Table
from duikou.core.imports import import_file
from duikou.training.choices import Field, Mode
from duikou.training.models import TrainingSession

PLACE = Ref("places.Place", match=("code", "name", "alias"))
PARTY = Ref("organisations.AidingParty", match=("code", "name", "short_name"))
PROJECT = Ref("projects.Project", match=("code",))

SESSIONS = Table(
    TrainingSession,
    [
        Column("code", _("Training code"), required=True, example="SD-PX-2020-01", width=16),
        Column(
            "title", _("Title"), required=True, example="喀什地区中小学教师赴山东跟岗培训", width=30
        ),
        Column("mode", _("Mode"), CHOICE, True, "赴内地跟岗", choices=tuple(Mode.choices)),
        Column("field", _("Field"), CHOICE, True, "教育", choices=tuple(Field.choices)),
        Column("aiding_party", _("Aiding party"), REF, True, "山东省", ref=PARTY),
        Column("organiser", _("Organiser")),
        Column("place", _("Trainees' place code"), REF, True, "653100", ref=PLACE),
        Column("trainee_group", _("Trainees")),
        Column("venue", _("Venue")),
        Column("start_date", pgettext_lazy("event", "Start date"), DATE, True, "2020-03-01"),
        Column("end_date", _("End date"), DATE, example="2020-03-30"),
        Column("sessions", _("Sessions (场)"), INTEGER, total=True),
        Column("trainees", _("Trainees (人次)"), INTEGER, example="120", total=True),
        Column("persons", _("Persons (人)"), INTEGER, total=True),
        Column("hours", _("Hours (学时)"), DECIMAL, total=True),
        Column("projects", _("Project codes"), REFS, ref=PROJECT),
        Column("description", _("Description"), width=40),
        Column("source", _("Source")),
    ],
    key="code",
    title=_("Training sessions"),
    filename="training",
    extra={"scope_column": "aiding_party"},
)

import_sessions = partial(import_file, SESSIONS)
