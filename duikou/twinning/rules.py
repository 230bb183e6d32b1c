"""The rules of a twinning pair, run by `Pair.clean()` on every path (form, API, import).

What a kind pairs, and how often one unit may be twinned in the same kind and period:

| kind | aiding unit | recipient unit | one recipient, several aiding units? |
|---|---|---|---|
| 乡镇 township | a town or a county (河南's 90 counties) | a town (乡镇/街道/团场) | yes |
| 村/社区 village | a village, a town or a county | a village (村/社区/连队) | yes |
| 学校/医院/企业 | an organisation of that kind | one of that kind | yes |
| 机关 agency | a government body (or other organisation) | the same | yes |
| 社会组织 social | an "other" organisation | the same | yes |
| 家庭/户 household | a household | a household | no: one partner at a time |
| 个人 individual | a household or individual | an individual (child, student) | no: one "亲人" |

"Yes" is what the seeds record: 江苏 212 villages twinned with 145, 张家港 10 towns with 13.
For every kind the same two units are never twinned twice in overlapping periods.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from duikou.organisations.choices import OrganisationKind as Org
from duikou.places.choices import Level
from duikou.places.models import Place
from duikou.twinning.choices import HouseholdKind, PairKind, PairStatus, Side

PLACE_KINDS = {PairKind.TOWNSHIP, PairKind.VILLAGE}
HOUSEHOLD_KINDS = {PairKind.HOUSEHOLD, PairKind.INDIVIDUAL}
ORGANISATION_KINDS = {
    PairKind.SCHOOL: {Org.SCHOOL},
    PairKind.HOSPITAL: {Org.HOSPITAL},
    PairKind.ENTERPRISE: {Org.ENTERPRISE},
    PairKind.AGENCY: {Org.RECIPIENT_GOVERNMENT, Org.HQ, Org.WORK_GROUP, Org.OVERSIGHT, Org.OTHER},
    PairKind.SOCIAL: {Org.OTHER},
}
# Which levels each side's place may be of.
RECIPIENT_LEVELS = {PairKind.TOWNSHIP: {Level.TOWNSHIP}, PairKind.VILLAGE: {Level.VILLAGE}}
AIDING_LEVELS = {
    PairKind.TOWNSHIP: {Level.TOWNSHIP, Level.COUNTY},
    PairKind.VILLAGE: {Level.VILLAGE, Level.TOWNSHIP, Level.COUNTY},
}
RECIPIENT_HOUSEHOLD = {
    PairKind.HOUSEHOLD: {HouseholdKind.HOUSEHOLD},
    PairKind.INDIVIDUAL: {HouseholdKind.INDIVIDUAL},
}
AIDING_HOUSEHOLD = {
    PairKind.HOUSEHOLD: {HouseholdKind.HOUSEHOLD},
    PairKind.INDIVIDUAL: {HouseholdKind.HOUSEHOLD, HouseholdKind.INDIVIDUAL},
}
# Kinds where a recipient unit has one partner at a time (see the table above).
ONE_PARTNER = {PairKind.HOUSEHOLD, PairKind.INDIVIDUAL}

AIDING_FIELDS = ("aiding_place", "aiding_organisation", "aiding_household")
RECIPIENT_FIELDS = ("recipient_place", "recipient_organisation", "recipient_household")


def unit_field(kind: str, side: str) -> str:
    """The field that holds a side's unit for a kind ("aiding_place" …)."""
    if kind in PLACE_KINDS:
        what = "place"
    elif kind in HOUSEHOLD_KINDS:
        what = "household"
    else:
        what = "organisation"
    return f"{side}_{what}"


def side_of(unit: Any) -> str | None:
    """Which side a unit is on: a place by its tree, an organisation by its aiding party
    (aiding-side organisations belong to one), a household as recorded."""
    if unit is None:
        return None
    if isinstance(unit, Place):
        return Side.RECIPIENT if unit.aided else Side.AIDING
    if hasattr(unit, "side"):
        return unit.side
    return Side.AIDING if unit.aiding_party_id else Side.RECIPIENT


def unit_place(unit: Any) -> Place | None:
    if unit is None:
        return None
    if isinstance(unit, Place):
        return unit
    return unit.place if unit.place_id else None


