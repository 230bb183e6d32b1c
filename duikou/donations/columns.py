"""The donation and pledge spreadsheets: columns declared once for import, template, export."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext_lazy as _

from duikou.core.columns import (
    BOOL,
    CHOICE,
    DATE,
    INTEGER,
    MONEY,
    REF,
    Column,
    Ref,
    Table,
)
from duikou.core.imports import import_file
from duikou.donations.choices import DonorKind, Purpose, RecipientKind
from duikou.donations.models import Donation, Pledge

PLACE = Ref("places.Place", match=("code", "name", "alias"))
PARTY = Ref("organisations.AidingParty", match=("code", "name", "short_name"))
ORGANISATION = Ref("organisations.Organisation", match=("code", "name"))
PAIR = Ref("twinning.Pair", match=("id",), name="")
PLEDGE = Ref("donations.Pledge", match=("code",), name="title")

DONATIONS = Table(
    Donation,
    [
        Column("code", _("Donation code"), required=True, example="JS-2017-JZ-01", width=16),
        Column(
            "title", _("Title"), required=True, example="丹阳眼镜商会捐赠助学帮困金和眼镜", width=30
        ),
        Column("purpose", _("Purpose"), CHOICE, True, "助学", choices=tuple(Purpose.choices)),
        Column("aiding_party", _("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column("work_group", _("Work group code"), REF, ref=ORGANISATION),
        Column("pair", _("Twinning pair number"), REF, ref=PAIR),
        Column(
            "donor_kind", _("Donor kind"), CHOICE, True, "单位", choices=tuple(DonorKind.choices)
        ),
        Column("donor", _("Donor"), required=True, example="丹阳眼镜商会"),
        Column("donor_count", _("Number of donors"), INTEGER),
        Column(
            "recipient_kind",
            _("Recipient kind"),
            CHOICE,
            True,
            "单位",
            choices=tuple(RecipientKind.choices),
        ),
        Column("recipient", _("Recipient"), example="兵团第四师"),
        Column("recipient_count", _("Number of recipients"), INTEGER, total=True),
        Column("place", _("Recipient place code"), REF, True, "659008", ref=PLACE),
        Column("given_on", _("Date"), DATE, True, "2017-05-01"),
        Column("cash", _("Cash (yuan)"), MONEY, example="300000", total=True),
        Column("in_kind_value", _("In-kind value (yuan)"), MONEY, example="", total=True),
        Column("items", _("Goods"), example="眼镜"),
        Column("item_count", _("Goods count"), INTEGER, example="400"),
        Column("item_unit", _("Goods unit"), example="副"),
        Column("is_scholarship", _("Scholarship (yes/no)"), BOOL, example="否"),
        Column("people_helped", _("People helped"), INTEGER, total=True),
        Column("pledge", _("Annual pledge code"), REF, ref=PLEDGE),
        Column("description", _("Description"), width=40),
        Column("source", _("Source")),
    ],
    key="code",
    title=_("Donations"),
    filename="donations",
    extra={"scope_column": "aiding_party"},
)

PLEDGES = Table(
    Pledge,
    [
        Column("code", _("Pledge code"), required=True, example="JS-CJC-30", width=16),
        Column(
            "title", _("Title"), required=True, example="长江村每年援助央布拉克村30万元", width=30
        ),
        Column(
            "purpose", _("Purpose"), CHOICE, True, "基层阵地建设", choices=tuple(Purpose.choices)
        ),
        Column("aiding_party", _("Aiding party"), REF, True, "江苏省", ref=PARTY),
        Column("work_group", _("Work group code"), REF, ref=ORGANISATION),
        Column("pair", _("Twinning pair number"), REF, ref=PAIR),
        Column(
            "donor_kind", _("Donor kind"), CHOICE, True, "单位", choices=tuple(DonorKind.choices)
        ),
        Column("donor", _("Donor"), required=True, example="江阴市长江村"),
        Column("place", _("Recipient place code"), REF, True, "654023", ref=PLACE),
        Column("recipient", _("Recipient"), example="霍城县央布拉克村"),
        Column("annual_amount", _("Amount per year (yuan)"), MONEY, True, "300000", total=True),
        Column("first_year", _("First year"), INTEGER, True, "2017"),
        Column("last_year", _("Last year"), INTEGER, example="2019"),
        Column("description", _("Description"), width=40),
        Column("source", _("Source")),
    ],
    key="code",
    title=_("Annual pledges"),
    filename="pledges",
    extra={"scope_column": "aiding_party"},
)

import_donations = partial(import_file, DONATIONS)
import_pledges = partial(import_file, PLEDGES)
