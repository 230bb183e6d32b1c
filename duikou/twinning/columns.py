"""The twinning spreadsheets: pairs (added, never updated by a file) and households."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.columns import CHOICE, DATE, INTEGER, REF, Column, Ref, Table
from duikou.core.imports import PlannedRow, RowContext
from duikou.twinning.choices import HouseholdKind, PairKind, PairStatus, Side
from duikou.twinning.models import Household, Pair
from duikou.twinning.rules import AIDING_FIELDS, RECIPIENT_FIELDS

PARTY = Ref("organisations.AidingParty", match=("code", "name", "short_name"))
# Both sides' places are named by code: names repeat across the country (several 新华村).
ANY_PLACE = Ref("places.Place", match=("code",), manager="everywhere")
ORGANISATION = Ref("organisations.Organisation", match=("code",))
HOUSEHOLD = Ref("twinning.Household", match=("code",), name="label")


def _check_pair_rows(rows: list[PlannedRow], ctx: RowContext) -> None:
    """Two rows of one file twinning the same two units in overlapping periods."""
    seen: dict[tuple, list[tuple[int, object, object]]] = {}
    for row in rows:
        pair = row.obj
        units = (
            pair.kind,
            *(getattr(pair, f"{f}_id") for f in AIDING_FIELDS + RECIPIENT_FIELDS),
        )
        for line, start, end in seen.get(units, []):
            if (end is None or end >= pair.start) and (pair.end is None or pair.end >= start):
                ctx.error(
                    row.row,
                    None,
                    _("This row twins the same two units as row %(row)s in an overlapping period.")
                    % {"row": line},
                )
                break
        seen.setdefault(units, []).append((row.row, pair.start, pair.end))


PAIRS = Table(
    Pair,
    [
        Column("kind", gettext_lazy("Kind"), CHOICE, True, "乡镇", choices=tuple(PairKind.choices)),
        Column("aiding_party", gettext_lazy("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column(
            "aiding_place",
            gettext_lazy("Aiding place code"),
            REF,
            ref=ANY_PLACE,
            example="320582100",
        ),
        Column(
            "aiding_organisation", gettext_lazy("Aiding organisation code"), REF, ref=ORGANISATION
        ),
        Column("aiding_household", gettext_lazy("Aiding household code"), REF, ref=HOUSEHOLD),
        Column(
            "recipient_place",
            gettext_lazy("Recipient place code"),
            REF,
            ref=ANY_PLACE,
            example="654024100",
        ),
        Column(
            "recipient_organisation",
            gettext_lazy("Recipient organisation code"),
            REF,
            ref=ORGANISATION,
        ),
        Column("recipient_household", gettext_lazy("Recipient household code"), REF, ref=HOUSEHOLD),
        Column("start", gettext_lazy("Start"), DATE, True, "2017-03-01"),
        Column("end", gettext_lazy("End"), DATE),
        Column(
            "status",
            gettext_lazy("Status"),
            CHOICE,
            example="结对中",
            choices=tuple(PairStatus.choices),
        ),
        Column(
            "brokered_by", gettext_lazy("Brokered by (organisation code)"), REF, ref=ORGANISATION
        ),
        Column("source", gettext_lazy("Source")),
        Column("note", gettext_lazy("Note")),
        Column(
            "recipient_county", gettext_lazy("Recipient county"), REF, imports=False, ref=ANY_PLACE
        ),
    ],
    key=None,
    title=gettext_lazy("Twinning pairs"),
    filename="twinning",
    check_rows=_check_pair_rows,
    extra={"scope_column": "aiding_party"},
)

HOUSEHOLDS = Table(
    Household,
    [
        Column("code", gettext_lazy("Code"), required=True, example="HH-654027-0001"),
        Column("label", gettext_lazy("Label"), required=True, example="特克斯县 户 0001"),
        Column(
            "kind",
            gettext_lazy("Kind"),
            CHOICE,
            True,
            "家庭/户",
            choices=tuple(HouseholdKind.choices),
        ),
        Column("side", gettext_lazy("Side"), CHOICE, True, "受援方", choices=tuple(Side.choices)),
        Column("members", gettext_lazy("Members"), INTEGER, example="4"),
        Column("place", gettext_lazy("Place code"), REF, True, "654027", ref=ANY_PLACE),
        Column("aiding_party", gettext_lazy("Aiding party"), REF, ref=PARTY),
        Column("note", gettext_lazy("Note")),
    ],
    key="code",
    title=gettext_lazy("Households and individuals"),
    filename="households",
    extra={"scope_column": "place"},
)