def county_of(place: Place | None) -> Place | None:
    """The county a place lies in (itself for a county), or None above the county."""
    if place is None:
        return None
    if place.level == Level.COUNTY:
        return place
    if place.level in (Level.REGION, Level.PREFECTURE):
        return None
    codes = place.ancestor_codes()
    return Place.everywhere.filter(code__in=codes, level=Level.COUNTY).first()


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def check_pair(pair: Any) -> None:
    kind = pair.kind
    if not kind:
        return
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    aiding_field, recipient_field = unit_field(kind, "aiding"), unit_field(kind, "recipient")
    for field in AIDING_FIELDS + RECIPIENT_FIELDS:
        if field not in (aiding_field, recipient_field) and getattr(pair, f"{field}_id"):
            add(field, _("A pair of this kind does not name a unit here; leave it empty."))
    aiding = getattr(pair, aiding_field) if getattr(pair, f"{aiding_field}_id") else None
    recipient = getattr(pair, recipient_field) if getattr(pair, f"{recipient_field}_id") else None
    if aiding is None:
        add(aiding_field, _("Name the unit on the aiding side."))
    if recipient is None:
        add(recipient_field, _("Name the unit on the recipient side."))
    if aiding is not None and recipient is not None:
        sides = side_of(aiding), side_of(recipient)
        if sides == (Side.AIDING, Side.AIDING):
            add(
                recipient_field,
                _(
                    "Both units are on the aiding side: %(unit)s is not in the aided region. "
                    "A pair twins an aiding-side unit with a recipient-side one."
                )
                % {"unit": recipient},
            )
        elif sides == (Side.RECIPIENT, Side.RECIPIENT):
            add(
                aiding_field,
                _(
                    "Both units are on the recipient side: %(unit)s is in the aided region. "
                    "A pair twins an aiding-side unit with a recipient-side one."
                )
                % {"unit": aiding},
            )
        elif sides == (Side.RECIPIENT, Side.AIDING):
            add(
                aiding_field,
                _(
                    "The sides are swapped: %(aiding)s is on the recipient side, %(recipient)s "
                    "on the aiding side."
                )
                % {"aiding": aiding, "recipient": recipient},
            )
    _check_unit_kinds(pair, kind, aiding, recipient, aiding_field, recipient_field, add)
    _check_party(pair, aiding, aiding_field, add)
    if pair.start and pair.end and pair.end < pair.start:
        add("end", _("The end of the period is before its start."))
    if not errors and aiding is not None and recipient is not None and pair.start:
        _check_twice(pair, kind, aiding_field, recipient_field, add)
    if errors:
        raise ValidationError(errors)
    pair.recipient_county = county_of(unit_place(recipient))


def _check_unit_kinds(pair, kind, aiding, recipient, aiding_field, recipient_field, add) -> None:
    label = PairKind(kind).label
    if kind in PLACE_KINDS:
        if recipient is not None and recipient.level not in RECIPIENT_LEVELS[kind]:
            add(
                recipient_field,
                _(
                    "A %(kind)s pair twins a %(level)s on the recipient side; %(unit)s is a "
                    "%(actual)s."
                )
                % {
                    "kind": label,
                    "level": Level(next(iter(RECIPIENT_LEVELS[kind]))).label,
                    "unit": recipient,
                    "actual": recipient.get_level_display(),
                },
            )
        if aiding is not None and aiding.level not in AIDING_LEVELS[kind]:
            add(
                aiding_field,
                _("A %(kind)s pair cannot have a %(actual)s (%(unit)s) on the aiding side.")
                % {"kind": label, "actual": aiding.get_level_display(), "unit": aiding},
            )
    elif kind in HOUSEHOLD_KINDS:
        for unit, field, allowed in (
            (aiding, aiding_field, AIDING_HOUSEHOLD[kind]),
            (recipient, recipient_field, RECIPIENT_HOUSEHOLD[kind]),
        ):
            if unit is not None and unit.kind not in allowed:
                add(
                    field,
                    _("A %(kind)s pair cannot have %(unit)s (a %(actual)s) here.")
                    % {"kind": label, "unit": unit, "actual": unit.get_kind_display()},
                )
    else:
        allowed = ORGANISATION_KINDS[kind]
        for unit, field in ((aiding, aiding_field), (recipient, recipient_field)):
            if unit is not None and unit.kind not in allowed:
                add(
                    field,
                    _("A %(kind)s pair twins organisations of that kind; %(unit)s is a %(actual)s.")
                    % {"kind": label, "unit": unit, "actual": unit.get_kind_display()},
                )


def _check_party(pair, aiding, aiding_field, add) -> None:
    if aiding is None or not pair.aiding_party_id:
        return
    party_id = getattr(aiding, "aiding_party_id", None)
    if party_id and party_id != pair.aiding_party_id:
        add(
            aiding_field,
            _("%(unit)s belongs to another aiding party than the pair's.") % {"unit": aiding},
        )


def overlapping(qs, start, end):
    """Pairs of `qs` whose period overlaps [start, end] (an open end runs on)."""
    qs = qs.filter(Q(end__isnull=True) | Q(end__gte=start))
    if end:
        qs = qs.filter(start__lte=end)
    return qs.exclude(status=PairStatus.ENDED)


def _check_twice(pair, kind, aiding_field, recipient_field, add) -> None:
    from duikou.twinning.models import Pair

    if pair.status == PairStatus.ENDED:
        return
    others = overlapping(Pair.objects.filter(kind=kind), pair.start, pair.end).exclude(pk=pair.pk)
    recipient_id = getattr(pair, f"{recipient_field}_id")
    same_recipient = others.filter(**{f"{recipient_field}_id": recipient_id})
    if same_recipient.filter(
        **{f"{aiding_field}_id": getattr(pair, f"{aiding_field}_id")}
    ).exists():
        add(
            recipient_field,
            _("These two units are already twinned in this kind in an overlapping period."),
        )
    elif kind in ONE_PARTNER and same_recipient.exists():
        add(
            recipient_field,
            _(
                "%(unit)s is already twinned in an overlapping period; a %(kind)s pair has one "
                "partner at a time. End the other pair first."
            )
            % {"unit": pair.recipient_unit, "kind": PairKind(kind).label},
        )


def check_household(household: Any) -> None:
    if not household.place_id or not household.side:
        return
    place_side = Side.RECIPIENT if household.place.aided else Side.AIDING
    if place_side != household.side:
        raise _error(
            "place",
            _("%(place)s is not on the %(side)s.")
            % {"place": household.place, "side": Side(household.side).label},
        )
    if household.side == Side.AIDING and not household.aiding_party_id:
        raise _error("aiding_party", _("An aiding-side household belongs to an aiding party."))
