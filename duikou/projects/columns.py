"""The project spreadsheet: its columns, declared once for the import, the template and exports.

Rows are matched on the project code: a known code updates the project (if the caller may
change it), an unknown one creates it. Places, parties, categories and organisations may be
given by code or by name. The engine (`duikou.core.imports`) runs the model's own rules on each
row as it will be saved, so an import can do exactly what the form and the API can.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from duikou.core.columns import (
    BOOL,
    CHOICE,
    DATE,
    INTEGER,
    MONEY,
    REF,
    REFS,
    WAN,
    Column,
    Ref,
    Table,
)
from duikou.core.imports import RowContext, import_file
from duikou.projects.choices import Status
from duikou.projects.models import Project

PLACE = Ref("places.Place", match=("code", "name", "alias"))
PARTY = Ref("organisations.AidingParty", match=("code", "name", "short_name"))
CATEGORY = Ref("projects.Category", match=("name", "code"), name="")
ORGANISATION = Ref("organisations.Organisation", match=("code", "name"))


def _prepare(
    obj: Project,
    values: dict[str, str],
    ctx: RowContext,
    *,
    line: int,
    created: bool,
    m2m: dict[str, list[Any]],
) -> None:
    """A new project whose livelihood cell is empty takes its category's default; the further
    places as they will be saved must lie in the party's pairings (the model's rule, which
    `clean()` cannot see for a many-to-many value)."""
    if created and obj.category_id is not None and not values.get("is_livelihood", "").strip():
        obj.is_livelihood = obj.category.livelihood(None)
    if "extra_places" in m2m:
        places = m2m["extra_places"]
    elif not created and obj.aiding_party_id != obj._history_snapshot.get("aiding_party_id"):
        places = list(obj.extra_places.all())  # a change of party rechecks the stored ones
    else:
        return
    try:
        obj.clean_extra_places(places)
    except ValidationError as invalid:
        for message in invalid.messages:
            ctx.error(line, "extra_places", message)


PROJECTS = Table(
    Project,
    [
        Column("code", _("Project code"), required=True, example="JS-2025-0001", width=16),
        Column("name", _("Project name"), required=True, example="伊宁县安居富民工程", width=30),
        Column("aiding_party", _("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column("place", _("Place code"), REF, True, "654021", ref=PLACE),
        Column("extra_places", _("Further place codes"), REFS, ref=PLACE),
        Column("category", _("Category"), REF, True, "民生", ref=CATEGORY),
        Column("is_livelihood", _("Livelihood (yes/no)"), BOOL, example="是"),
        Column("plan_year", _("Plan year"), INTEGER, True, "2025"),
        # The template and imports in yuan; exports in 万元, as the project list shows them
        # (a file with the 万元 headers is read in 万元, so an export imports again).
        Column(
            "budget_aid",
            _("Aid funds (yuan)"),
            MONEY,
            example="3000000",
            total=True,
            export_unit=WAN,
            export_label=_("Aid funds (10k yuan)"),
        ),
        Column(
            "budget_local",
            _("Local matching funds (yuan)"),
            MONEY,
            example="500000",
            total=True,
            export_unit=WAN,
            export_label=_("Local matching funds (10k yuan)"),
        ),
        Column(
            "budget_social",
            _("Social funds (yuan)"),
            MONEY,
            example="0",
            total=True,
            export_unit=WAN,
            export_label=_("Social funds (10k yuan)"),
        ),
        Column(
            "budget_enterprise",
            _("Enterprise investment (yuan)"),
            MONEY,
            example="0",
            total=True,
            export_unit=WAN,
            export_label=_("Enterprise investment (10k yuan)"),
        ),
        Column("start_date", _("Start date"), DATE, example="2025-04-01"),
        Column("finish_date", _("Finish date"), DATE, example="2025-11-30"),
        Column(
            "implementing_organisation",
            _("Implementing organisation code"),
            REF,
            ref=ORGANISATION,
        ),
        Column("description", _("Description"), width=40),
        Column("is_published", _("Published (yes/no)"), BOOL, example="否"),
        Column("is_cross_pairing", _("Cross-pairing work (yes/no)"), BOOL, example="否"),
        Column("status", _("Status"), CHOICE, choices=tuple(Status.choices), imports=False),
    ],
    key="code",
    title=_("Projects"),
    filename="projects",
    prepare=_prepare,
    extra={"scope_column": "aiding_party"},
)

import_projects = partial(import_file, PROJECTS)
