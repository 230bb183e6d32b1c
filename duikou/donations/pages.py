"""The donation and pledge pages, menu entries, exports, imports and API routes."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from duikou.core.registry import Action, WanColumn, register, table_for
from duikou.core.scoping import can_edit
from duikou.donations import services
from duikou.donations.columns import DONATIONS, PLEDGES
from duikou.donations.filters import DonationFilterSet, PledgeFilterSet
from duikou.donations.forms import DonationForm, PledgeForm
from duikou.donations.models import Donation, Pledge

_numbers = itertools.count(1)


def sample_donation(party, place) -> Donation:
    return Donation.objects.create(
        code=f"KIT-JZ-{next(_numbers)}",
        title="样例捐赠",
        purpose="schooling",
        aiding_party=party,
        donor_kind="organisation",
        donor="样例单位",
        recipient_kind="place",
        place=place,
        given_on=dt.date(2025, 5, 1),
        cash=Decimal(100000),
    )


def sample_pledge(party, place) -> Pledge:
    return Pledge.objects.create(
        code=f"KIT-PL-{next(_numbers)}",
        title="样例年度援助",
        purpose="grassroots",
        aiding_party=party,
        donor_kind="organisation",
        donor="样例村",
        place=place,
        annual_amount=Decimal(300000),
        first_year=2024,
        last_year=2025,
    )


DonationTable = table_for(
    Donation, ["title", "purpose", "aiding_party", "donor", "place", "given_on"]
)
DonationTable.base_columns["cash"] = WanColumn(verbose_name=_("Cash (10k yuan)"))
DonationTable.base_columns["in_kind_value"] = WanColumn(verbose_name=_("In-kind value (10k yuan)"))
PledgeTable = table_for(
    Pledge, ["title", "purpose", "aiding_party", "donor", "place", "first_year", "last_year"]
)
PledgeTable.base_columns["annual_amount"] = WanColumn(verbose_name=_("Per year (10k yuan)"))


def pledge_context(request: HttpRequest, pledge: Pledge) -> dict[str, Any]:
    instalments = Donation.objects.visible_to(request.user).filter(pledge=pledge)
    return {"instalments": instalments, "instalment_totals": services.totals(instalments)}


donations = register(
    Donation,
    prefix="donations",
    filterset=DonationFilterSet,
    table=DonationTable,
    columns_table=DONATIONS,
    imports=True,
    form=DonationForm,
    api_prefix="donations",
    api_basename="donation",
    nav=(_("Donations"), None),
    nav_order=134,
    detail_template="donations/donation_detail.html",
    list_template="donations/donation_list.html",
    select_related=["aiding_party", "place", "work_group", "pledge"],
    ordering=["-given_on", "code"],
    sample=sample_donation,
)

pledges = register(
    Pledge,
    prefix="donations",
    path="pledges/",
    list_path="pledges/",
    names={
        "list": "pledges",
        "detail": "pledge",
        "create": "pledge_create",
        "edit": "pledge_edit",
        "delete": "pledge_delete",
        "history": "pledge_history",
        "export": "pledge_export",
        "import": "pledge_import",
        "import_template": "pledge_import_template",
    },
    filterset=PledgeFilterSet,
    table=PledgeTable,
    columns_table=PLEDGES,
    imports=True,
    form=PledgeForm,
    api_prefix="donation-pledges",
    api_basename="donation-pledge",
    nav=(_("Annual pledges"), None),
    nav_order=135,
    detail_template="donations/pledge_detail.html",
    select_related=["aiding_party", "place", "work_group"],
    ordering=["-first_year", "code"],
    detail_context=pledge_context,
    actions=[
        Action(
            _("Record the yearly entries"),
            "donations:pledge_instalments",
            method="post",
            when=lambda request, obj: request.user.is_authenticated and can_edit(request.user, obj),
        )
    ],
    sample=sample_pledge,
)
