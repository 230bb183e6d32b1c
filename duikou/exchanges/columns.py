"""The exchange-event spreadsheet: columns declared once for import, template and export.

Rows match on the event code. Parties and places are named by code or name; co-organising
parties, projects and twinning pairs are lists (codes separated by 、; pairs by number). The
model's own rules (dates, 人次 ≥ 人) run on every row as it will be saved.
"""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from duikou.core.columns import CHOICE, DATE, INTEGER, REF, REFS, Column, Ref, Table
from duikou.core.imports import import_file
from duikou.exchanges.choices import EventKind
from duikou.exchanges.models import Event

PLACE = Ref("places.Place", match=("code", "name", "alias"))
PARTY = Ref("organisations.AidingParty", match=("code", "name", "short_name"))
PROJECT = Ref("projects.Project", match=("code",))
PAIR = Ref("twinning.Pair", match=("id",), name="")

EVENTS = Table(
    Event,
    [
        Column("code", _("Event code"), required=True, example="JS-2017-YZ-01", width=16),
        Column("title", _("Title"), required=True, example="江苏医疗专家来伊巡回义诊", width=30),
        Column("kind", _("Kind"), CHOICE, True, "义诊", choices=tuple(EventKind.choices)),
        Column("aiding_party", _("Lead organiser (aiding party)"), REF, True, "江苏省", ref=PARTY),
        Column("partners", _("Co-organising parties"), REFS, ref=PARTY),
        Column("organiser", _("Organising units"), example="江苏援伊前方指挥部"),
        Column("start_date", pgettext_lazy("event", "Start date"), DATE, True, "2017-03-01"),
        Column("end_date", _("End date"), DATE, example="2017-06-30"),
        Column("place", _("Recipient-side place code"), REF, True, "654000", ref=PLACE),
        Column("aiding_place", _("Aiding-side place code"), REF, ref=PLACE),
        Column("venue", _("Venue")),
        Column("batches", _("Batches (批次)"), INTEGER, total=True),
        Column("sessions", _("Sessions (场)"), INTEGER, total=True),
        Column("lessons", _("Lessons (节)"), INTEGER, total=True),
        Column("person_times", _("Person-times (人次)"), INTEGER, example="92", total=True),
        Column("persons", _("Persons (人)"), INTEGER, example="", total=True),
        Column("beneficiaries", _("Beneficiaries (人)"), INTEGER, example="9800", total=True),
        Column("projects", _("Project codes"), REFS, ref=PROJECT),
        Column("pairs", _("Twinning pair numbers"), REFS, ref=PAIR),
        Column("description", _("Description"), width=40),
        Column("source", _("Source")),
    ],
    key="code",
    title=_("Exchange events"),
    filename="exchange-events",
    extra={"scope_column": "aiding_party"},
)

import_events = partial(import_file, EVENTS)
