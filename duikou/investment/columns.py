"""The investment spreadsheets: leads, promotion events, parks and park enterprises, declared
once for the import, the template and the exports (core/columns.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duikou.core.columns import BOOL, CHOICE, DATE, INTEGER, MONEY, REF, WAN, Column, Ref, Table
from duikou.investment.choices import EventKind, Origin, ParkKind, Sector, Stage
from duikou.investment.models import Lead, Park, ParkEntry, PromotionEvent

PLACE = Ref("places.Place", match=("code", "name", "alias"))
PARTY = Ref("organisations.AidingParty", match=("code", "name", "short_name"))
ENTERPRISE = Ref("organisations.Organisation", match=("code", "name"))
PARK = Ref("investment.Park", match=("code", "name"))
EVENT = Ref("investment.PromotionEvent", match=("code", "name"))
LEAD = Ref("investment.Lead", match=("code",))

LEADS = Table(
    Lead,
    [
        Column("code", _("Lead code"), required=True, example="SD-2020-001", width=16),
        Column("name", _("Project name"), required=True, example="年产30万吨钛白粉项目", width=30),
        Column("enterprise", _("Enterprise code"), REF, True, "ENT-0001", ref=ENTERPRISE),
        Column("origin", _("Enterprise from"), CHOICE, choices=tuple(Origin.choices)),
        Column("sector", _("Sector"), CHOICE, choices=tuple(Sector.choices)),
        Column("place", _("Target place code"), REF, True, "653130", ref=PLACE),
        Column("park", _("Park code"), REF, ref=PARK),
        Column("aiding_party", _("Brokering aiding party"), REF, example="山东省", ref=PARTY),
        Column("is_cross_pairing", _("Cross-pairing work (yes/no)"), BOOL, example="否"),
        Column("paired_party", _("Paired aiding party"), REF, ref=PARTY, imports=False),
        Column("event", _("Source event code"), REF, ref=EVENT),
        Column("responsible_name", _("Person responsible")),
        Column(
            "planned_investment",
            _("Planned investment (10k yuan)"),
            MONEY,
            example="5000",
            unit=WAN,
            total=True,
        ),
        Column("expected_output", _("Expected annual output (10k yuan)"), MONEY, unit=WAN),
        Column("stage", _("Stage"), CHOICE, choices=tuple(Stage.choices), example="洽谈"),
        Column("talks_on", _("Negotiation date"), DATE, True, "2020-05-20"),
        Column("signed_on", _("Signing date"), DATE),
        Column("signed_amount", _("Contracted amount (10k yuan)"), MONEY, unit=WAN, total=True),
        Column("started_on", _("Construction start date"), DATE),
        Column("funds_in_place", _("Funds in place (10k yuan)"), MONEY, unit=WAN, total=True),
        Column("producing_on", _("Production date"), DATE),
        Column(
            "invested_total", _("Cumulative investment (10k yuan)"), MONEY, unit=WAN, total=True
        ),
        Column("terminated_on", _("Termination date"), DATE),
        Column("termination_reason", _("Termination reason")),
        Column("jobs_planned", _("Jobs planned"), INTEGER, total=True),
        Column("jobs_created", _("Jobs created"), INTEGER, total=True),
        Column("jobs_local", _("Of which local jobs"), INTEGER, total=True),
        Column("jobs_note", _("Jobs note")),
        Column("note", _("Note"), width=30),
    ],
    key="code",
    title=_("Investment leads"),
    filename="investment_leads",
    extra={"scope_column": "aiding_party"},
)

EVENTS = Table(
    PromotionEvent,
    [
        Column("code", _("Event code"), required=True, example="SD-TJH-2020-01", width=16),
        Column("name", _("Event name"), required=True, example="喀什地区重点项目推介会", width=30),
        Column("kind", _("Kind"), CHOICE, choices=tuple(EventKind.choices)),
        Column("aiding_party", _("Aiding party"), REF, True, "山东省", ref=PARTY),
        Column("held_on", _("Date held"), DATE, True, "2020-06-18"),
        Column("city", _("City"), required=True, example="济南"),
        Column("place", _("Place promoted code"), REF, True, "653100", ref=PLACE),
        Column("note", _("Note"), width=30),
    ],
    key="code",
    title=_("Promotion events"),
    filename="promotion_events",
    extra={"scope_column": "aiding_party"},
)

PARKS = Table(
    Park,
    [
        Column("code", _("Park code"), required=True, example="PK-653122-01", width=16),
        Column("name", _("Park name"), required=True, example="疏勒齐鲁工业园", width=24),
        Column("kind", _("Kind"), CHOICE, choices=tuple(ParkKind.choices)),
        Column("place", _("Place code"), REF, True, "653122", ref=PLACE),
        Column("aiding_party", _("Co-building aiding party"), REF, ref=PARTY),
        Column("focus", _("Main industries")),
        Column("established_on", _("Established on"), DATE),
        Column("note", _("Note"), width=30),
    ],
    key="code",
    title=_("Parks"),
    filename="parks",
    extra={"scope_column": "place"},
)

PARK_ENTRIES = Table(
    ParkEntry,
    [
        Column("park", _("Park code"), REF, True, "PK-653122-01", ref=PARK),
        Column("enterprise", _("Enterprise code"), REF, True, "ENT-0001", ref=ENTERPRISE),
        Column("entered_on", _("Located on"), DATE, True, "2020-03-01"),
        Column("left_on", _("Left on"), DATE),
        Column("lead", _("Investment lead code"), REF, ref=LEAD),
        Column("jobs", _("Jobs"), INTEGER, example="120", total=True),
        Column("local_jobs", _("Of which local jobs"), INTEGER, total=True),
        Column("investment", _("Investment (10k yuan)"), MONEY, unit=WAN, total=True),
        Column("note", _("Note"), width=30),
    ],
    key=None,
    title=_("Park enterprises"),
    filename="park_enterprises",
    extra={"scope_column": "park"},
)
